import type { ExtensionRow } from './extension.queries.ts';
import type { ExtensionResponse } from './extension.schemas.ts';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toExtensionResponse(x: ExtensionRow): ExtensionResponse {
  return {
    id: x.id,
    taskId: x.task_id,
    agency: { id: x.agency_id, name: x.agency_name },
    requestedBy: { id: x.requested_by, name: x.requested_by_name },
    currentDue: x.current_due,
    requestedDue: x.requested_due,
    reason: x.reason,
    state: x.state,
    decidedBy: x.decided_by !== null ? { id: x.decided_by, name: x.decided_by_name ?? '' } : null,
    decidedAt: iso(x.decided_at),
    decisionComment: x.decision_comment,
    createdAt: x.created_at.toISOString(),
  };
}
