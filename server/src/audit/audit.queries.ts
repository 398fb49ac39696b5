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

/** One stretch of the hash chain as verify_events_chain (server/db/functions/events_chain.sql) judged it. */
export interface ChainBatch {
  checked: number;
  last_id: number | null;
  /** Hex. */
  last_hash: string | null;
  broken_id: number | null;
  broken_at: Date | null;
}

/** Up to `limit` rows of the chain after row `afterId` (whose hash is `prevHash`, hex; both null from the start). */
export async function verifyChainBatch(
  db: Db,
  afterId: number | null,
  prevHash: string | null,
  limit: number,
): Promise<ChainBatch> {
  const [batch] = await db.query<ChainBatch>(sql`
    SELECT checked, last_id, encode(last_hash, 'hex') AS last_hash, broken_id, broken_at
    FROM verify_events_chain(${afterId}::bigint, decode(${prevHash}::text, 'hex'), ${limit}::int)`);
  return batch!;
}

/** The chain's head as the writers left it: the last chained row and its hash (hex), and that row's time. */
export async function chainHead(db: Db): Promise<{ last_id: number | null; hash: string | null; at: Date | null }> {
  const [head] = await db.query<{ last_id: number | null; hash: string | null; at: Date | null }>(sql`
    SELECT h.last_id, encode(h.hash, 'hex') AS hash, e.at
    FROM events_chain_head h LEFT JOIN events e ON e.id = h.last_id`);
  return head!;
}
