// Contracts of the in-app notifications API. Only zod and the shared package: the web app imports this file.
import { BoolString, ListPage, RowId } from '@giamsat/shared';
import { z } from 'zod';

export const NotificationIdParams = z.object({ id: RowId });

export const ListNotificationsQuery = z
  .object({
    unreadOnly: BoolString.default(false),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationResponse = z.object({
  id: z.number(),
  /**
   * What happened; the web words it. `directive_published`: a directive assigning tasks to the body went live.
   * About one task (`task` set): `report_returned` / `report_accepted` (the body's report, with the reviewer's
   * `comment`), `extension_granted` (to `dueDate`) / `extension_refused`, `task_assigned` (as `role`, after
   * publication), `plan_published` (a lower plan `plan` with `taskCount` tasks implementing the office's task),
   * `task_due_reminder` (the lead body's task is due on `dueDate`), `task_overdue` (past `dueDate`: to the lead
   * body and the office that assigned it, and again to the lead body every few days while overdue), `task_stale`
   * (no accepted report for weeks), `report_awaiting_review` (to the office: a report has waited days for
   * review); server/src/reminders.
   */
  kind: z.string(),
  directive: z.object({ id: z.number(), number: z.string().nullable(), title: z.string() }).nullable(),
  task: z.object({ id: z.number(), ref: z.string(), text: z.string() }).nullable(),
  leadTaskCount: z.number(),
  coordinatingTaskCount: z.number(),
  comment: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** `task_stale`: the day the task fell quiet; `report_awaiting_review`: the day the report was sent. */
  since: z.string().nullable(),
  role: z.enum(['lead', 'coordinating']).nullable(),
  plan: z.object({ id: z.number(), number: z.string().nullable(), body: z.string().nullable() }).nullable(),
  taskCount: z.number(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationResponse = z.infer<typeof NotificationResponse>;

export const NotificationListResponse = ListPage(NotificationResponse).extend({ unread: z.number() });

export const ReadAllResponse = z.object({ updated: z.number() });
