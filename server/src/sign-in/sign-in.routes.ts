import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toMeResponse } from '../auth/auth.responses.ts';
import { LoginBody, MeResponse } from '../auth/auth.schemas.ts';
import { checkPassword, getMe, resolveSession } from '../auth/auth.service.ts';
import { ErrorResponse } from '../errors/error.schemas.ts';
import {
  CodeBody,
  EnrolmentResponse,
  SignInCompleteResponse,
  SignInStepResponse,
} from '../second-factor/second-factor.schemas.ts';
import { completePendingSignIn, enrolDuringSignIn, getPendingStep } from '../second-factor/second-factor.service.ts';
import {
  afterFirstFactor,
  clearSignInStepCookie,
  openSession,
  SIGN_IN_STEP_COOKIE,
  setSessionCookie,
  setSignInStepCookie,
} from './sign-in.ts';

/** Signing in with a password, and the second-factor step every way of signing in may stop at. */
export const signInRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const settings = config.secondFactor;
  const limits = { maxUploadBytes: config.maxUploadBytes };
  const refusals = { 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };

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

  // ── The sign-in step: whoever holds the half-done sign-in's cookie (no session yet) ──
  app.get(
    '/api/auth/login/second-factor',
    { schema: { tags: ['auth'], response: { 200: SignInStepResponse, 401: ErrorResponse } } },
    async (req) => getPendingStep(req.db, req.cookies[SIGN_IN_STEP_COOKIE], settings),
  );

  app.post(
    '/api/auth/login/second-factor/enrolment',
    {
      config: { openToVisitors: true },
      schema: { tags: ['auth'], security: [], response: { 200: EnrolmentResponse, ...refusals } },
    },
    async (req) => enrolDuringSignIn(req.db, req.cookies[SIGN_IN_STEP_COOKIE], settings),
  );

  app.post(
    '/api/auth/login/second-factor',
    {
      config: { openToVisitors: true },
      schema: { tags: ['auth'], security: [], body: CodeBody, response: { 200: SignInCompleteResponse, ...refusals } },
    },
    async (req, reply) => {
      const done = await completePendingSignIn(req.db, req.cookies[SIGN_IN_STEP_COOKIE], req.body, settings);
      const session = await openSession(req.db, config, {
        userId: done.userId,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      clearSignInStepCookie(reply);
      setSessionCookie(req, reply, config, session);
      const resolved = await resolveSession(req.db, session.token);
      if (!resolved) throw new Error('session vanished right after sign-in');
      return {
        ...toMeResponse(await getMe(req.db, resolved.actor), session.csrfToken, limits),
        recoveryCodes: done.recoveryCodes,
      };
    },
  );
};
