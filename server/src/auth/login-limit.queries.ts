import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

export interface ThrottleRow {
  id: number;
  account: string;
  ip: string;
  failures: number;
  window_started_at: Date;
  last_failure_at: Date;
  blocked_until: Date;
}

/** The latest moment any of these counters (account/address pairs, '' for "every") holds sign-in back to. */
export async function findBlockedUntil(
  db: Db,
  keys: readonly { account: string; ip: string }[],
  now: Date,
): Promise<Date | null> {
  const [row] = await db.query<{ until: Date | null }>(sql`
    SELECT max(blocked_until) AS until FROM login_throttles
    WHERE (account, ip) IN (SELECT * FROM unnest(${keys.map((k) => k.account)}::text[], ${keys.map((k) => k.ip)}::text[]))
      AND blocked_until > GREATEST(${now}::timestamptz, now())`);
  return row?.until ?? null;
}

/**
 * Counts one failure on a counter, atomically across app processes; a count whose window began before
 * `forgetBefore` starts again at one. Returns the counter after the failure.
 */
export async function addFailure(
  db: Db,
  key: { account: string; ip: string },
  now: Date,
  forgetBefore: Date,
): Promise<ThrottleRow> {
  const [row] = await db.query<ThrottleRow>(sql`
    INSERT INTO login_throttles AS t (account, ip, failures, window_started_at, last_failure_at, blocked_until)
    VALUES (${key.account}, ${key.ip}, 1, ${now}, ${now}, ${now})
    ON CONFLICT (account, ip) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < ${forgetBefore} THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < ${forgetBefore} THEN ${now} ELSE t.window_started_at END,
      last_failure_at = ${now}
    RETURNING *`);
  return row!;
}

/** Holds a counter back until `until` (never shortening a hold a concurrent failure set). */
export async function holdUntil(db: Db, id: number, until: Date): Promise<void> {
  await db.query(sql`UPDATE login_throttles SET blocked_until = GREATEST(blocked_until, ${until}) WHERE id = ${id}`);
}

export async function deleteThrottle(db: Db, key: { account: string; ip: string }): Promise<void> {
  await db.query(sql`DELETE FROM login_throttles WHERE account = ${key.account} AND ip = ${key.ip}`);
}

export async function isUsualAddress(db: Db, account: string, ip: string, since: Date): Promise<boolean> {
  const [row] = await db.query<{ usual: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM login_usual_addresses
                   WHERE account = ${account} AND ip = ${ip} AND last_success_at > ${since}) AS usual`);
  return row?.usual ?? false;
}

export async function rememberUsualAddress(db: Db, account: string, ip: string, now: Date): Promise<void> {
  await db.query(sql`
    INSERT INTO login_usual_addresses (account, ip, last_success_at) VALUES (${account}, ${ip}, ${now})
    ON CONFLICT (account, ip) DO UPDATE SET last_success_at = EXCLUDED.last_success_at`);
}

/** A counter slowing sign-in down, with the account it names (when one exists) and whether the address is usual. */
export interface LoginBlockRow extends ThrottleRow {
  user_id: number | null;
  user_full_name: string | null;
  usual_address: boolean;
}

/**
 * The counters slowing sign-in down now: past their free failures (a delay was set at their last
 * failure), counted within their memory (`forgetBefore`: per account, per address). The delay itself
 * may have run out; the next failure would bring a longer one.
 */
export async function listLoginBlocks(
  db: Db,
  forgetBefore: { account: Date; address: Date },
  usualSince: Date,
): Promise<LoginBlockRow[]> {
  return db.query<LoginBlockRow>(sql`
    SELECT t.*, u.id AS user_id, u.full_name AS user_full_name,
           EXISTS (SELECT 1 FROM login_usual_addresses a
                   WHERE a.account = t.account AND a.ip = t.ip AND a.last_success_at > ${usualSince}) AS usual_address
    FROM login_throttles t LEFT JOIN users u ON t.account <> '' AND lower(u.username) = t.account
    WHERE t.blocked_until > t.last_failure_at
      AND t.window_started_at > CASE WHEN t.account = '' THEN ${forgetBefore.address}::timestamptz ELSE ${forgetBefore.account}::timestamptz END
    ORDER BY t.blocked_until DESC, t.id
    LIMIT 500`);
}

export async function deleteThrottleById(db: Db, id: number): Promise<LoginBlockRow | undefined> {
  const [row] = await db.query<LoginBlockRow>(sql`
    WITH gone AS (DELETE FROM login_throttles WHERE id = ${id} RETURNING *)
    SELECT g.*, u.id AS user_id, u.full_name AS user_full_name, false AS usual_address
    FROM gone g LEFT JOIN users u ON g.account <> '' AND lower(u.username) = g.account`);
  return row;
}
