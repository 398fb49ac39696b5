import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

/**
 * The day's tally (migration 0070): the counts the national dashboard reads instead of judging every
 * task on each request. Built on the first request of a day; from then on the triggers of 0070 correct
 * it in the same transaction as every write to a task, its lead bodies or its directive.
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
 */
export async function ensureTallyDay(
  db: Db,
  day: string,
  staleAfterDays: number,
  /** The trend window's month starts for `day` (monthStarts). */
  months: readonly string[],
): Promise<void> {
  if (await isBuilt(db, day, staleAfterDays)) return;
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
            WHERE d.status = 'published'), ${day}::date)`);
      });
      return;
    } catch (error) {
      // The SHARE locks can meet a writer that holds one of the tables and wants another: PostgreSQL
      // breaks the cycle by failing one side. If it is the build, build again.
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= 3) throw error;
    }
  }
}
