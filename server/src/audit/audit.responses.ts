import { toEventFields } from '../events/events.ts';
import type { AuditEventRow } from './audit.queries.ts';
import type { EventChainHeadResponse, EventChainVerificationResponse, EventResponse } from './audit.schemas.ts';
import type { EventChainVerification } from './audit.service.ts';

export function toEventResponse(row: AuditEventRow): EventResponse {
  return {
    ...toEventFields(row),
    actor:
      row.actor_id !== null
        ? {
            id: row.actor_id,
            username: row.actor_username ?? '',
            fullName: row.actor_full_name ?? '',
            agency:
              row.actor_agency_id !== null ? { id: row.actor_agency_id, name: row.actor_agency_name ?? '' } : null,
          }
        : null,
  };
}

export function toEventChainHeadResponse(head: EventChainVerification['head']): EventChainHeadResponse {
  return { lastId: head.lastId, hash: head.hash, at: head.at?.toISOString() ?? null };
}

export function toEventChainVerificationResponse(result: EventChainVerification): EventChainVerificationResponse {
  return {
    intact: result.intact,
    checked: result.checked,
    firstBreak: result.firstBreak && { ...result.firstBreak, at: result.firstBreak.at?.toISOString() ?? null },
    head: toEventChainHeadResponse(result.head),
  };
}
