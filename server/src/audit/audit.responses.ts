import type { EventRow } from './audit.queries.ts';
import type { EventResponse } from './audit.schemas.ts';

export function toEventResponse(row: EventRow): EventResponse {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor:
      row.actor_id !== null
        ? { id: row.actor_id, username: row.actor_username ?? '', fullName: row.actor_full_name ?? '' }
        : null,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}
