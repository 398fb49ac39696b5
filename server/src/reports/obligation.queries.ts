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
    SELECT t.id, t.recurrence_period, obligation_from_day(d.issued_on, t.created_at)::text AS from_day
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = ${taskId} AND ${taskVisibility(actor)}`);
  return row;
}

export interface ObligationPeriodRow {
  period_start: string;
  period_end: string;
  report_id: number | null;
  status: 'met' | 'missed' | 'open';
}

/**
 * One expectation per calendar period from the period containing `fromDay` to the one containing
 * `asOf`, each with the first lead report submitted within it: the rule is obligation_periods()
 * (server/db/functions/obligation_periods.sql), which the body scores read too.
 */
export async function listObligationPeriods(
  db: Db,
  taskId: number,
  period: RecurrencePeriod,
  fromDay: string,
  asOf: string,
): Promise<ObligationPeriodRow[]> {
  return db.query<ObligationPeriodRow>(sql`
    SELECT o.period_start::text AS period_start, o.period_end::text AS period_end, o.report_id,
           obligation_status(o.report_id, o.period_end, ${asOf}::date) AS status
    FROM obligation_periods(${taskId}::bigint, ${period}::text, ${fromDay}::date, ${asOf}::date) o
    ORDER BY o.period_start`);
}
