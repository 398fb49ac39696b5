import { Timeliness } from '@giamsat/shared';
import { isLive } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

/**
 * The day's tally (tables: migration 0070; functions and triggers: server/db/functions/dashboard_tally*.sql):
 * the counts the national dashboard reads instead of judging every task on each request. Built on the
 * first request of a day; from then on the triggers correct it in the same transaction as every write to
 * a task, its lead bodies or its directive.
 */

// Any constant: the same in every app process, so only one of them builds a day.
const TALLY_BUILD_LOCK = 5_700_070;
const DEADLOCK_DETECTED = '40P01';

/** Is the tally of `day` built (with this stale rule)? */
async function isBuilt(db: Db, day: string, staleAfterDays: number): Promise<boolean> {
  const rows = await db.query(
    sql`SELECT 1 FROM dashboard_days WHERE day = ${day}::date AND stale_after_days = ${staleAfterDays}::int`,
  );
  return rows.length > 0;
}

/**
 * Makes sure the tally of `day` exists, building it if needed (≈1 s of database time at 200,000 tasks),
 * and drops the tallies of earlier days (they would otherwise be corrected on every write, for nothing).
 *
 * While a day is built, writes to the tables it reads wait (SHARE locks): a write either committed
 * before the build counted it, or runs after and its trigger corrects the new day — none falls between.
 *
 * Answers whether `db` can read the tally now: a replica's handle asks its primary to build it and
 * answers false until it has replayed the build.
 */
export async function ensureTallyDay(
  db: Db,
  day: string,
  staleAfterDays: number,
  /** The trend window's month starts for `day` (monthStarts). */
  months: readonly string[],
): Promise<boolean> {
  if (await isBuilt(db, day, staleAfterDays)) return true;
  if (db.primary) {
    // A replica cannot build: the primary builds it (any app process's keepTodayTallied does too) and
    // the replica has it once replayed. Meanwhile this reader judges task by task.
    void ensureTallyDay(db.primary, day, staleAfterDays, months).catch(() => {});
    return false;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        await tx.query(sql`SELECT pg_advisory_xact_lock(${TALLY_BUILD_LOCK})`);
        if (await isBuilt(tx, day, staleAfterDays)) return;
        await tx.query('LOCK TABLE directives, tasks, task_assignments, agencies, agency_group_members IN SHARE MODE');
        await tx.query(sql`DELETE FROM dashboard_days WHERE day < ${day}::date OR day = ${day}::date`);
        await tx.query(sql`
          INSERT INTO dashboard_days (day, stale_after_days, months)
          VALUES (${day}::date, ${staleAfterDays}::int, ${`{${months.join(',')}}`}::date[])`);
        if (tx.kind === 'pglite') await tx.query(`SET LOCAL work_mem = '64MB'`);
        await tx.query(sql`
          SELECT dashboard_tally_apply(ARRAY(
            SELECT dashboard_fact(1, d.level, d.programme_code, t.deadline_kind, t.due_date, t.completed_on,
                                  t.last_accepted_report_at, t.created_at, d.published_at, t.lead_agency_ids)
            FROM tasks t JOIN directives d ON d.id = t.directive_id
            WHERE ${isLive('d')}), ${day}::date)`);
      });
      return true;
    } catch (error) {
      // The SHARE locks can meet a writer that holds one of the tables and wants another: PostgreSQL
      // breaks the cycle by failing one side. If it is the build, build again.
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= 3) throw error;
    }
  }
}

/** The count columns of a per-body or per-province row (and of the dashboard's count rows). */
export const COUNT_COLUMNS = ['total', 'stale', ...Timeliness.options];

const TALLY_TABLES = [
  {
    table: 'dashboard_tally_tasks',
    keys: 'day, level, programme_code, state, stale, ageing, due_on, ck, dk, sk, ek',
    sums: ['n'],
  },
  { table: 'dashboard_tally_bodies', keys: 'day, level, programme_code, agency_id', sums: COUNT_COLUMNS },
  { table: 'dashboard_tally_provinces', keys: 'day, level, programme_code, province_id', sums: COUNT_COLUMNS },
  { table: 'dashboard_tally_leads', keys: 'day, level, programme_code, lead_agency_ids', sums: ['n'] },
];

/**
 * Each write adds correction rows to the day's tally; this folds them back into one row per key
 * (when they outnumber the keys by a quarter), so reads stay as cheap in the evening as in the morning.
 * One statement per table: it deletes the rows its snapshot sees and inserts their sums, so writers
 * adding corrections meanwhile neither wait nor lose anything, and readers see before or after.
 * Returns how many rows it removed.
 */
export async function compactTallyDay(db: Db, day: string): Promise<number> {
  let removed = 0;
  for (const { table, keys, sums } of TALLY_TABLES) {
    const [count] = await db.query<{ rows: number; keys: number }>(
      sql`SELECT count(*) AS rows, count(DISTINCT (${sql.raw(keys)})) AS keys FROM ${sql.raw(table)} WHERE day = ${day}::date`,
    );
    const rows = Number(count?.rows ?? 0);
    if (rows <= Number(count?.keys ?? 0) * 1.25) continue;
    const [result] = await db.query<{ kept: number }>(sql`
      WITH gone AS (DELETE FROM ${sql.raw(table)} WHERE day = ${day}::date RETURNING *),
      kept AS (
        INSERT INTO ${sql.raw(table)} (${sql.raw(keys)}, ${sql.raw(sums.join(', '))})
        SELECT ${sql.raw(keys)}, ${sql.raw(sums.map((c) => `sum(${c})`).join(', '))} FROM gone
        GROUP BY ${sql.raw(keys)}
        HAVING ${sql.raw(sums.map((c) => `sum(${c}) <> 0`).join(' OR '))}
        RETURNING 1)
      SELECT count(*) AS kept FROM kept`);
    removed += rows - Number(result?.kept ?? 0);
  }
  return removed;
}

/**
 * In a long-running app process: every `intervalMs`, makes sure today's tally exists (so after
 * midnight, or after a body moved, no reader waits for the build) and compacts it. Any number of
 * processes may run this; the build lock lets one build.
 */
export function keepTodayTallied(
  db: Db,
  options: {
    today: () => string;
    staleAfterDays: number;
    monthStarts: (day: string) => string[];
    intervalMs?: number;
    onError?: (error: unknown) => void;
  },
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const day = options.today();
      await ensureTallyDay(db, day, options.staleAfterDays, options.monthStarts(day));
      await compactTallyDay(db, day);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
