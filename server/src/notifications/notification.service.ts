import { type Actor, requireUser } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import {
  listAgencyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
} from './notification.queries.ts';
import type { ListNotificationsQuery } from './notification.schemas.ts';

// Notifications belong to a body, not a person: whoever of the body reads one has read it for the body,
// as a letter opened by one clerk of an office is opened for the office.

export async function listNotifications(
  db: Db,
  actor: Actor,
  input: ListNotificationsQuery,
): Promise<{ rows: NotificationRow[]; total: number; unread: number; limit: number; offset: number }> {
  const user = requireUser(actor);
  const page = await listAgencyNotifications(db, user.agencyId, input);
  return { ...page, limit: input.limit, offset: input.offset };
}

/** Another body's notification looks absent (404), like anything not yours. */
export async function readNotification(db: Db, actor: Actor, id: number, at = new Date()): Promise<NotificationRow> {
  const user = requireUser(actor);
  const row = await markNotificationRead(db, user.agencyId, id, at);
  if (!row) throw CommonErrors.notFound('notification', id);
  return row;
}

export async function readAllNotifications(db: Db, actor: Actor, at = new Date()): Promise<number> {
  const user = requireUser(actor);
  return markAllNotificationsRead(db, user.agencyId, at);
}
