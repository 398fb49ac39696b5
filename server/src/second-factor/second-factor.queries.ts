import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

export interface FactorRow {
  user_id: number;
  secret: string;
  confirmed_at: Date | null;
  last_time_step: number | null;
  failures: number;
  held_until: Date | null;
}

export async function findFactor(db: Db, userId: number): Promise<FactorRow | undefined> {
  const [row] = await db.query<FactorRow>(sql`
    SELECT user_id, secret, confirmed_at, last_time_step::float8 AS last_time_step, failures, held_until
    FROM second_factors WHERE user_id = ${userId}`);
  return row;
}

/** A new secret for an owner enrolling: replaces an unconfirmed one, never a confirmed one. */
export async function upsertUnconfirmedFactor(db: Db, userId: number, secret: string): Promise<boolean> {
  const rows = await db.query(sql`
    INSERT INTO second_factors (user_id, secret) VALUES (${userId}, ${secret})
    ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, failures = 0, held_until = NULL,
      last_time_step = NULL, created_at = now()
      WHERE second_factors.confirmed_at IS NULL
    RETURNING user_id`);
  return rows.length === 1;
}

export async function confirmFactor(db: Db, userId: number, at: Date): Promise<void> {
  await db.query(sql`UPDATE second_factors SET confirmed_at = ${at} WHERE user_id = ${userId}`);
}

export async function deleteFactor(db: Db, userId: number): Promise<void> {
  await db.query(sql`DELETE FROM second_factors WHERE user_id = ${userId}`);
  await db.query(sql`DELETE FROM recovery_codes WHERE user_id = ${userId}`);
}

export async function recordCodeAccepted(db: Db, userId: number, timeStep: number | null): Promise<void> {
  await db.query(sql`UPDATE second_factors SET failures = 0, held_until = NULL,
      last_time_step = coalesce(${timeStep}::bigint, last_time_step)
    WHERE user_id = ${userId}`);
}

/** Counts one wrong code; answers how many are now in a row. */
export async function recordCodeRejected(db: Db, userId: number): Promise<number> {
  const [row] = await db.query<{ failures: number }>(sql`
    UPDATE second_factors SET failures = failures + 1 WHERE user_id = ${userId} RETURNING failures`);
  return row?.failures ?? 0;
}

export async function holdCodes(db: Db, userId: number, until: Date): Promise<void> {
  await db.query(sql`UPDATE second_factors SET held_until = ${until} WHERE user_id = ${userId}`);
}

export async function replaceRecoveryCodes(db: Db, userId: number, hashes: string[]): Promise<void> {
  await db.query(sql`DELETE FROM recovery_codes WHERE user_id = ${userId}`);
  for (const hash of hashes) {
    await db.query(sql`INSERT INTO recovery_codes (user_id, code_hash) VALUES (${userId}, ${hash})`);
  }
}

export async function listUnusedRecoveryCodes(db: Db, userId: number): Promise<{ id: number; code_hash: string }[]> {
  return db.query(sql`SELECT id, code_hash FROM recovery_codes WHERE user_id = ${userId} AND used_at IS NULL`);
}

/** Marks a recovery code used; false when another request used it first. */
export async function useRecoveryCode(db: Db, id: number, at: Date): Promise<boolean> {
  const rows = await db.query(sql`UPDATE recovery_codes SET used_at = ${at} WHERE id = ${id} AND used_at IS NULL
    RETURNING id`);
  return rows.length === 1;
}

export async function insertPendingSignIn(
  db: Db,
  row: {
    tokenHash: string;
    userId: number;
    method: 'password' | 'oidc';
    ip: string;
    userAgent: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(sql`INSERT INTO pending_sign_ins (token_hash, user_id, method, ip, user_agent, expires_at)
    VALUES (${row.tokenHash}, ${row.userId}, ${row.method}, ${row.ip}, ${row.userAgent}, ${row.expiresAt})`);
}

export interface PendingSignInRow {
  user_id: number;
  username: string;
  role: 'admin' | 'office' | 'focal' | 'head' | 'inspector';
  method: 'password' | 'oidc';
  attempts: number;
}

export async function findPendingSignIn(db: Db, tokenHash: string, now: Date): Promise<PendingSignInRow | undefined> {
  const [row] = await db.query<PendingSignInRow>(sql`
    SELECT p.user_id, u.username, u.role, p.method, p.attempts
    FROM pending_sign_ins p JOIN users u ON u.id = p.user_id
    WHERE p.token_hash = ${tokenHash} AND p.expires_at > ${now} AND u.is_active`);
  return row;
}

/** Counts one code tried on a half-done sign-in; answers the attempts so far. */
export async function countPendingAttempt(db: Db, tokenHash: string): Promise<number> {
  const [row] = await db.query<{ attempts: number }>(sql`
    UPDATE pending_sign_ins SET attempts = attempts + 1 WHERE token_hash = ${tokenHash} RETURNING attempts`);
  return row?.attempts ?? Number.POSITIVE_INFINITY;
}

export async function deletePendingSignIn(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.query(sql`DELETE FROM pending_sign_ins WHERE token_hash = ${tokenHash} OR expires_at < ${now}`);
}
