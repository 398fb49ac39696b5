import type { TaskRow } from '@giamsat/server/tasks/task.schemas.ts';
import { Anchor, Group, Progress, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../app/format.ts';
import { TimelinessBadge } from './timeliness.tsx';

export type SortKey = 'dueDate' | 'createdAt' | 'timeliness' | 'directive' | 'ref';

interface SortProps {
  sort?: SortKey;
  order?: 'asc' | 'desc';
  onSort?: (sort: SortKey) => void;
}

function SortHeader({ label, column, sort, order, onSort }: SortProps & { label: string; column: SortKey }) {
  const { t } = useTranslation();
  if (!onSort) return <Table.Th>{label}</Table.Th>;
  const active = sort === column;
  const Icon = active ? (order === 'desc' ? IconArrowDown : IconArrowUp) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(column)} aria-label={t('tasks.sortBy', { column: label })}>
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Deadline as a person reads it: the day, else the words of the directive (continuous, event…). */
export function DeadlineText({ deadline }: { deadline: TaskRow['deadline'] }) {
  const { t } = useTranslation();
  if (deadline.due) return <>{formatDate(deadline.due)}</>;
  return <>{t(`deadlineKind.${deadline.kind}`)}</>;
}

export function TaskTable({ tasks, ...sortProps }: { tasks: TaskRow[] } & SortProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="task-table">
        <Table.Thead>
          <Table.Tr>
            <SortHeader label={t('tasks.columns.ref')} column="ref" {...sortProps} />
            <Table.Th>{t('tasks.columns.text')}</Table.Th>
            <SortHeader label={t('tasks.columns.directive')} column="directive" {...sortProps} />
            <Table.Th>{t('tasks.columns.lead')}</Table.Th>
            <SortHeader label={t('tasks.columns.due')} column="dueDate" {...sortProps} />
            <SortHeader label={t('tasks.columns.timeliness')} column="timeliness" {...sortProps} />
            <Table.Th>{t('tasks.columns.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{task.ref}</Table.Td>
              <Table.Td maw={480}>
                <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" lineClamp={2}>
                  {task.text}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{task.directive.number ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {task.lead.map((a) => a.name).join('; ') || '—'}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">
                  <DeadlineText deadline={task.deadline} />
                </Text>
                {task.daysOverdue > 0 && (
                  <Text size="xs" c="red">
                    {t('tasks.daysOverdue', { count: task.daysOverdue })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <TimelinessBadge value={task.timeliness} dueSoon={task.dueSoon} />
              </Table.Td>
              <Table.Td miw={90}>
                <Progress value={task.progressPercent} size="sm" aria-label={`${task.progressPercent}%`} />
                <Text size="xs" c="dimmed">
                  {task.progressPercent}%
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
