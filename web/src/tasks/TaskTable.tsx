import type { TaskRow } from '@giamsat/server/tasks/task.schemas.ts';
import { Anchor, Badge, Card, Group, Progress, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatPercent } from '../ui/format.ts';
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

/** "Overdue by n days" while open; "n days late" once done late. */
export function lateKey(task: Pick<TaskRow, 'timeliness'>): string {
  return task.timeliness === 'done_late' ? 'tasks.daysLate' : 'tasks.daysOverdue';
}

/** How late the task is, under its deadline: nothing while it is not. */
export function DaysLate({ task, inline }: { task: Pick<TaskRow, 'timeliness' | 'daysOverdue'>; inline?: boolean }) {
  const { t } = useTranslation();
  if (task.daysOverdue <= 0) return null;
  return (
    <Text size="xs" c="red" {...(inline ? { component: 'span', display: 'block' } : {})}>
      {t(lateKey(task), { count: task.daysOverdue })}
    </Text>
  );
}

/** A task's progress as a bar with its percent beside it. */
export function ProgressLine({ percent, mt }: { percent: number; mt?: number }) {
  const { i18n } = useTranslation();
  const text = formatPercent(percent / 100, i18n.language);
  return (
    <Group gap={6} wrap="nowrap" mt={mt}>
      <Progress value={percent} size="sm" style={{ flex: 1 }} aria-label={text} />
      <Text size="xs" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}

/** Deadline as a person reads it: the day, else the words of the directive (continuous, event…). */
export function DeadlineText({ deadline }: { deadline: TaskRow['deadline'] }) {
  const { t } = useTranslation();
  if (deadline.due) return <>{formatDate(deadline.due)}</>;
  return <>{t(`deadlineKind.${deadline.kind}`)}</>;
}

/** A live task's state; a draft's task has none yet (nobody has been given it), so it says it is a draft's. */
function TaskState({ task }: { task: TaskRow }) {
  const { t } = useTranslation();
  if (task.directive.status === 'draft') {
    return (
      <Badge color="gray" variant="outline" radius="sm" tt="none" data-testid="draft-label">
        {t('directives.status.draft')}
      </Badge>
    );
  }
  return <TimelinessBadge value={task.timeliness} dueSoon={task.dueSoon} />;
}

/** At phone width a table of seven columns cannot be read: one card per task instead. */
function TaskCards({ tasks }: { tasks: TaskRow[] }) {
  return (
    <Stack gap="xs" data-testid="task-table">
      {tasks.map((task) => (
        <Card key={task.id} withBorder padding="sm">
          <Stack gap={6}>
            <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" fw={500} lineClamp={3}>
              {task.text}
            </Anchor>
            <Text size="xs" c="dimmed">
              {task.directive.number ?? '—'} · {task.ref} · {task.lead.map((a) => a.name).join('; ') || '—'}
            </Text>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <TaskState task={task} />
              <Text size="sm" ta="right" style={{ whiteSpace: 'nowrap' }}>
                <DeadlineText deadline={task.deadline} />
                <DaysLate task={task} inline />
              </Text>
            </Group>
            <ProgressLine percent={task.progressPercent} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

export function TaskTable({ tasks, ...sortProps }: { tasks: TaskRow[] } & SortProps) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  if (phone) return <TaskCards tasks={tasks} />;
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
                <DaysLate task={task} />
              </Table.Td>
              <Table.Td miw={150}>
                <TaskState task={task} />
              </Table.Td>
              <Table.Td miw={90}>
                <Progress
                  value={task.progressPercent}
                  size="sm"
                  aria-label={formatPercent(task.progressPercent / 100, i18n.language)}
                />
                <Text size="xs" c="dimmed">
                  {formatPercent(task.progressPercent / 100, i18n.language)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
