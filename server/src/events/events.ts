import { type Actor, actorUserId } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

export type EntityType =
  | 'agency'
  | 'user'
  | 'directive'
  | 'task'
  | 'progress_report'
  | 'deadline_extension'
  | 'stored_file'
  | 'job';

/**
 * Appends one row to the history / audit trail: who, when, what, before and after, why. Call it with
 * the same `db` as the change (inside its transaction), so a change and its history commit together.
 */
export async function recordEvent(
  db: Db,
  actor: Actor,
  event: {
    entityType: EntityType;
    entityId: number;
    action: string;
    before?: unknown;
    after?: unknown;
    reason?: string | null;
  },
  at: Date = new Date(),
): Promise<void> {
  await db.query(sql`
    INSERT INTO events (at, actor_id, entity_type, entity_id, action, before, after, reason)
    VALUES (${at}, ${actorUserId(actor)}, ${event.entityType}, ${event.entityId}, ${event.action},
            ${event.before === undefined ? null : JSON.stringify(event.before)}::jsonb,
            ${event.after === undefined ? null : JSON.stringify(event.after)}::jsonb,
            ${event.reason ?? null})`);
}

/**
 * The same history row as `recordEvent`, as an `INSERT … SELECT` to place in a data-modifying CTE: a
 * change made by one statement writes its history in that statement (one transaction, one round trip).
 * One row per row of `source` (the CTE that RETURNs the change); `entityId`, `before` and `after` are
 * SQL expressions over it (jsonb for before and after).
 */
export function eventsFrom(
  actor: Actor,
  event: { entityType: EntityType; entityId: Sql; action: string; before?: Sql; after?: Sql; reason?: string | null },
  source: Sql,
  at: Date,
): Sql {
  return sql`
    INSERT INTO events (at, actor_id, entity_type, entity_id, action, before, after, reason)
    SELECT ${at}::timestamptz, ${actorUserId(actor)}::bigint, ${event.entityType}::text, ${event.entityId},
           ${event.action}::text, ${event.before ?? sql`NULL`}, ${event.after ?? sql`NULL`}, ${event.reason ?? null}::text
    FROM ${source}`;
}
