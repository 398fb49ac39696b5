import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@giamsat/shared';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import type { Actor, UserActor } from './actor.ts';
import { AuthErrors } from './auth.errors.ts';
import {
  deleteSession,
  findLiveSession,
  findUserForLogin,
  insertSession,
  loadMe,
  type MeRow,
  recordLoginAttempt,
  touchSession,
} from './auth.queries.ts';
import { checkLoginLimit } from './login-limit.ts';
import { verifyPassword } from './password.ts';

const MAX_USER_AGENT = 500;
/** "Last seen" is written at most this often per session, not on every request. */
export const LAST_SEEN_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Checks a password sign-in (within the login limits): answers the account, or throws. The session is
 * opened by the caller, after the second factor when the account has one (auth/sign-in.ts).
 */
export async function checkPassword(
  db: Db,
  input: { username: string; password: string; ip: string },
): Promise<{ id: number; role: Role }> {
  const now = new Date();
  const limit = await checkLoginLimit(db, input.username, input.ip, now);
  const user = await findUserForLogin(db, input.username);
  // Verify against a real hash even for unknown users would cost the same time; we accept the small
  // timing difference and rely on the rate limit instead.
  // An invited account has no password until its owner sets one through the e-mailed link.
  const ok =
    user?.is_active === true &&
    user.password_hash !== null &&
    (await verifyPassword(user.password_hash, input.password));
  await recordLoginAttempt(db, input.username, input.ip, ok, now);
  await limit.settle(ok);
  if (!ok || !user) throw AuthErrors.invalidCredentials();
  return { id: user.id, role: user.role };
}

/** Opens a session for the user: the cookie's token (only its hash is stored) and its CSRF token. */
export async function startSession(
  db: Db,
  input: { userId: number; ip: string; userAgent: string; ttlHours: number },
): Promise<{ token: string; csrfToken: string; userId: number; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + input.ttlHours * 3600 * 1000);
  // Kept to name the session in its owner's list; a bounded length, whatever the browser sends.
  const userAgent = input.userAgent.slice(0, MAX_USER_AGENT);
  await insertSession(db, {
    tokenHash: hashToken(token),
    userId: input.userId,
    csrfToken,
    expiresAt,
    userAgent,
    ip: input.ip,
  });
  return { token, csrfToken, userId: input.userId, expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

/**
 * The actor behind a session cookie, or null when the session is unknown or expired. Marks the session
 * seen, at most once a minute: the update is skipped while the stored time is recent.
 */
export async function resolveSession(
  db: Db,
  token: string,
): Promise<{ actor: UserActor; csrfToken: string; sessionId: number } | null> {
  const now = new Date();
  const row = await findLiveSession(db, hashToken(token), now);
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() >= LAST_SEEN_EVERY_MS) {
    await touchSession(db, row.session_id, now, LAST_SEEN_EVERY_MS);
  }
  return {
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    actor: {
      kind: 'user',
      userId: row.user_id,
      role: row.role,
      agencyId: row.agency_id,
      agencyPath: row.agency_path,
      scopeAgencyId: row.role === 'office' ? row.scope_agency_id : null,
      scopePath: row.role === 'office' ? row.scope_path : null,
    },
  };
}

/** The signed-in user as the app shows them (401 when nobody is signed in or the account is gone). */
export async function getMe(db: Db, actor: Actor): Promise<MeRow> {
  if (actor.kind !== 'user') throw CommonErrors.unauthenticated();
  const row = await loadMe(db, actor.userId);
  if (!row) throw CommonErrors.unauthenticated();
  return row;
}
