import type { NotificationRow } from './notification.queries.ts';
import type { NotificationResponse } from './notification.schemas.ts';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0) || 0);

export function toNotificationResponse(row: NotificationRow): NotificationResponse {
  const p = row.payload;
  const directiveId = count(p.directiveId);
  const taskId = count(p.taskId);
  const planId = count(p.planId);
  return {
    id: row.id,
    kind: row.kind,
    directive:
      directiveId > 0
        ? {
            id: directiveId,
            number: typeof p.number === 'string' ? p.number : null,
            title: typeof p.title === 'string' ? p.title : '',
          }
        : null,
    task: taskId > 0 ? { id: taskId, ref: text(p.taskRef) ?? '', text: text(p.taskText) ?? '' } : null,
    leadTaskCount: count(p.leadTaskCount),
    coordinatingTaskCount: count(p.coordinatingTaskCount),
    comment: text(p.comment),
    dueDate: text(p.dueDate),
    since: text(p.quietSince) ?? text(p.submittedOn),
    role: p.role === 'lead' || p.role === 'coordinating' ? p.role : null,
    plan: planId > 0 ? { id: planId, number: text(p.planNumber), body: text(p.planBody) } : null,
    taskCount: count(p.taskCount),
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
