import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getMe } from '../auth/auth.service.ts';
import { ErrorResponse } from '../errors/error.schemas.ts';
import {
  CodeBody,
  ConfirmBody,
  EnrolmentResponse,
  RecoveryCodesResponse,
  SecondFactorStatusResponse,
} from './second-factor.schemas.ts';
import {
  confirmSecondFactor,
  disableSecondFactor,
  enrolSecondFactor,
  getSecondFactorStatus,
  renewRecoveryCodes,
} from './second-factor.service.ts';

/** The signed-in user's own second factor (the account page); the sign-in step is in sign-in/. */
export const secondFactorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const settings = config.secondFactor;
  const refusals = { 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };

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
