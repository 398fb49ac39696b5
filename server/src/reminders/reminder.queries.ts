import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { daysOverdueSql, dueSoonSql, timelinessSql } from '../tasks/task.standing.ts';

// Which tasks are owed a reminder on a day. "Due soon" and "overdue" are the standing rules of
// server/db/functions/task_standing.sql, called through tasks/task.standing.ts, never restated here.

export interface DueReminderRow {
  task_id: number;
  due_date: string;
  days_left: number;
  lead_agency_ids: number[];
  /** The days-before counts the task now answers that it has not been reminded of. */
  thresholds: number[];
}

/** Live tasks due within one of `thresholds` days of `today` (open, by the due-soon rule) and not yet reminded of it. */
export async function listDueReminders(
  db: Db,
  today: string,
  thresholds: readonly number[],
): Promise<DueReminderRow[]> {
  if (!thresholds.length) return [];
  const owed = thresholds.map(
    (days) => sql`
      SELECT t.id, ${days}::int AS threshold FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE d.status = 'published' AND ${dueSoonSql('t', today, days)}
        AND NOT EXISTS (SELECT 1 FROM task_reminders r WHERE r.task_id = t.id AND r.kind = 'due'
                        AND r.due_date = t.due_date AND r.threshold = ${days}::int)`,
  );
  return db.query<DueReminderRow>(sql`
    SELECT t.id AS task_id, t.due_date, t.due_date - ${today}::date AS days_left, t.lead_agency_ids, array_agg(o.threshold ORDER BY o.threshold) AS thresholds
    FROM (${sql.join(owed, ' UNION ALL ')}) o JOIN tasks t ON t.id = o.id
    WHERE cardinality(t.lead_agency_ids) > 0
    GROUP BY t.id ORDER BY t.due_date, t.id`);
}

export interface OverdueReminderRow {
  task_id: number;
  due_date: string;
  days_overdue: number;
  lead_agency_ids: number[];
  lead_body: string;
  scope_agency_id: number | null;
}

/** Live tasks overdue (the standing rule) by at least `afterDays` days on `today`, not yet escalated for their deadline. */
export async function listOverdueEscalations(db: Db, today: string, afterDays: number): Promise<OverdueReminderRow[]> {
  return db.query<OverdueReminderRow>(sql`
    SELECT t.id AS task_id, t.due_date, ${daysOverdueSql('t', today)} AS days_overdue, t.lead_agency_ids,
           d.scope_agency_id,
           (SELECT string_agg(a.name, ', ' ORDER BY a.name) FROM agencies a WHERE a.id = ANY(t.lead_agency_ids)) AS lead_body
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE d.status = 'published' AND ${timelinessSql('t', today)} = 'in_progress_overdue'
      AND ${daysOverdueSql('t', today)} >= ${afterDays}::int
      AND NOT EXISTS (SELECT 1 FROM task_reminders r WHERE r.task_id = t.id AND r.kind = 'overdue' AND r.due_date = t.due_date)
    ORDER BY t.due_date, t.id`);
}

/**
 * Records reminders as sent, in the transaction of their notifications. Only those not recorded before
 * come back: a re-run, or another process that got there first, finds none and tells no one.
 */
export async function recordReminders(
  db: Db,
  reminder: { taskId: number; kind: 'due' | 'overdue'; dueDate: string; thresholds: readonly number[]; today: string },
): Promise<number[]> {
  const rows = await db.query<{ threshold: number }>(sql`
    INSERT INTO task_reminders (task_id, kind, due_date, threshold, sent_on)
    SELECT ${reminder.taskId}, ${reminder.kind}, ${reminder.dueDate}::date, unnest(${reminder.thresholds as number[]}::int[]),
           ${reminder.today}::date
    ON CONFLICT DO NOTHING
    RETURNING threshold`);
  return rows.map((r) => r.threshold);
}
