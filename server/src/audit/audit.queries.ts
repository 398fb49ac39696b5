import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import { type EventRow, listEventRows } from '../events/events.ts';

export interface EventFilter {
  entityType?: string | undefined;
  entityId?: number | undefined;
  actorId?: number | undefined;
  action?: string | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  before?: Date | undefined;
  limit: number;
  offset: number;
}

/** The audit trail, newest first, with who acted. */
export async function listEvents(db: Db, filter: EventFilter): Promise<EventRow[]> {
  const conditions: Sql[] = [];
  if (filter.entityType) conditions.push(sql`e.entity_type = ${filter.entityType}`);
  if (filter.entityId !== undefined) conditions.push(sql`e.entity_id = ${filter.entityId}`);
  if (filter.actorId !== undefined) conditions.push(sql`e.actor_id = ${filter.actorId}`);
  if (filter.action) conditions.push(sql`e.action = ${filter.action}`);
  if (filter.from) conditions.push(sql`e.at >= ${filter.from}`);
  if (filter.before) conditions.push(sql`e.at < ${filter.before}`);
  return listEventRows(db, sql.and(conditions), filter);
}
