import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../errors/error.schemas.ts';
import { SignInStepResponse } from '../second-factor/second-factor.schemas.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { toMeResponse } from './auth.responses.ts';
import { LoginBody, MeResponse } from './auth.schemas.ts';
import { checkPassword, getMe, logout, resolveSession } from './auth.service.ts';
import { afterFirstFactor, setSessionCookie, setSignInStepCookie } from './sign-in.ts';

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
        // Signing in needs no session (nor its CSRF token); too many failures answer 429 with Retry-After;
        // an account with a second factor answers 202 and the step to take next.
        security: [],
        response: { 200: MeResponse, 202: SignInStepResponse, 429: ErrorResponse },
      },
    },
    async (req, reply) => {
      const user = await checkPassword(req.db, { ...req.body, ip: req.ip });
      const outcome = await afterFirstFactor(req.db, config, {
        userId: user.id,
        role: user.role,
        method: 'password',
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      if (outcome.kind === 'second_factor') {
        // The password passed; the session waits for the second factor (202: one more step).
        setSignInStepCookie(req, reply, config, outcome.pending);
        return reply.code(202).send({ step: outcome.step, method: 'password' as const });
      }
      setSessionCookie(req, reply, config, outcome.session);
      const resolved = await resolveSession(req.db, outcome.session.token);
      if (!resolved) throw new Error('session vanished right after login');
      return toMeResponse(await getMe(req.db, resolved.actor), outcome.session.csrfToken, limits);
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
