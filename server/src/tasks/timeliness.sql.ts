import { DEFAULT_DUE_SOON_DAYS, STALE_AFTER_DAYS } from '@giamsat/shared';
import { type Sql, sql } from '../db/sql.ts';

// SQL fragments for how a task stands on a reference date. Timeliness is computed, never stored:
// the same expression feeds lists, detail pages, counts and (through task_timeliness) the dashboard.

/** task_timeliness() over the task alias `t` on the day `asOf` ('yyyy-mm-dd'). */
export function timelinessSql(t: string, asOf: string): Sql {
  const a = sql.raw(t);
  return sql`task_timeliness(${a}.deadline_kind, ${a}.due_date, ${a}.completed_on, ${a}.last_accepted_report_at IS NOT NULL, ${asOf}::date)`;
}

/**
 * "Due soon" (sắp đến hạn): not completed and the deadline falls within the window, today included —
 * a task due today is still on time but due soon; one due in 8 days is not yet.
 */
export function dueSoonSql(t: string, asOf: string, days = DEFAULT_DUE_SOON_DAYS): Sql {
  const a = sql.raw(t);
  return sql`(${a}.completed_on IS NULL AND ${a}.due_date IS NOT NULL AND ${a}.due_date BETWEEN ${asOf}::date AND ${asOf}::date + ${days}::int)`;
}

/** Days past the deadline: still open → asOf − due; finished late → completed − due; else 0. */
export function daysOverdueSql(t: string, asOf: string): Sql {
  const a = sql.raw(t);
  return sql`(CASE
    WHEN ${a}.due_date IS NULL THEN 0
    WHEN ${a}.completed_on IS NOT NULL THEN greatest(${a}.completed_on - ${a}.due_date, 0)
    ELSE greatest(${asOf}::date - ${a}.due_date, 0) END)`;
}

/**
 * "Stale" (the rule of PRODUCT.md, "no report for 30 days", made exact): a task not yet done whose
 * latest accepted report is dated before asOf − `days` (Vietnamese calendar days), or that has no
 * accepted report and went live (created, or its directive published, whichever is later) before that
 * day. Continuous tasks count too. A condition over `tasks t JOIN directives d`; the task list's
 * `staleOnly` uses the same fragment, so a stale figure clicks through to exactly its tasks.
 */
export function staleSql(asOf: string, days: number = STALE_AFTER_DAYS, t = 't', d = 'd'): Sql {
  const task = sql.raw(t);
  const directive = sql.raw(d);
  return sql`(${task}.completed_on IS NULL
    AND coalesce(${task}.last_accepted_report_at, greatest(${task}.created_at, ${directive}.published_at))
        < ((${asOf}::date - ${days}::int)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))`;
}

/** Order of urgency used by `sort=timeliness`: overdue work first, finished work last. */
export function timelinessRankSql(t: string, asOf: string): Sql {
  return sql`(CASE ${timelinessSql(t, asOf)}
    WHEN 'in_progress_overdue' THEN 1 WHEN 'not_started' THEN 2 WHEN 'in_progress_on_time' THEN 3
    WHEN 'continuous_without_results' THEN 4 WHEN 'continuous_with_results' THEN 5
    WHEN 'done_late' THEN 6 ELSE 7 END)`;
}

/** A LIKE pattern over search_norm()ed text: the words in order, anything between them. */
export function searchPattern(q: string): string | null {
  const words = q
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`))
    .filter(Boolean);
  return words.length ? `%${words.join('%')}%` : null;
}

/** Central before province before commune: lower tasks are listed down the cascade. */
export function levelRankSql(levelColumn: Sql): Sql {
  return sql`(CASE ${levelColumn} WHEN 'central' THEN 1 WHEN 'province' THEN 2 ELSE 3 END)`;
}
