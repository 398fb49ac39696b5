import type { AgencyLevel } from '@giamsat/shared';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import type { UserActor } from './actor.ts';

export interface SessionRow {
  session_id: number;
  last_seen_at: Date;
  user_id: number;
  csrf_token: string;
  role: 'admin' | 'office' | 'focal' | 'head' | 'inspector';
  agency_id: number;
  agency_path: string;
  scope_agency_id: number | null;
  scope_path: string | null;
}

/** Before every signed-in request: SQL function `live_session` (server/db/functions: it keeps its plan). */
export async function findLiveSession(db: Db, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  const [row] = await db.query<SessionRow>(sql`SELECT * FROM live_session(${tokenHash}, ${now})`);
  return row;
}

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: number; csrfToken: string; expiresAt: Date; userAgent: string; ip: string },
): Promise<void> {
  await db.query(sql`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, user_agent, ip)
    VALUES (${session.tokenHash}, ${session.userId}, ${session.csrfToken}, ${session.expiresAt},
            ${session.userAgent}, ${session.ip})`);
}

/** Marks the session seen now, unless another request already did within the last `everyMs`. */
export async function touchSession(db: Db, sessionId: number, now: Date, everyMs: number): Promise<void> {
  await db.query(sql`UPDATE sessions SET last_seen_at = ${now}
    WHERE id = ${sessionId} AND last_seen_at < ${new Date(now.getTime() - everyMs)}`);
}

/** Ends the user's sessions (all of them, or all but the one whose token hash is kept). */
export async function deleteSessions(db: Db, userId: number, keepTokenHash: string | null = null): Promise<number> {
  const rows = await db.query(sql`
    DELETE FROM sessions WHERE user_id = ${userId}
      ${keepTokenHash ? sql`AND token_hash <> ${keepTokenHash}` : sql.empty}
    RETURNING user_id`);
  return rows.length;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`);
}

export async function findUserForLogin(db: Db, username: string) {
  const [row] = await db.query<{
    id: number;
    password_hash: string | null;
    is_active: boolean;
    role: SessionRow['role'];
  }>(sql`SELECT id, password_hash, is_active, role FROM users WHERE lower(username) = lower(${username})`);
  return row;
}

export async function recordLoginAttempt(db: Db, username: string, ip: string, succeeded: boolean, at: Date) {
  await db.query(
    sql`INSERT INTO login_attempts (username, ip, succeeded, at) VALUES (${username}, ${ip}, ${succeeded}, ${at})`,
  );
}

/** The signed-in user, and any user's identity: who they are and where they work. */
export interface MeRow {
  id: number;
  username: string;
  full_name: string;
  role: 'admin' | 'office' | 'focal' | 'head' | 'inspector';
  agency_id: number;
  agency_name: string;
  agency_level: AgencyLevel;
  scope_agency_id: number | null;
  scope_agency_name: string | null;
}

export async function loadMe(db: Db, userId: number): Promise<MeRow | undefined> {
  const [row] = await db.query<MeRow>(sql`
    SELECT u.id, u.username, u.full_name, u.role, a.id AS agency_id, a.name AS agency_name, a.level AS agency_level,
           sa.id AS scope_agency_id, sa.name AS scope_agency_name
    FROM users u JOIN agencies a ON a.id = u.agency_id LEFT JOIN agencies sa ON sa.id = u.scope_agency_id
    WHERE u.id = ${userId}`);
  return row;
}

/** The user as an actor (for the history of what they do before their session exists). */
export async function loadUserActor(db: Db, userId: number): Promise<UserActor | undefined> {
  const [row] = await db.query<{
    role: UserActor['role'];
    agency_id: number;
    agency_path: string;
    scope_agency_id: number | null;
    scope_path: string | null;
  }>(sql`
    SELECT u.role, u.agency_id, a.path::text AS agency_path, u.scope_agency_id, sa.path::text AS scope_path
    FROM users u JOIN agencies a ON a.id = u.agency_id LEFT JOIN agencies sa ON sa.id = u.scope_agency_id
    WHERE u.id = ${userId}`);
  if (!row) return undefined;
  return {
    kind: 'user',
    userId,
    role: row.role,
    agencyId: row.agency_id,
    agencyPath: row.agency_path,
    scopeAgencyId: row.role === 'office' ? row.scope_agency_id : null,
    scopePath: row.role === 'office' ? row.scope_path : null,
  };
}
