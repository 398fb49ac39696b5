import { Anchor, Badge, Card, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../app/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../app/states.tsx';
import { useTask } from '../tasks/useTasks.ts';
import { useReviewQueue } from './useProgress.ts';

/** The task a report is about, by its text (fetched per card; the queue itself carries only the id). */
function TaskTitle({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const task = useTask(taskId);
  return (
    <Anchor component={Link} to={`/tasks/${taskId}`} fw={600} lineClamp={2}>
      {task.data
        ? `${task.data.directive.number ?? ''} · ${task.data.ref} — ${task.data.text}`
        : t('reviews.taskLink', { id: taskId })}
    </Anchor>
  );
}

/** Reports waiting for this office's decision, first come first reviewed. */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const queue = useReviewQueue(page);
  return (
    <Stack>
      <Group gap="xs">
        <Title order={2}>{t('reviews.title')}</Title>
        {queue.data && <Badge variant="light">{queue.data.total}</Badge>}
      </Group>
      {queue.isPending ? (
        <LoadingState />
      ) : queue.error ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <EmptyState>{t('reviews.empty')}</EmptyState>
      ) : (
        <>
          {queue.data.items.map((report) => (
            <Card withBorder key={report.id}>
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
                  <TaskTitle taskId={report.taskId} />
                  <Text size="sm">
                    {report.agency.name} · {report.percent}%
                  </Text>
                  <Text size="sm" c="dimmed" lineClamp={2}>
                    {report.narrative}
                  </Text>
                </Stack>
                <Text size="xs" c="dimmed">
                  {report.author.name} · {formatDateTime(report.submittedAt)}
                </Text>
              </Group>
            </Card>
          ))}
          {queue.data.total > queue.data.pageSize && (
            <Pagination total={Math.ceil(queue.data.total / queue.data.pageSize)} value={page} onChange={setPage} />
          )}
        </>
      )}
    </Stack>
  );
}
