import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

// The statements behind a user's list of their own sessions (the sessions table is auth's: server/src/auth).

export interface UserSessionRow {
  id: number;
  user_agent: string;
  ip: string;
  created_at: Date;
  last_seen_at: Date;
}

/** One user's live sessions, the most recently seen first. */
export function listUserSessions(db: Db, userId: number, now: Date): Promise<UserSessionRow[]> {
  return db.query<UserSessionRow>(sql`
    SELECT id, user_agent, ip, created_at, last_seen_at FROM sessions
    WHERE user_id = ${userId} AND expires_at > ${now}
    ORDER BY last_seen_at DESC, id DESC`);
}

/** Ends one of the user's sessions; undefined when the user has no session by that id (another user's included). */
export async function deleteUserSession(
  db: Db,
  userId: number,
  sessionId: number,
): Promise<UserSessionRow | undefined> {
  const [row] = await db.query<UserSessionRow>(sql`
    DELETE FROM sessions WHERE id = ${sessionId} AND user_id = ${userId}
    RETURNING id, user_agent, ip, created_at, last_seen_at`);
  return row;
}
