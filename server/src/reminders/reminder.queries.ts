import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { daysOverdueSql, dueSoonSql, staleSql, timelinessSql } from '../tasks/task.standing.ts';

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
  reminder: { taskId: number; kind: ReminderKind; dueDate: string; thresholds: readonly number[]; today: string },
): Promise<number[]> {
  const rows = await db.query<{ threshold: number }>(sql`
    INSERT INTO task_reminders (task_id, kind, due_date, threshold, sent_on)
    SELECT ${reminder.taskId}, ${reminder.kind}, ${reminder.dueDate}::date, unnest(${reminder.thresholds as number[]}::int[]),
           ${reminder.today}::date
    ON CONFLICT DO NOTHING
    RETURNING threshold`);
  return rows.map((r) => r.threshold);
}

export type ReminderKind = 'due' | 'overdue' | 'overdue_repeat' | 'stale' | 'review';

/**
 * Live tasks overdue by a multiple of `everyDays` (at least once) on `today`, not yet reminded of that
 * multiple: `threshold` is the days overdue rounded down to it, so a missed day is caught up the next.
 */
export async function listOverdueRepeats(
  db: Db,
  today: string,
  everyDays: number,
): Promise<Array<OverdueReminderRow & { threshold: number }>> {
  return db.query(sql`
    SELECT * FROM (
      SELECT t.id AS task_id, t.due_date, ${daysOverdueSql('t', today)} AS days_overdue, t.lead_agency_ids,
             d.scope_agency_id,
             (${daysOverdueSql('t', today)} / ${everyDays}::int) * ${everyDays}::int AS threshold,
             (SELECT string_agg(a.name, ', ' ORDER BY a.name) FROM agencies a WHERE a.id = ANY(t.lead_agency_ids)) AS lead_body
      FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE d.status = 'published' AND ${timelinessSql('t', today)} = 'in_progress_overdue'
        AND cardinality(t.lead_agency_ids) > 0
    ) o
    WHERE o.threshold >= ${everyDays}::int
      AND NOT EXISTS (SELECT 1 FROM task_reminders r WHERE r.task_id = o.task_id AND r.kind = 'overdue_repeat'
                      AND r.due_date = o.due_date AND r.threshold = o.threshold)
    ORDER BY o.due_date, o.task_id`);
}

export interface StaleReminderRow {
  task_id: number;
  lead_agency_ids: number[];
  /** The day the task fell quiet: its last accepted report, or since it went live. */
  quiet_since: string;
  days_quiet: number;
}

/** Open live tasks with no accepted report for `afterDays` (the dashboard's stale rule), not yet reminded of this quiet spell. */
export async function listStaleReminders(db: Db, today: string, afterDays: number): Promise<StaleReminderRow[]> {
  return db.query<StaleReminderRow>(sql`
    SELECT * FROM (
      SELECT t.id AS task_id, t.lead_agency_ids,
             (task_quiet_since(t.last_accepted_report_at, t.created_at, d.published_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
               AS quiet_since
      FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE d.status = 'published' AND ${staleSql(today, afterDays)} AND cardinality(t.lead_agency_ids) > 0
    ) s
    CROSS JOIN LATERAL (SELECT ${today}::date - s.quiet_since AS days_quiet) q
    WHERE NOT EXISTS (SELECT 1 FROM task_reminders r WHERE r.task_id = s.task_id AND r.kind = 'stale'
                      AND r.due_date = s.quiet_since)
    ORDER BY s.quiet_since, s.task_id`);
}

export interface ReviewReminderRow {
  task_id: number;
  scope_agency_id: number | null;
  /** The day the oldest report still waiting was sent, and the body that sent it. */
  submitted_on: string;
  days_waiting: number;
  report_body: string;
}

/** Tasks with a report waiting for review `afterDays` days or more, not yet reminded of that report's day. */
export async function listReviewReminders(db: Db, today: string, afterDays: number): Promise<ReviewReminderRow[]> {
  return db.query<ReviewReminderRow>(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (r.task_id) r.task_id, d.scope_agency_id,
             (r.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS submitted_on,
             ${today}::date - (r.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS days_waiting,
             a.name AS report_body
      FROM progress_reports r
      JOIN tasks t ON t.id = r.task_id JOIN directives d ON d.id = t.directive_id JOIN agencies a ON a.id = r.agency_id
      WHERE r.state = 'submitted' AND d.status = 'published'
        AND (r.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${today}::date - ${afterDays}::int
      ORDER BY r.task_id, r.submitted_at
    ) w
    WHERE NOT EXISTS (SELECT 1 FROM task_reminders x WHERE x.task_id = w.task_id AND x.kind = 'review'
                      AND x.due_date = w.submitted_on)
    ORDER BY w.submitted_on, w.task_id`);
}
