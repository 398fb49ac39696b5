import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { useTaskHistory } from './useTasks.ts';

/** Reasons a person wrote are shown; references the system records ("progress_report:34") are not. */
const MACHINE_REASON = /^[a-z_]+:\d+$/;

/** The task's story from its event rows: edits, reports, reviews, extensions — newest first. */
export function TaskTimeline({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const history = useTaskHistory(taskId);
  if (history.isPending) return <LoadingState />;
  if (history.error) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.items.length === 0) return <EmptyState>{t('timeline.empty')}</EmptyState>;
  const items = [...history.data.items].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <Timeline bulletSize={14} lineWidth={2} active={items.length} data-testid="task-timeline">
      {items.map((event) => (
        <Timeline.Item
          key={event.id}
          title={t(`timeline.${event.entityType}.${event.action}`, {
            // What the change recorded (an imported task's starting percent, its file) may be named in the title.
            ...(typeof event.after === 'object' && event.after !== null ? event.after : {}),
            defaultValue: t('timeline.other', { entity: event.entityType, action: event.action }),
          })}
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(event.at)}
            {event.actor ? ` · ${event.actor.name}` : ''}
          </Text>
          {event.reason && !MACHINE_REASON.test(event.reason) && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {event.reason}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
