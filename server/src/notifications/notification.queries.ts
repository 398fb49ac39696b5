import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

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
