import type { Role } from '@giamsat/shared';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

export interface NotificationRow {
  id: number;
  agency_id: number;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** A body's notifications, newest first (the index notifications_agency serves this order). */
export async function listAgencyNotifications(
  db: Db,
  agencyId: number,
  page: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const unreadCondition = page.unreadOnly ? sql`AND read_at IS NULL` : sql.empty;
  const [rows, counts] = await Promise.all([
    db.query<NotificationRow>(sql`
      SELECT id, agency_id, kind, payload, created_at, read_at FROM notifications
      WHERE agency_id = ${agencyId} ${unreadCondition}
      ORDER BY created_at DESC, id DESC
      LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.query<{ total: number; unread: number }>(sql`
      SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread
      FROM notifications WHERE agency_id = ${agencyId}`),
  ]);
  const total = page.unreadOnly ? (counts[0]?.unread ?? 0) : (counts[0]?.total ?? 0);
  return { rows, total, unread: counts[0]?.unread ?? 0 };
}

/** Marks one of the body's notifications read (kept read if it already was); undefined when not the body's. */
export async function markNotificationRead(
  db: Db,
  agencyId: number,
  id: number,
  at: Date,
): Promise<NotificationRow | undefined> {
  const [row] = await db.query<NotificationRow>(sql`
    UPDATE notifications SET read_at = coalesce(read_at, ${at})
    WHERE id = ${id} AND agency_id = ${agencyId}
    RETURNING id, agency_id, kind, payload, created_at, read_at`);
  return row;
}

export async function markAllNotificationsRead(db: Db, agencyId: number, at: Date): Promise<number> {
  const rows = await db.query<{ id: number }>(sql`
    UPDATE notifications SET read_at = ${at} WHERE agency_id = ${agencyId} AND read_at IS NULL RETURNING id`);
  return rows.length;
}

/** What a notification about a task may carry beside the task: the words are the web's (kind + params). */
export interface TaskNotificationParams {
  comment?: string | null;
  dueDate?: string | null;
  role?: 'lead' | 'coordinating';
  planId?: number;
  planNumber?: string | null;
  planBody?: string | null;
  taskCount?: number;
  /** A reminder: days left to the deadline, or days past it and the lead bodies' names. */
  daysLeft?: number;
  daysOverdue?: number;
  leadBody?: string;
  /** A stale task: since when no report was accepted, and for how many days. */
  quietSince?: string;
  daysQuiet?: number;
  /** A report waiting for review: the day it was sent, the days it has waited, the body that sent it. */
  submittedOn?: string;
  daysWaiting?: number;
  reportBody?: string;
  /**
   * Who of each body is mailed it (mail_outbox.sql); unset: everyone of the body who takes e-mail. The bell
   * is the body's either way.
   */
  mailRoles?: readonly Role[];
}

/**
 * Tells each body among `bodies` (their ids, or SQL selecting them) that something happened on the task it must act on:
 * a row per body, a named group through its members (agency_acts_as, as publication does: a group has no one to
 * read it). The payload names the task and its directive beside `params`. How many bodies were told.
 */
export async function notifyBodiesOfTask(
  db: Db,
  input: { taskId: number; kind: string; bodies: readonly number[] | Sql; params?: TaskNotificationParams },
): Promise<number> {
  const bodies = Array.isArray(input.bodies) ? sql`SELECT unnest(${input.bodies}::bigint[])` : input.bodies;
  const rows = await db.query<{ agency_id: number }>(sql`
    INSERT INTO notifications (agency_id, kind, payload)
    SELECT b.agency_id, ${input.kind}::text, jsonb_build_object(
      'taskId', t.id, 'taskRef', t.ref, 'taskText', left(t.text, 300),
      'directiveId', d.id, 'number', d.number, 'title', d.title) || ${JSON.stringify(input.params ?? {})}::jsonb
    FROM (SELECT DISTINCT x.agency_id FROM agency_acts_as x
          WHERE x.agency_kind <> 'group' AND x.acts_as_id IN (${bodies})) b
    CROSS JOIN tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = ${input.taskId}
    RETURNING agency_id`);
  return rows.length;
}
