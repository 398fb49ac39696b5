import { ReportState } from '@giamsat/shared';
import { Anchor, Badge, Card, Group, Pagination, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { ClearFiltersButton } from '../ui/buttons.tsx';
import { FilterPanel } from '../ui/FilterPanel.tsx';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../ui/format.ts';
import { SearchField, useSearchText } from '../ui/SearchField.tsx';
import { ListStates } from '../ui/states.tsx';
import { DirectivePicker } from './DirectivePicker.tsx';
import { ProgressLowered } from './ProgressLowered.tsx';
import { STATE_COLORS } from './ReportCard.tsx';
import { type QueuedReport, type QueueOrder, type ReviewFilters, useReviewQueue } from './useReports.ts';

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
  const { t, i18n } = useTranslation();
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
          {report.state === 'submitted' ? (
            <Waiting submittedAt={report.submittedAt} now={now} />
          ) : (
            <Badge variant="light" color={STATE_COLORS[report.state]} tt="none" style={{ flexShrink: 0 }}>
              {t(`reportState.${report.state}`)}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {report.agency.name} · {t(`tasks.roles.${report.agencyRole}`)} ·{' '}
          {formatPercent(report.percent / 100, i18n.language)}
          {task?.dueDate ? ` · ${t('reviews.due', { date: formatDate(task.dueDate) })}` : ''}
        </Text>
        <ProgressLowered report={report} />
        {report.narrative && (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {report.narrative}
          </Text>
        )}
        <Text size="xs" c="dimmed" ta="right">
          {t('reviews.submittedBy', { name: report.author?.name ?? '', at: formatDateTime(report.submittedAt) })}
        </Text>
      </Stack>
    </Card>
  );
}

/** The states a reviewer filters by: the queue itself (submitted) by default, or what was decided; never drafts. */
const STATE_CHOICES = ['submitted', 'returned', 'accepted', 'all'] as const;
type StateChoice = (typeof STATE_CHOICES)[number];
const FILTER_KEYS = ['state', 'agencyId', 'directiveId', 'q'] as const;

const positiveId = (value: string | null) => {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : undefined;
};

/** The filters in the URL (so a narrowed queue can be bookmarked and shared); what is not valid there is ignored. */
function filtersFromSearch(search: URLSearchParams): { choice: StateChoice; filters: ReviewFilters } {
  const state = ReportState.safeParse(search.get('state'));
  const choice: StateChoice =
    search.get('state') === 'all' ? 'all' : state.success && state.data !== 'draft' ? state.data : 'submitted';
  return {
    choice,
    filters: {
      state: choice === 'all' ? undefined : choice,
      agencyId: positiveId(search.get('agencyId')),
      directiveId: positiveId(search.get('directiveId')),
      q: search.get('q')?.trim() || undefined,
    },
  };
}

/**
 * Reports for this office's decision. First come, first reviewed by default; the reviewer may look at the
 * newest first, and narrow the queue to a body (with those under it), a directive, words of the task, or
 * look at reports already returned or accepted. Each card says how long its report has waited.
 */
export default function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const order: QueueOrder = search.get('order') === 'newest' ? 'newest' : 'oldest';
  const { choice, filters } = filtersFromSearch(search);
  const [page, setPage] = useState(1);
  const words = useSearchText(filters.q, (q) => setFilters({ q }));
  const queue = useReviewQueue(filters, page, order);
  const filtered = FILTER_KEYS.some((key) => search.has(key));

  /** Changes the URL's filters and goes back to the first page. */
  const setFilters = (changes: Partial<Record<(typeof FILTER_KEYS)[number] | 'order', string | null>>) => {
    setPage(1);
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };

  // One clock per render of the page, so every card measures against the same moment.
  const now = Date.now();
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs" align="baseline">
          <Title order={2}>{t(`reviews.titles.${choice}`)}</Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="review-total">
            {queue.data
              ? t('reviews.total', {
                  count: queue.data.total,
                  formatted: formatNumber(queue.data.total, i18n.language),
                })
              : ' '}
          </Text>
        </Group>
        <SegmentedControl
          aria-label={t('reviews.order')}
          value={order}
          onChange={(value) => setFilters({ order: value === 'newest' ? 'newest' : null })}
          data={[
            { value: 'oldest', label: t('reviews.orders.oldest') },
            { value: 'newest', label: t('reviews.orders.newest') },
          ]}
        />
      </Group>
      <FilterPanel
        below={
          filtered && (
            <Group justify="flex-end">
              <ClearFiltersButton
                onClear={() => {
                  words.clear();
                  setFilters({ state: null, agencyId: null, directiveId: null, q: null });
                }}
              >
                {t('reviews.filters.clear')}
              </ClearFiltersButton>
            </Group>
          )
        }
      >
        <Select
          label={t('reviews.filters.state')}
          data={STATE_CHOICES.map((value) => ({ value, label: t(`reviews.states.${value}`) }))}
          value={choice}
          onChange={(value) => setFilters({ state: value === 'submitted' ? null : value })}
          allowDeselect={false}
        />
        <AgencyPicker
          label={t('reviews.filters.agency')}
          value={filters.agencyId ?? null}
          onChange={(id) => setFilters({ agencyId: id ? String(id) : null })}
        />
        <DirectivePicker
          label={t('reviews.filters.directive')}
          value={filters.directiveId ?? null}
          onChange={(id) => setFilters({ directiveId: id ? String(id) : null })}
        />
        <SearchField
          label={t('reviews.filters.q')}
          placeholder={t('reviews.filters.qPlaceholder')}
          value={words.text}
          onChange={words.change}
        />
      </FilterPanel>
      <ListStates query={queue} empty={filtered ? t('reviews.emptyFiltered') : t('reviews.empty')}>
        {(reports) => (
          <Stack style={{ opacity: queue.isPlaceholderData ? 0.6 : 1 }}>
            {reports.items.map((report) => (
              <QueueCard key={report.id} report={report} now={now} />
            ))}
            {reports.total > reports.pageSize && (
              <Pagination total={Math.ceil(reports.total / reports.pageSize)} value={page} onChange={setPage} />
            )}
          </Stack>
        )}
      </ListStates>
    </Stack>
  );
}
