import type { Actor } from '../auth/actor.ts';
import { taskVisibility } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

export type RecurrencePeriod = 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';

export interface ObligationTaskRow {
  id: number;
  recurrence_period: RecurrencePeriod | null;
  /** The directive's issue date, else the Vietnamese day the task was created. */
  from_day: string;
}

export async function findObligationTask(db: Db, actor: Actor, taskId: number): Promise<ObligationTaskRow | undefined> {
  const [row] = await db.query<ObligationTaskRow>(sql`
    SELECT t.id, t.recurrence_period,
           coalesce(d.issued_on, (t.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::text AS from_day
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = ${taskId} AND ${taskVisibility(actor)}`);
  return row;
}

export interface ObligationPeriodRow {
  period_start: string;
  period_end: string;
  report_id: number | null;
}

// Longer spans are cut: ten years of weekly periods is ~520 rows.
const MAX_PERIODS = 1000;

/**
 * One expectation per calendar period (ISO week from Monday, month, quarter, half-year from January or
 * July, year) from the period containing `fromDay` to the one containing `asOf`, each with the first
 * lead report submitted within it, judged on the Vietnamese calendar: a report sent at 06:30 on
 * 1 February in Hà Nội (still 31 January in UTC) counts for February. A returned report that was not
 * sent again does not count; a submitted or accepted one does.
 */
export async function listObligationPeriods(
  db: Db,
  taskId: number,
  period: RecurrencePeriod,
  fromDay: string,
  asOf: string,
): Promise<ObligationPeriodRow[]> {
  return db.query<ObligationPeriodRow>(sql`
    WITH spec AS (
      SELECT CASE ${period}::text
               WHEN 'weekly' THEN interval '1 week'
               WHEN 'monthly' THEN interval '1 month'
               WHEN 'quarterly' THEN interval '3 months'
               WHEN 'half-yearly' THEN interval '6 months'
               ELSE interval '1 year' END AS step,
             CASE ${period}::text
               WHEN 'weekly' THEN date_trunc('week', ${fromDay}::date::timestamp)
               WHEN 'monthly' THEN date_trunc('month', ${fromDay}::date::timestamp)
               WHEN 'quarterly' THEN date_trunc('quarter', ${fromDay}::date::timestamp)
               WHEN 'half-yearly' THEN make_date(extract(year FROM ${fromDay}::date)::int,
                                                 CASE WHEN extract(month FROM ${fromDay}::date) <= 6 THEN 1 ELSE 7 END, 1)::timestamp
               ELSE date_trunc('year', ${fromDay}::date::timestamp) END AS first_start
    ),
    periods AS (
      SELECT g AS starts, g + spec.step AS ends
      FROM spec, generate_series(spec.first_start, ${asOf}::date::timestamp, spec.step) AS g
      ORDER BY g
      LIMIT ${MAX_PERIODS}
    )
    SELECT p.starts::date::text AS period_start, (p.ends::date - 1)::text AS period_end,
           (SELECT r.id FROM progress_reports r
             WHERE r.task_id = ${taskId} AND r.agency_role = 'lead' AND r.state IN ('submitted', 'accepted')
               AND r.submitted_at >= (p.starts AT TIME ZONE 'Asia/Ho_Chi_Minh')
               AND r.submitted_at < (p.ends AT TIME ZONE 'Asia/Ho_Chi_Minh')
             ORDER BY r.submitted_at, r.id LIMIT 1) AS report_id
    FROM periods p
    ORDER BY p.starts`);
}
