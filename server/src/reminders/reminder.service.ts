import { z } from 'zod';
import { officeBodiesOf } from '../auth/scope.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { defineJob, defineRecurringJob } from '../jobs/job.service.ts';
import { notifyBodiesOfTask } from '../notifications/notification.queries.ts';
import {
  listDueReminders,
  listOverdueEscalations,
  listOverdueRepeats,
  listReviewReminders,
  listStaleReminders,
  recordReminders,
} from './reminder.queries.ts';

// Timed reminders, through the bell (and so by e-mail, mail_outbox.sql): a task's lead body is reminded
// as its deadline nears (REMINDER_DAYS_BEFORE, 7 and 1 days by default); once it is overdue by
// ESCALATE_AFTER_DAYS, the body's head and the standing office that assigned it are told. Each reminder
// once: a re-run of a day, or a second process, sends nothing twice (task_reminders).

export interface ReminderSettings {
  /** Days before a deadline that the lead body is reminded, e.g. [7, 1]. */
  daysBefore: readonly number[];
  /** Days past a deadline after which the head and the office are told. */
  escalateAfterDays: number;
  /** While overdue, the lead body's focal points are reminded again every this many days (null: never). */
  repeatOverdueEveryDays?: number | null;
  /** A task with no accepted report for this many days: its lead body is reminded (null: never). */
  staleAfterDays?: number | null;
  /** A report waiting this many days for review: the office that reviews it is reminded (null: never). */
  reviewAfterDays?: number | null;
}

export interface RemindersSent {
  dueReminders: number;
  escalations: number;
  overdueRepeats: number;
  staleReminders: number;
  reviewReminders: number;
}

/** The reminders of the Vietnamese calendar day `today` (yyyy-mm-dd): what was sent. */
export async function sendReminders(db: Db, today: string, settings: ReminderSettings): Promise<RemindersSent> {
  let dueReminders = 0;
  let escalations = 0;
  let overdueRepeats = 0;
  let staleReminders = 0;
  let reviewReminders = 0;
  for (const task of await listDueReminders(db, today, settings.daysBefore)) {
    const sent = await db.transaction(async (tx) => {
      const recorded = await recordReminders(tx, {
        taskId: task.task_id,
        kind: 'due',
        dueDate: task.due_date,
        thresholds: task.thresholds,
        today,
      });
      if (!recorded.length) return false;
      // One reminder however many counts it answers at once (a task given 3 days before its deadline).
      await notifyBodiesOfTask(tx, {
        taskId: task.task_id,
        kind: 'task_due_reminder',
        bodies: task.lead_agency_ids,
        params: { dueDate: task.due_date, daysLeft: task.days_left, mailRoles: ['focal'] },
      });
      return true;
    });
    if (sent) dueReminders++;
  }
  for (const task of await listOverdueEscalations(db, today, settings.escalateAfterDays)) {
    const sent = await db.transaction(async (tx) => {
      const recorded = await recordReminders(tx, {
        taskId: task.task_id,
        kind: 'overdue',
        dueDate: task.due_date,
        thresholds: [0],
        today,
      });
      if (!recorded.length) return false;
      const params = { dueDate: task.due_date, daysOverdue: task.days_overdue, leadBody: task.lead_body };
      await notifyBodiesOfTask(tx, {
        taskId: task.task_id,
        kind: 'task_overdue',
        bodies: task.lead_agency_ids,
        params: { ...params, mailRoles: ['head'] },
      });
      await notifyBodiesOfTask(tx, {
        taskId: task.task_id,
        kind: 'task_overdue',
        bodies: sql`${officeBodiesOf(task.scope_agency_id)} EXCEPT SELECT unnest(${task.lead_agency_ids}::bigint[])`,
        params: { ...params, mailRoles: ['office'] },
      });
      return true;
    });
    if (sent) escalations++;
  }
  if (settings.repeatOverdueEveryDays) {
    for (const task of await listOverdueRepeats(db, today, settings.repeatOverdueEveryDays)) {
      const sent = await db.transaction(async (tx) => {
        const recorded = await recordReminders(tx, {
          taskId: task.task_id,
          kind: 'overdue_repeat',
          dueDate: task.due_date,
          thresholds: [task.threshold],
          today,
        });
        if (!recorded.length) return false;
        await notifyBodiesOfTask(tx, {
          taskId: task.task_id,
          kind: 'task_overdue',
          bodies: task.lead_agency_ids,
          params: {
            dueDate: task.due_date,
            daysOverdue: task.days_overdue,
            leadBody: task.lead_body,
            mailRoles: ['focal'],
          },
        });
        return true;
      });
      if (sent) overdueRepeats++;
    }
  }
  if (settings.staleAfterDays) {
    for (const task of await listStaleReminders(db, today, settings.staleAfterDays)) {
      const sent = await db.transaction(async (tx) => {
        const recorded = await recordReminders(tx, {
          taskId: task.task_id,
          kind: 'stale',
          dueDate: task.quiet_since,
          thresholds: [0],
          today,
        });
        if (!recorded.length) return false;
        await notifyBodiesOfTask(tx, {
          taskId: task.task_id,
          kind: 'task_stale',
          bodies: task.lead_agency_ids,
          params: { quietSince: task.quiet_since, daysQuiet: task.days_quiet, mailRoles: ['focal'] },
        });
        return true;
      });
      if (sent) staleReminders++;
    }
  }
  if (settings.reviewAfterDays) {
    for (const task of await listReviewReminders(db, today, settings.reviewAfterDays)) {
      const sent = await db.transaction(async (tx) => {
        const recorded = await recordReminders(tx, {
          taskId: task.task_id,
          kind: 'review',
          dueDate: task.submitted_on,
          thresholds: [0],
          today,
        });
        if (!recorded.length) return false;
        await notifyBodiesOfTask(tx, {
          taskId: task.task_id,
          kind: 'report_awaiting_review',
          bodies: officeBodiesOf(task.scope_agency_id),
          params: {
            submittedOn: task.submitted_on,
            daysWaiting: task.days_waiting,
            reportBody: task.report_body,
            mailRoles: ['office'],
          },
        });
        return true;
      });
      if (sent) reviewReminders++;
    }
  }
  return { dueReminders, escalations, overdueRepeats, staleReminders, reviewReminders };
}

/** A day's reminders, run by any app process's worker. */
export const dailyRemindersJob = defineJob({
  kind: 'reminders.daily',
  payload: z.object({ today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  maxAttempts: 5,
  run: (ctx, payload) => sendReminders(ctx.db, payload.today, ctx.config.reminders),
});

/** Queued once per Vietnamese calendar day, whatever the number of processes (the day is the job's key). */
export const dailyReminders = defineRecurringJob({
  definition: dailyRemindersJob,
  period: (now) => {
    const today = vietnamDate(now);
    return { key: today, payload: { today } };
  },
});
