import { randomBytes } from 'node:crypto';
import type { Role } from '@giamsat/shared';
import QRCode from 'qrcode';
import { type Actor, requireUser, SYSTEM } from '../auth/actor.ts';
import { loadUserActor } from '../auth/auth.queries.ts';
import { hashToken } from '../auth/auth.service.ts';
import type { Db } from '../db/db.ts';
import { recordEvents } from '../events/events.ts';
import {
  checkTotp,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  recoveryCodeMatches,
  sealSecret,
  totpUri,
} from './second-factor.crypto.ts';
import { SecondFactorErrors } from './second-factor.errors.ts';
import {
  confirmFactor,
  countPendingAttempt,
  deleteFactor,
  deletePendingSignIn,
  findFactor,
  findPendingSignIn,
  holdCodes,
  insertPendingSignIn,
  listUnusedRecoveryCodes,
  type PendingSignInRow,
  recordCodeAccepted,
  recordCodeRejected,
  replaceRecoveryCodes,
  upsertUnconfirmedFactor,
  useRecoveryCode,
} from './second-factor.queries.ts';

/** What the second factor needs from the configuration (SECOND_FACTOR_KEY, SECOND_FACTOR_REQUIRED_ROLES). */
export interface SecondFactorSettings {
  requiredRoles: readonly Role[];
  key: Buffer | null;
}

/** A code from the authenticator app, or one of the recovery codes. */
export type CodeInput = { code: string } | { recoveryCode: string };

// Wrong codes: five free in a row, then each further one holds code checks back for a delay that
// doubles (5 s, 10 s, … up to 15 minutes). A half-done sign-in takes five wrong codes, then the
// password must be given again.
const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 15 * 60;
export const PENDING_SIGN_IN_ATTEMPTS = 5;
const PENDING_SIGN_IN_MINUTES = 10;

export function codeDelaySeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_SECONDS);
}

/** The step a sign-in stops at, once the password or the identity provider passed: none, a code, or enrolment. */
export async function secondFactorStep(
  db: Db,
  user: { id: number; role: Role },
  settings: SecondFactorSettings,
): Promise<'code' | 'enrol' | null> {
  const factor = await findFactor(db, user.id);
  if (factor?.confirmed_at) return 'code';
  return settings.requiredRoles.includes(user.role) ? 'enrol' : null;
}

/**
 * Checks a code for the user, counting wrong ones (429 while held back). A code from the app must be
 * newer than the last one accepted; a recovery code is used up. `unconfirmed` accepts the code of a
 * factor still being enrolled (recovery codes do not exist yet then).
 */
async function checkCode(
  db: Db,
  userId: number,
  input: CodeInput,
  settings: SecondFactorSettings,
  options: { unconfirmed: boolean },
): Promise<void> {
  const now = new Date();
  const factor = await findFactor(db, userId);
  if (!factor || (factor.confirmed_at === null) !== options.unconfirmed) throw SecondFactorErrors.notEnrolled();
  if (factor.held_until && factor.held_until > now) {
    throw SecondFactorErrors.tooManyAttempts(Math.ceil((factor.held_until.getTime() - now.getTime()) / 1000));
  }
  let accepted = false;
  let timeStep: number | null = null;
  if ('code' in input) {
    timeStep = await checkTotp(openSecret(factor.secret, settings.key), input.code, factor.last_time_step);
    accepted = timeStep !== null;
  } else if (!options.unconfirmed) {
    for (const stored of await listUnusedRecoveryCodes(db, userId)) {
      if (await recoveryCodeMatches(stored.code_hash, input.recoveryCode)) {
        accepted = await useRecoveryCode(db, stored.id, now);
        break;
      }
    }
  }
  if (accepted) {
    await recordCodeAccepted(db, userId, timeStep);
    return;
  }
  const failures = await recordCodeRejected(db, userId);
  const delay = codeDelaySeconds(failures);
  if (delay > 0) await holdCodes(db, userId, new Date(Date.now() + delay * 1000));
  throw SecondFactorErrors.codeInvalid();
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

/** A new secret for the user to put in their app (shown this once); the factor counts once confirmed. */
async function startEnrolment(db: Db, userId: number, username: string, key: Buffer | null): Promise<Enrolment> {
  const secret = newTotpSecret();
  if (!(await upsertUnconfirmedFactor(db, userId, sealSecret(secret, key)))) throw SecondFactorErrors.alreadyEnabled();
  const otpauthUri = totpUri(secret, username);
  return { secret, otpauthUri, qrCode: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

/** Confirms the enrolling factor with a code from the app; answers the recovery codes, shown once. */
async function finishEnrolment(
  db: Db,
  actor: Actor,
  userId: number,
  code: string,
  settings: SecondFactorSettings,
): Promise<string[]> {
  await checkCode(db, userId, { code }, settings, { unconfirmed: true });
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map(hashRecoveryCode));
  await db.transaction(async (tx) => {
    await confirmFactor(tx, userId, new Date());
    await replaceRecoveryCodes(tx, userId, hashes);
    await recordEvents(tx, actor, [{ entityType: 'user', entityId: userId, action: 'second_factor_enabled' }]);
  });
  return codes;
}

// ── The signed-in user's own second factor (the account page) ──────────────────────────────────────

export async function getSecondFactorStatus(db: Db, actor: Actor, settings: SecondFactorSettings) {
  const user = requireUser(actor);
  const factor = await findFactor(db, user.userId);
  const enabled = Boolean(factor?.confirmed_at);
  return {
    enabled,
    required: settings.requiredRoles.includes(user.role),
    recoveryCodesLeft: enabled ? (await listUnusedRecoveryCodes(db, user.userId)).length : 0,
  };
}

export async function enrolSecondFactor(
  db: Db,
  actor: Actor,
  account: { username: string },
  settings: SecondFactorSettings,
): Promise<Enrolment> {
  const user = requireUser(actor);
  return startEnrolment(db, user.userId, account.username, settings.key);
}

export async function confirmSecondFactor(
  db: Db,
  actor: Actor,
  input: { code: string },
  settings: SecondFactorSettings,
): Promise<string[]> {
  const user = requireUser(actor);
  return finishEnrolment(db, actor, user.userId, input.code, settings);
}

/** New recovery codes (the old ones stop working), after a code from the app or a recovery code. */
export async function renewRecoveryCodes(
  db: Db,
  actor: Actor,
  input: CodeInput,
  settings: SecondFactorSettings,
): Promise<string[]> {
  const user = requireUser(actor);
  await checkCode(db, user.userId, input, settings, { unconfirmed: false });
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map(hashRecoveryCode));
  await db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, user.userId, hashes);
    await recordEvents(tx, actor, [{ entityType: 'user', entityId: user.userId, action: 'recovery_codes_renewed' }]);
  });
  return codes;
}

/** Turns the second factor off (not for the roles that must have one), after a code. */
export async function disableSecondFactor(
  db: Db,
  actor: Actor,
  input: CodeInput,
  settings: SecondFactorSettings,
): Promise<void> {
  const user = requireUser(actor);
  if (settings.requiredRoles.includes(user.role)) throw SecondFactorErrors.required();
  await checkCode(db, user.userId, input, settings, { unconfirmed: false });
  await db.transaction(async (tx) => {
    await deleteFactor(tx, user.userId);
    await recordEvents(tx, actor, [{ entityType: 'user', entityId: user.userId, action: 'second_factor_disabled' }]);
  });
}

// ── The sign-in step: between the password (or the identity provider) and the session ─────────────

export async function beginPendingSignIn(
  db: Db,
  input: { userId: number; method: 'password' | 'oidc'; ip: string; userAgent: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + PENDING_SIGN_IN_MINUTES * 60 * 1000);
  await insertPendingSignIn(db, {
    tokenHash: hashToken(token),
    userId: input.userId,
    method: input.method,
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 500),
    expiresAt,
  });
  return { token, expiresAt };
}

async function getPendingSignIn(db: Db, token: string | undefined): Promise<PendingSignInRow> {
  const pending = token ? await findPendingSignIn(db, hashToken(token), new Date()) : undefined;
  if (!pending) throw SecondFactorErrors.signInExpired();
  return pending;
}

/** Which step the half-done sign-in behind the cookie is at. */
export async function getPendingStep(db: Db, token: string | undefined, settings: SecondFactorSettings) {
  const pending = await getPendingSignIn(db, token);
  const step = await secondFactorStep(db, { id: pending.user_id, role: pending.role }, settings);
  return { step: step ?? 'code', method: pending.method };
}

/** Enrolment during sign-in, for a role that must have a second factor and has none yet. */
export async function enrolDuringSignIn(
  db: Db,
  token: string | undefined,
  settings: SecondFactorSettings,
): Promise<Enrolment> {
  const pending = await getPendingSignIn(db, token);
  const factor = await findFactor(db, pending.user_id);
  if (factor?.confirmed_at) throw SecondFactorErrors.alreadyEnabled();
  return startEnrolment(db, pending.user_id, pending.username, settings.key);
}

/**
 * Completes the sign-in step with a code: checks it (or confirms the enrolment it started, then
 * answers the new recovery codes) and ends the half-done sign-in. The caller opens the session.
 */
export async function completePendingSignIn(
  db: Db,
  token: string | undefined,
  input: CodeInput,
  settings: SecondFactorSettings,
): Promise<{ userId: number; recoveryCodes: string[] | null }> {
  const pending = await getPendingSignIn(db, token);
  const tokenHash = hashToken(token ?? '');
  if ((await countPendingAttempt(db, tokenHash)) > PENDING_SIGN_IN_ATTEMPTS) {
    await deletePendingSignIn(db, tokenHash, new Date());
    throw SecondFactorErrors.signInExpired();
  }
  const factor = await findFactor(db, pending.user_id);
  let recoveryCodes: string[] | null = null;
  if (factor && factor.confirmed_at === null && 'code' in input) {
    // The owner enrols as they sign in: history names them.
    const owner = await loadUserActor(db, pending.user_id);
    recoveryCodes = await finishEnrolment(db, owner ?? SYSTEM, pending.user_id, input.code, settings);
  } else {
    await checkCode(db, pending.user_id, input, settings, { unconfirmed: false });
  }
  await deletePendingSignIn(db, tokenHash, new Date());
  return { userId: pending.user_id, recoveryCodes };
}
