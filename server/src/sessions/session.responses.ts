import { describeDevice } from './device.ts';
import type { UserSessionRow } from './session.queries.ts';
import type { SessionResponse } from './session.schemas.ts';

/** One of my sessions; `currentId` is the session making the request. */
export function toSessionResponse(row: UserSessionRow, currentId: number | null): SessionResponse {
  return {
    id: row.id,
    device: describeDevice(row.user_agent),
    ip: row.ip,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    current: row.id === currentId,
  };
}
