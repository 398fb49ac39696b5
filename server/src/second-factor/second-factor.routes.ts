import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toMeResponse } from '../auth/auth.responses.ts';
import { getMe, resolveSession } from '../auth/auth.service.ts';
import { clearSignInStepCookie, openSession, SIGN_IN_STEP_COOKIE, setSessionCookie } from '../auth/sign-in.ts';
import { ErrorResponse } from '../errors/error.schemas.ts';
import {
  CodeBody,
  ConfirmBody,
  EnrolmentResponse,
  RecoveryCodesResponse,
  SecondFactorStatusResponse,
  SignInCompleteResponse,
  SignInStepResponse,
} from './second-factor.schemas.ts';
import {
  completePendingSignIn,
  confirmSecondFactor,
  disableSecondFactor,
  enrolDuringSignIn,
  enrolSecondFactor,
  getPendingStep,
  getSecondFactorStatus,
  renewRecoveryCodes,
} from './second-factor.service.ts';

export const secondFactorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const settings = config.secondFactor;
  const limits = { maxUploadBytes: config.maxUploadBytes };
  const refusals = { 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };

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

  // ── The signed-in user's own second factor (the account page) ──
  app.get(
    '/api/auth/second-factor',
    { schema: { tags: ['auth'], response: { 200: SecondFactorStatusResponse } } },
    async (req) => getSecondFactorStatus(req.db, req.actor, settings),
  );

  app.post(
    '/api/auth/second-factor/enrolment',
    { schema: { tags: ['auth'], response: { 200: EnrolmentResponse, ...refusals } } },
    async (req) => enrolSecondFactor(req.db, req.actor, await getMe(req.db, req.actor), settings),
  );

  app.post(
    '/api/auth/second-factor/confirm',
    { schema: { tags: ['auth'], body: ConfirmBody, response: { 200: RecoveryCodesResponse, ...refusals } } },
    async (req) => ({ recoveryCodes: await confirmSecondFactor(req.db, req.actor, req.body, settings) }),
  );

  app.post(
    '/api/auth/second-factor/recovery-codes',
    { schema: { tags: ['auth'], body: CodeBody, response: { 200: RecoveryCodesResponse, ...refusals } } },
    async (req) => ({ recoveryCodes: await renewRecoveryCodes(req.db, req.actor, req.body, settings) }),
  );

  app.post(
    '/api/auth/second-factor/disable',
    {
      schema: { tags: ['auth'], body: CodeBody, response: { 204: z.null(), 403: ErrorResponse, ...refusals } },
    },
    async (req, reply) => {
      await disableSecondFactor(req.db, req.actor, req.body, settings);
      return reply.code(204).send(null);
    },
  );
};
