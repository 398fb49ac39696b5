import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toMailPreferencesResponse } from './mail.responses.ts';
import { MailPreferencesResponse, UpdateMailPreferencesBody } from './mail.schemas.ts';
import { getMailPreferences, updateMailPreferences } from './mail.service.ts';

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['mail'];

  app.get(
    '/api/mail/preferences',
    { schema: { tags, summary: 'My e-mail settings', response: { 200: MailPreferencesResponse } } },
    async (req) => toMailPreferencesResponse(await getMailPreferences(req.db, req.actor)),
  );

  app.put(
    '/api/mail/preferences',
    {
      schema: {
        tags,
        summary: 'Set my e-mail settings (notifications by e-mail, language)',
        body: UpdateMailPreferencesBody,
        response: { 200: MailPreferencesResponse },
      },
    },
    async (req) => toMailPreferencesResponse(await updateMailPreferences(req.db, req.actor, req.body)),
  );
};
