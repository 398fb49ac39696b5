import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../errors/error.schemas.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { toMeResponse } from './auth.responses.ts';
import { LoginBody, MeResponse } from './auth.schemas.ts';
import { getMe, login, logout, resolveSession } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const limits = { maxUploadBytes: config.maxUploadBytes };

  app.post(
    '/api/auth/login',
    {
      config: { openToVisitors: true },
      schema: {
        tags: ['auth'],
        body: LoginBody,
        // Signing in needs no session (nor its CSRF token); too many failures answer 429 with Retry-After.
        security: [],
        response: { 200: MeResponse, 429: ErrorResponse },
      },
    },
    async (req, reply) => {
      const session = await login(req.db, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
        ttlHours: config.sessionTtlHours,
      });
      const secure = config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure === 'true';
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        expires: session.expiresAt,
      });
      const resolved = await resolveSession(req.db, session.token);
      if (!resolved) throw new Error('session vanished right after login');
      return toMeResponse(await getMe(req.db, resolved.actor), session.csrfToken, limits);
    },
  );

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
