import { IdParams } from '@giamsat/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import { toSessionResponse } from './session.responses.ts';
import { SessionListResponse, SignOutOthersResponse } from './session.schemas.ts';
import { listMySessions, signOutOtherSessions, signOutSession, signOutUserEverywhere } from './session.service.ts';

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  // The signed-in user's own sessions (device, address, last seen), and signing them out.
  app.get(
    '/api/auth/sessions',
    { schema: { tags: ['auth'], response: { 200: SessionListResponse } } },
    async (req) => ({
      items: (await listMySessions(req.db, req.actor)).map((row) => toSessionResponse(row, req.sessionId)),
    }),
  );

  app.delete(
    '/api/auth/sessions/:id',
    { schema: { tags: ['auth'], params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await signOutSession(req.db, req.actor, req.params.id);
      // Signing out the session in use is signing out here too.
      if (req.params.id === req.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/sessions/sign-out-others',
    { schema: { tags: ['auth'], response: { 200: SignOutOthersResponse } } },
    async (req) => ({
      signedOut: await signOutOtherSessions(req.db, req.actor, req.cookies[SESSION_COOKIE] ?? ''),
    }),
  );

  // An administrator ends every session of an account.
  app.post(
    '/api/users/:id/sign-out-everywhere',
    {
      schema: {
        tags: ['users'],
        summary: 'Sign an account out everywhere (every session ends; the password stays)',
        params: IdParams,
        response: { 200: SignOutOthersResponse },
      },
    },
    async (req) => ({ signedOut: await signOutUserEverywhere(req.db, req.actor, req.params.id) }),
  );
};
