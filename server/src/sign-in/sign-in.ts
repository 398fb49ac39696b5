import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import { startSession } from '../auth/auth.service.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import { beginPendingSignIn, secondFactorStep } from '../second-factor/second-factor.service.ts';

// Every way in (a password, the identity provider) ends here once the first factor passed: a session
// at once, or a half-done sign-in held by a short-lived cookie until the second factor is given (or,
// for the roles that must have one, enrolled).

/** The cookie holding a half-done sign-in: only the sign-in step's routes read it. */
export const SIGN_IN_STEP_COOKIE = 'giamsat_sign_in_step';
const SIGN_IN_STEP_PATH = '/api/auth/login';

export type SignInOutcome =
  | { kind: 'session'; session: Awaited<ReturnType<typeof startSession>> }
  | { kind: 'second_factor'; step: 'code' | 'enrol'; pending: { token: string; expiresAt: Date } };

export async function afterFirstFactor(
  db: Db,
  config: Config,
  input: {
    userId: number;
    role: Parameters<typeof secondFactorStep>[1]['role'];
    method: 'password' | 'oidc';
    ip: string;
    userAgent: string;
  },
): Promise<SignInOutcome> {
  const step = await secondFactorStep(db, { id: input.userId, role: input.role }, config.secondFactor);
  if (step) return { kind: 'second_factor', step, pending: await beginPendingSignIn(db, input) };
  return { kind: 'session', session: await openSession(db, config, input) };
}

export function openSession(db: Db, config: Config, input: { userId: number; ip: string; userAgent: string }) {
  return startSession(db, { ...input, ttlHours: config.sessionTtlHours });
}

const secureCookies = (req: FastifyRequest, config: Config) =>
  config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure === 'true';

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  session: { token: string; expiresAt: Date },
): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(req, config),
    expires: session.expiresAt,
  });
}

export function setSignInStepCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  pending: { token: string; expiresAt: Date },
): void {
  reply.setCookie(SIGN_IN_STEP_COOKIE, pending.token, {
    path: SIGN_IN_STEP_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(req, config),
    expires: pending.expiresAt,
  });
}

export function clearSignInStepCookie(reply: FastifyReply): void {
  reply.clearCookie(SIGN_IN_STEP_COOKIE, { path: SIGN_IN_STEP_PATH });
}
