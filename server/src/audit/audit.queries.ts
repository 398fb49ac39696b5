import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

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
  total: number;
}

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
  return db.query<EventRow>(sql`
    SELECT e.id, e.at, e.actor_id, u.username AS actor_username, u.full_name AS actor_full_name,
           e.entity_type, e.entity_id, e.action, e.before, e.after, e.reason, count(*) OVER () AS total
    FROM events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE ${sql.and(conditions)}
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${filter.limit} OFFSET ${filter.offset}`);
}
