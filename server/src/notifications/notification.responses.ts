import type { NotificationRow } from './notification.queries.ts';
import type { NotificationResponse } from './notification.schemas.ts';

const count = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0) || 0);

export function toNotificationResponse(row: NotificationRow): NotificationResponse {
  const p = row.payload;
  const directiveId = count(p.directiveId);
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
    leadTaskCount: count(p.leadTaskCount),
    coordinatingTaskCount: count(p.coordinatingTaskCount),
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
