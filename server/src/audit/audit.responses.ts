import { type EventRow, toEventFields } from '../events/events.ts';
import type { EventResponse } from './audit.schemas.ts';

export function toEventResponse(row: EventRow): EventResponse {
  return {
    ...toEventFields(row),
    actor:
      row.actor_id !== null
        ? { id: row.actor_id, username: row.actor_username ?? '', fullName: row.actor_full_name ?? '' }
        : null,
  };
}
