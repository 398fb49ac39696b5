import { TimelinessFilter } from '@giamsat/shared';
import {
  Button,
  Collapse,
  Group,
  MultiSelect,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAdjustments, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { errorMessage } from '../api/errors.ts';
import { maySeeDrafts, useMe } from '../auth/useMe.ts';
import { ClearFiltersButton } from '../ui/buttons.tsx';
import { DayInput } from '../ui/DayInput.tsx';
import { FilterPanel } from '../ui/FilterPanel.tsx';
import { formatNumber } from '../ui/format.ts';
import { SearchField, useSearchText } from '../ui/SearchField.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { exportTasksToXlsx } from './exportXlsx.ts';
import { type SortKey, TaskTable } from './TaskTable.tsx';
import { PAGE_SIZES, paramsFromSearch, type TaskFilterKey } from './taskFilters.ts';
import { useTaskList } from './useTasks.ts';

/** A day from the address bar, or none when it is not written yyyy-mm-dd. */
function dayOrNull(value: string | undefined): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

export default function TaskListPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const me = useMe();
  const { page, pageSize, ...filters } = paramsFromSearch(search);
  const words = useSearchText(String(filters.q ?? ''), (q) => setFilters({ q }));
  const [moreOpen, { toggle: toggleMore }] = useDisclosure(
    Boolean(
      filters.dueFrom || filters.dueTo || filters.level || filters.staleOnly || filters.status || filters.noReporter,
    ),
  );
  const [exporting, setExporting] = useState<string | null>(null);

  const query = { ...filters, limit: pageSize, offset: (page - 1) * pageSize };
  const tasks = useTaskList(query);

  /** Changes filters in the URL (so the list can be bookmarked and shared) and goes back to page 1. */
  const setFilters = (changes: Partial<Record<TaskFilterKey | 'page' | 'pageSize', string | null>>) => {
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '' || value === undefined) next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  const sort = (filters.sort as SortKey | undefined) ?? 'dueDate';
  const order = filters.order === 'desc' ? 'desc' : 'asc';
  const onSort = (column: SortKey) =>
    setFilters({ sort: column, order: column === sort && order === 'asc' ? 'desc' : 'asc' });

  const timeliness = String(filters.timeliness ?? '')
    .split(',')
    .filter(Boolean);
  const total = tasks.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hasFilters = [...search.keys()].some((key) => !['page', 'pageSize', 'sort', 'order'].includes(key));

  const onExport = async () => {
    setExporting(t('tasks.export.preparing'));
    try {
      await exportTasksToXlsx({ ...filters }, t, (done, all) =>
        setExporting(
          t('tasks.export.progress', {
            done: formatNumber(done, i18n.language),
            total: formatNumber(all, i18n.language),
          }),
        ),
      );
    } catch (error) {
      notifications.show({ color: 'red', title: t('tasks.export.failed'), message: errorMessage(t, error) });
    } finally {
      setExporting(null);
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('tasks.title')}</Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="task-total">
            {tasks.data ? t('tasks.total', { count: total, formatted: formatNumber(total, i18n.language) }) : ' '}
          </Text>
        </div>
        <Button
          leftSection={<IconDownload size={16} />}
          variant="light"
          onClick={() => void onExport()}
          loading={exporting !== null}
          disabled={!tasks.data || total === 0}
        >
          {t('tasks.export.button')}
        </Button>
      </Group>
      {exporting && (
        <Text size="sm" c="dimmed" role="status">
          {exporting}
        </Text>
      )}

      <FilterPanel
        below={
          <>
            <Group gap="sm">
              <Button variant="subtle" size="xs" leftSection={<IconAdjustments size={14} />} onClick={toggleMore}>
                {moreOpen ? t('tasks.filters.fewer') : t('tasks.filters.more')}
              </Button>
              {hasFilters && (
                <ClearFiltersButton
                  onClear={() => {
                    words.clear();
                    setSearch(new URLSearchParams(), { replace: true });
                  }}
                >
                  {t('tasks.filters.clear')}
                </ClearFiltersButton>
              )}
            </Group>
            <Collapse in={moreOpen}>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                <DayInput
                  label={t('tasks.filters.dueFrom')}
                  value={dayOrNull(filters.dueFrom as string | undefined)}
                  onChange={(day) => setFilters({ dueFrom: day })}
                />
                <DayInput
                  label={t('tasks.filters.dueTo')}
                  value={dayOrNull(filters.dueTo as string | undefined)}
                  onChange={(day) => setFilters({ dueTo: day })}
                />
                <Select
                  label={t('tasks.filters.level')}
                  data={['central', 'province', 'commune'].map((v) => ({ value: v, label: t(`levels.${v}`) }))}
                  value={filters.level ? String(filters.level) : null}
                  onChange={(v) => setFilters({ level: v })}
                  clearable
                />
                {me.data && maySeeDrafts(me.data.role) && (
                  // Live tasks unless drafts are asked for (the server's default too).
                  <Select
                    label={t('tasks.filters.status')}
                    data={['published', 'draft', 'any'].map((v) => ({
                      value: v,
                      label: t(`tasks.filters.statusOptions.${v}`),
                    }))}
                    value={String(filters.status ?? 'published')}
                    onChange={(v) => setFilters({ status: v === 'published' ? null : v })}
                    allowDeselect={false}
                    data-testid="task-status-filter"
                  />
                )}
                <Stack gap={6} justify="flex-end">
                  <Switch
                    label={t('tasks.filters.subtree')}
                    checked={filters.subtree === 'true'}
                    onChange={(e) => setFilters({ subtree: e.currentTarget.checked ? 'true' : null })}
                  />
                  <Switch
                    label={t('tasks.filters.staleOnly')}
                    checked={filters.staleOnly === 'true'}
                    onChange={(e) => setFilters({ staleOnly: e.currentTarget.checked ? 'true' : null })}
                  />
                  <Switch
                    label={t('tasks.filters.noReporter')}
                    checked={filters.noReporter === 'true'}
                    onChange={(e) => setFilters({ noReporter: e.currentTarget.checked ? 'true' : null })}
                  />
                </Stack>
              </SimpleGrid>
            </Collapse>
          </>
        }
      >
        <SearchField
          label={t('tasks.filters.q')}
          placeholder={t('tasks.filters.qPlaceholder')}
          value={words.text}
          onChange={words.change}
        />
        <MultiSelect
          label={t('tasks.filters.timeliness')}
          data={TimelinessFilter.options.map((v) => ({ value: v, label: t(`timeliness.${v}`) }))}
          value={timeliness}
          onChange={(values) => setFilters({ timeliness: values.join(',') || null })}
          clearable
        />
        <AgencyPicker
          label={t('tasks.filters.agency')}
          value={filters.agencyId ? Number(filters.agencyId) : null}
          onChange={(id) => setFilters({ agencyId: id ? String(id) : null })}
        />
        <Select
          label={t('tasks.filters.role')}
          data={['any', 'lead', 'coordinating'].map((v) => ({ value: v, label: t(`tasks.roles.${v}`) }))}
          value={String(filters.role ?? 'any')}
          onChange={(v) => setFilters({ role: v === 'any' ? null : v })}
          allowDeselect={false}
        />
      </FilterPanel>

      {tasks.isPending ? (
        <LoadingState />
      ) : tasks.error ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : total === 0 ? (
        <EmptyState>{hasFilters ? t('tasks.emptyFiltered') : t('tasks.empty')}</EmptyState>
      ) : (
        <Stack style={{ opacity: tasks.isPlaceholderData ? 0.6 : 1 }}>
          <TaskTable tasks={tasks.data.items} sort={sort} order={order} onSort={onSort} />
          <Group justify="space-between">
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={(p) => setFilters({ page: String(p) })}
              siblings={1}
              withEdges
              getControlProps={(control) => ({ 'aria-label': t(`tasks.pagination.${control}`) })}
            />
            <Select
              aria-label={t('tasks.pageSize')}
              w={110}
              data={PAGE_SIZES.map((n) => ({ value: String(n), label: t('tasks.perPage', { count: n }) }))}
              value={String(pageSize)}
              onChange={(v) => setFilters({ pageSize: v })}
              allowDeselect={false}
            />
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
