import type { HistoryAction, HistoryEntity } from '@giamsat/shared';
import { type Actor, actorUserId } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

// History (the events table) has one writer, the SQL function record_events()
// (server/db/functions/record_events.sql), and one row type for reading it (EventRow). The services
// write through recordEvents() below; report creation and the demo's bulk loads call the SQL function.

/** The kinds of entity history speaks of, and the changes it records for each: @giamsat/shared's HISTORY_ACTIONS. */
export type EntityType = HistoryEntity;

/** What happened to one entity: before and after as the change saw them, and why. */
export type EventInput = {
  [E in EntityType]: {
    entityType: E;
    entityId: number;
    /** One of the changes history records for this kind of entity (HISTORY_ACTIONS). */
    action: HistoryAction<E>;
    before?: unknown;
    after?: unknown;
    reason?: string | null;
  };
}[EntityType];

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Appends the history rows of one change, by one actor at one moment, in the order given. Call it with
 * the same `db` as the change (inside its transaction), so a change and its history commit together.
 */
export async function recordEvents(
  db: Db,
  actor: Actor,
  events: readonly EventInput[],
  at: Date = new Date(),
): Promise<void> {
  if (events.length === 0) return;
  const n = events.length;
  await db.query(sql`
    SELECT record_events(
      array_fill(${at}::timestamptz, ARRAY[${n}::int]), array_fill(${actorUserId(actor)}::bigint, ARRAY[${n}::int]),
      ${events.map((e) => e.entityType)}::text[], ${events.map((e) => e.entityId)}::bigint[],
      ${events.map((e) => e.action)}::text[], ${events.map((e) => toJson(e.before))}::jsonb[],
      ${events.map((e) => toJson(e.after))}::jsonb[], ${events.map((e) => e.reason ?? null)}::text[])`);
}

/** One history row: see recordEvents. */
export function recordEvent(db: Db, actor: Actor, event: EventInput, at: Date = new Date()): Promise<void> {
  return recordEvents(db, actor, [event], at);
}

/** A history row as every reader (a task's history, the audit trail) sees it: the event and who acted. */
export interface EventRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_username: string | null;
  actor_full_name: string | null;
  entity_type: string;
  entity_id: number;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** How many events match, over all pages. */
  total: number;
}

/** The events `e` matching `where`, newest first, one page of them. */
export function listEventRows(db: Db, where: Sql, page: { limit: number; offset: number }): Promise<EventRow[]> {
  return db.query<EventRow>(sql`
    SELECT e.id, e.at, e.actor_id, u.username AS actor_username, u.full_name AS actor_full_name,
           e.entity_type, e.entity_id, e.action, e.before, e.after, e.reason, count(*) OVER () AS total
    FROM events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE (${where})
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`);
}

/** The fields of a history row every response carries; each reader adds the actor as its page needs it. */
export function toEventFields(row: EventRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}
