import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import type { EventRow } from '../events/events.ts';

/** A row of the audit trail: the history row, and the body its actor belongs to. */
export interface AuditEventRow extends EventRow {
  actor_agency_id: number | null;
  actor_agency_name: string | null;
}

export interface EventFilter {
  entityType?: string | undefined;
  entityId?: number | undefined;
  actorId?: number | undefined;
  actor?: string | undefined;
  agencyId?: number | undefined;
  action?: string | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  before?: Date | undefined;
  limit: number;
  offset: number;
}

/** The audit trail, newest first, with who acted and their body. */
export async function listEvents(db: Db, filter: EventFilter): Promise<AuditEventRow[]> {
  const conditions: Sql[] = [];
  if (filter.entityType) conditions.push(sql`e.entity_type = ${filter.entityType}`);
  if (filter.entityId !== undefined) conditions.push(sql`e.entity_id = ${filter.entityId}`);
  if (filter.actorId !== undefined) conditions.push(sql`e.actor_id = ${filter.actorId}`);
  if (filter.actor) {
    // Folded as the rest of the app folds names (search_norm: no tone marks, đ → d, lower case).
    conditions.push(sql`e.actor_id IN (
      SELECT x.id FROM users x
      WHERE strpos(search_norm(x.full_name), search_norm(${filter.actor})) > 0
         OR strpos(lower(x.username), lower(${filter.actor})) > 0)`);
  }
  if (filter.agencyId !== undefined) {
    conditions.push(sql`(
      e.actor_id IN (
        SELECT x.id FROM users x JOIN agencies xa ON xa.id = x.agency_id
        WHERE xa.path <@ (SELECT path FROM agencies WHERE id = ${filter.agencyId}))
      OR (e.entity_type = 'agency' AND e.entity_id = ${filter.agencyId}))`);
  }
  if (filter.action) conditions.push(sql`e.action = ${filter.action}`);
  if (filter.from) conditions.push(sql`e.at >= ${filter.from}`);
  if (filter.before) conditions.push(sql`e.at < ${filter.before}`);
  return db.query<AuditEventRow>(sql`
    SELECT e.id, e.at, e.actor_id, u.username AS actor_username, u.full_name AS actor_full_name,
           a.id AS actor_agency_id, a.name AS actor_agency_name,
           e.entity_type, e.entity_id, e.action, e.before, e.after, e.reason, count(*) OVER () AS total
    FROM events e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN agencies a ON a.id = u.agency_id
    WHERE (${sql.and(conditions)})
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${filter.limit} OFFSET ${filter.offset}`);
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
