import type { Actor } from '../auth/actor.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { findObligationTask, listObligationPeriods } from './obligation.queries.ts';
import type { ObligationsResponse } from './report.schemas.ts';

/**
 * Recurring reporting obligations (hằng tháng / hằng quý báo cáo): met or missed per period up to
 * `asOf` (default: today in Vietnam). The period containing asOf is 'open' until a lead report comes in:
 * it has not ended, so it cannot be missed yet. A task without a recurrence has no obligations.
 */
export async function getObligations(
  db: Db,
  actor: Actor,
  taskId: number,
  input: { asOf?: string | undefined },
): Promise<ObligationsResponse> {
  const task = await findObligationTask(db, actor, taskId);
  if (!task) throw CommonErrors.notFound('task', taskId);
  const asOf = input.asOf ?? vietnamDate();
  if (!task.recurrence_period) return { taskId, recurrencePeriod: null, from: null, asOf, periods: [] };
  const rows = await listObligationPeriods(db, taskId, task.recurrence_period, task.from_day, asOf);
  return {
    taskId,
    recurrencePeriod: task.recurrence_period,
    from: task.from_day,
    asOf,
    periods: rows.map((row) => ({
      periodStart: row.period_start,
      periodEnd: row.period_end,
      status: row.status,
      met: row.status === 'met',
      reportId: row.report_id,
    })),
  };
}
