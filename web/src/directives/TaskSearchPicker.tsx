import type { TaskListResponse } from '@giamsat/server/tasks/task.schemas.ts';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../api/client.ts';

type TaskList = z.infer<typeof TaskListResponse>;

export interface TaskChoice {
  id: number;
  label: string;
}

export const taskLabel = (task: { ref: string; text: string; directive: { number: string | null } }) =>
  `${task.directive.number ?? ''} · ${task.ref ? `${task.ref} — ` : ''}${task.text}`.slice(0, 160);

/**
 * The higher task a task implements: searched by its words (without diacritics) among published tasks,
 * other than those of `excludeDirectiveId` (a task does not implement its own directive's tasks).
 */
export function TaskSearchPicker({
  label,
  value,
  onChange,
  excludeDirectiveId,
}: {
  label: string;
  value: TaskChoice | null;
  onChange: (task: TaskChoice | null) => void;
  excludeDirectiveId?: number;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const tasks = useQuery({
    queryKey: ['tasks', 'search', debounced],
    queryFn: () => api.get<TaskList>('/api/tasks', { q: debounced, status: 'published', sort: 'directive', limit: 30 }),
    enabled: debounced.trim().length >= 2,
    staleTime: 60_000,
  });
  const found = (tasks.data?.items ?? []).filter((task) => task.directive.id !== excludeDirectiveId);
  const options = found.map((task) => ({ value: String(task.id), label: taskLabel(task) }));
  if (value && !options.some((o) => o.value === String(value.id))) {
    options.unshift({ value: String(value.id), label: value.label });
  }
  return (
    <Select
      label={label}
      placeholder={t('directives.task.parentSearch')}
      searchable
      clearable
      data={options}
      value={value ? String(value.id) : null}
      onChange={(id) => {
        const picked = options.find((o) => o.value === id);
        onChange(picked ? { id: Number(picked.value), label: picked.label } : null);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={
        debounced.trim().length < 2
          ? t('directives.task.parentTypeMore')
          : tasks.isFetching
            ? t('common.loading')
            : t('directives.task.parentNone')
      }
      data-testid="parent-task-picker"
    />
  );
}
