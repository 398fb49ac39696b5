import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { toMeResponse } from './auth.responses.ts';
import { MeResponse } from './auth.schemas.ts';
import { getMe, logout } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const limits = { maxUploadBytes: config.maxUploadBytes };

  // Signing out with an expired session still clears the cookie.
  const logoutOptions = { config: { openToVisitors: true }, schema: { tags: ['auth'], response: { 204: z.null() } } };
  app.post('/api/auth/logout', logoutOptions, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(req.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: MeResponse } } }, async (req) =>
    toMeResponse(await getMe(req.db, req.actor), req.csrfToken ?? '', limits),
  );
};
