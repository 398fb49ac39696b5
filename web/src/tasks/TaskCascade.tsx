import type { TaskRow } from '@giamsat/server/tasks/task.schemas.ts';
import { isDueAfterParent } from '@giamsat/shared';
import { Anchor, Card, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../ui/Field.tsx';
import { formatDate, formatPercent } from '../ui/format.ts';
import { RowsTable } from '../ui/RowsTable.tsx';
import { EmptyState } from '../ui/states.tsx';
import { DaysLate, DeadlineText, ProgressLine, TaskTable } from './TaskTable.tsx';
import { TimelinessBadge } from './timeliness.tsx';
import type { Task } from './useTasks.ts';

/**
 * The lower tasks implementing a task, as the higher level reads them: who took it on, in which plan
 * and at which level, by when — flagged when later than the task's own deadline — and how far along.
 * Four columns, so the table fits beside the task's details without scrolling sideways.
 */
function LowerTasks({ parentDue, tasks }: { parentDue: string | null; tasks: TaskRow[] }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  if (phone) return <TaskTable tasks={tasks} />;
  return (
    <RowsTable
      minWidth={560}
      striped
      highlightOnHover
      verticalSpacing="xs"
      data-testid="lower-tasks"
      columns={[
        t('tasks.columns.text'),
        t('tasks.columns.lead'),
        t('tasks.columns.due'),
        t('tasks.columns.timeliness'),
      ]}
    >
      {tasks.map((task) => {
        const later = isDueAfterParent(task.deadline.due, parentDue);
        return (
          <Table.Tr key={task.id}>
            <Table.Td maw={340}>
              <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" lineClamp={2}>
                {task.text}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t(`levels.${task.directive.level}`)} · {task.directive.number ?? t('tasks.directiveUnnumbered')}
                {task.ref && ` · ${task.ref}`}
              </Text>
            </Table.Td>
            <Table.Td miw={150}>
              <Text size="sm" lineClamp={2}>
                {task.lead.map((a) => a.name).join('; ') || '—'}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm" c={later ? 'orange.8' : undefined} fw={later ? 600 : undefined}>
                <DeadlineText deadline={task.deadline} />
              </Text>
              {later && (
                <Tooltip label={t('task.cascade.laterHint', { due: formatDate(parentDue) })}>
                  <Text size="xs" c="orange.8" data-testid="later-than-parent">
                    {t('task.cascade.later')}
                  </Text>
                </Tooltip>
              )}
              <DaysLate task={task} />
            </Table.Td>
            <Table.Td miw={150}>
              <TimelinessBadge value={task.timeliness} dueSoon={task.dueSoon} />
              <ProgressLine percent={task.progressPercent} mt={4} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </RowsTable>
  );
}

/** The task's place in the cascade: the higher task it implements, and every lower task rolled up. */
export function TaskCascade({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const { rollup } = task;
  return (
    <Stack>
      {task.parent && (
        <Card withBorder>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {t('task.parent')}
          </Text>
          <Anchor component={Link} to={`/tasks/${task.parent.id}`} size="sm">
            {task.parent.directive.number} · {task.parent.ref} — {task.parent.text}
          </Anchor>
        </Card>
      )}
      {rollup.count > 0 ? (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Field label={t('task.rollup.count')}>{rollup.count}</Field>
            <Field label={t('task.rollup.done')}>{rollup.done}</Field>
            <Field label={t('task.rollup.overdue')}>
              <Text c={rollup.overdue > 0 ? 'red' : undefined}>{rollup.overdue}</Text>
            </Field>
            <Field label={t('task.rollup.averagePercent')}>
              {formatPercent(rollup.averagePercent / 100, i18n.language)}
            </Field>
          </SimpleGrid>
          <LowerTasks parentDue={task.deadline.due ?? null} tasks={task.children} />
          {rollup.count > task.children.length && (
            <Anchor component={Link} to={`/tasks?parentTaskId=${task.id}`} size="sm">
              {t('task.allChildren', { count: rollup.count })}
            </Anchor>
          )}
        </>
      ) : (
        <EmptyState>{t('task.noChildren')}</EmptyState>
      )}
    </Stack>
  );
}
