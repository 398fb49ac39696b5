import { type Actor, actorUserId } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

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
