import { Anchor, Badge, Card, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../app/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../app/states.tsx';
import { useReviewQueue } from './useProgress.ts';

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
                <Stack gap={2}>
                  <Anchor component={Link} to={`/tasks/${report.taskId}`} fw={600}>
                    {t('reviews.taskLink', { id: report.taskId })}
                  </Anchor>
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
