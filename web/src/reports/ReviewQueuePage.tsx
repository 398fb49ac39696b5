import { Anchor, Badge, Card, Group, Pagination, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { type QueuedReport, type QueueOrder, useReviewQueue } from './useReports.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long a report has waited, as the reviewer reads it: "vừa gửi", "chờ 5 giờ", "chờ 3 ngày". */
function Waiting({ submittedAt, now }: { submittedAt: string | null; now: number }) {
  const { t } = useTranslation();
  if (!submittedAt) return null;
  const waited = Math.max(0, now - new Date(submittedAt).getTime());
  const days = Math.floor(waited / DAY);
  const hours = Math.floor(waited / HOUR);
  const label =
    days >= 1
      ? t('reviews.waitingDays', { count: days })
      : hours >= 1
        ? t('reviews.waitingHours', { count: hours })
        : t('reviews.justSubmitted');
  // Colour only as a hint of age (a week, a fortnight); no review deadline is configured.
  const color = days >= 14 ? 'red' : days >= 7 ? 'orange' : 'gray';
  return (
    <Badge variant="light" color={color} tt="none" style={{ flexShrink: 0 }} data-testid="review-waiting">
      {label}
    </Badge>
  );
}

function QueueCard({ report, now }: { report: QueuedReport; now: number }) {
  const { t } = useTranslation();
  const task = report.task;
  return (
    <Card withBorder data-testid="review-card">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Anchor component={Link} to={`/tasks/${report.taskId}`} fw={600} lineClamp={2}>
            {task
              ? `${task.directive.number ?? t('tasks.directiveUnnumbered')} · ${task.ref} — ${task.text}`
              : t('reviews.taskLink', { id: report.taskId })}
          </Anchor>
          <Waiting submittedAt={report.submittedAt} now={now} />
        </Group>
        <Text size="sm">
          {report.agency.name} · {t(`tasks.roles.${report.agencyRole}`)} · {report.percent}%
          {task?.dueDate ? ` · ${t('reviews.due', { date: formatDate(task.dueDate) })}` : ''}
        </Text>
        {report.narrative && (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {report.narrative}
          </Text>
        )}
        <Text size="xs" c="dimmed" ta="right">
          {t('reviews.submittedBy', { name: report.author.name, at: formatDateTime(report.submittedAt) })}
        </Text>
      </Stack>
    </Card>
  );
}

/**
 * Reports waiting for this office's decision. First come, first reviewed by default; the reviewer may
 * look at the newest first. Each card says how long its report has waited.
 */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const order: QueueOrder = search.get('order') === 'newest' ? 'newest' : 'oldest';
  const [page, setPage] = useState(1);
  const queue = useReviewQueue(page, order);
  // One clock per render of the page, so every card measures against the same moment.
  const now = Date.now();
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Title order={2}>{t('reviews.title')}</Title>
          {queue.data && <Badge variant="light">{queue.data.total}</Badge>}
        </Group>
        <SegmentedControl
          aria-label={t('reviews.order')}
          value={order}
          onChange={(value) => {
            setPage(1);
            const next = new URLSearchParams(search);
            if (value === 'newest') next.set('order', 'newest');
            else next.delete('order');
            setSearch(next, { replace: true });
          }}
          data={[
            { value: 'oldest', label: t('reviews.orders.oldest') },
            { value: 'newest', label: t('reviews.orders.newest') },
          ]}
        />
      </Group>
      {queue.isPending ? (
        <LoadingState />
      ) : queue.error ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <EmptyState>{t('reviews.empty')}</EmptyState>
      ) : (
        <Stack style={{ opacity: queue.isPlaceholderData ? 0.6 : 1 }}>
          {queue.data.items.map((report) => (
            <QueueCard key={report.id} report={report} now={now} />
          ))}
          {queue.data.total > queue.data.pageSize && (
            <Pagination total={Math.ceil(queue.data.total / queue.data.pageSize)} value={page} onChange={setPage} />
          )}
        </Stack>
      )}
    </Stack>
  );
}
