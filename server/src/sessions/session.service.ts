import { type Actor, requireRole, requireUser } from '../auth/actor.ts';
import { deleteSessions } from '../auth/auth.queries.ts';
import { hashToken } from '../auth/auth.service.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { describeDevice } from './device.ts';
import { deleteUserSession, listUserSessions, type UserSessionRow } from './session.queries.ts';

/** The signed-in user's own live sessions (never anyone else's). */
export async function listMySessions(db: Db, actor: Actor): Promise<UserSessionRow[]> {
  const user = requireUser(actor);
  return listUserSessions(db, user.userId, new Date());
}

/** Signs out one of the signed-in user's sessions; another user's session is not found (404). */
export async function signOutSession(db: Db, actor: Actor, sessionId: number): Promise<void> {
  const user = requireUser(actor);
  await db.transaction(async (tx) => {
    const ended = await deleteUserSession(tx, user.userId, sessionId);
    if (!ended) throw CommonErrors.notFound('session', sessionId);
    await recordEvent(tx, actor, {
      entityType: 'user',
      entityId: user.userId,
      action: 'session_signed_out',
      before: sessionAuditView(ended),
    });
  });
}

/** "Sign out everywhere else": every session of the signed-in user but the one making the request. */
export async function signOutOtherSessions(db: Db, actor: Actor, currentToken: string): Promise<number> {
  const user = requireUser(actor);
  return db.transaction(async (tx) => {
    const ended = await deleteSessions(tx, user.userId, hashToken(currentToken));
    await recordEvent(tx, actor, {
      entityType: 'user',
      entityId: user.userId,
      action: 'other_sessions_signed_out',
      after: { signedOut: ended },
    });
    return ended;
  });
}

/**
 * An administrator signs an account out everywhere (a lost phone, a shared password): every session of
 * the account ends; its password stays (a reset is the separate step of mailing a link).
 */
export async function signOutUserEverywhere(db: Db, actor: Actor, userId: number): Promise<number> {
  requireRole(actor, ['admin'], 'users.sign_out');
  return db.transaction(async (tx) => {
    const [user] = await tx.query<{ id: number }>(sql`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`);
    if (!user) throw CommonErrors.notFound('user', userId);
    const ended = await deleteSessions(tx, userId);
    await recordEvent(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'signed_out_everywhere',
      after: { signedOut: ended },
    });
    return ended;
  });
}

/** What history keeps of a session: where and on what it was used, never its token. */
function sessionAuditView(row: UserSessionRow) {
  return { sessionId: row.id, device: describeDevice(row.user_agent), ip: row.ip, createdAt: row.created_at };
}
