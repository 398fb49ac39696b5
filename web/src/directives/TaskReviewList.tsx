import type { TaskRow } from '@giamsat/server/tasks/task.schemas.ts';
import { Badge, Checkbox, Group, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DeadlineText } from '../tasks/TaskTable.tsx';
import { EmptyState } from '../ui/states.tsx';

export interface ReviewTask {
  row: TaskRow;
  sourceLine: number | null;
  unresolvedBodies: string[];
}

/** The draft's tasks in reading order: pick one to edit, tick several to merge. */
export function TaskReviewList({
  tasks,
  selectedId,
  onSelect,
  checked,
  onCheck,
  height,
}: {
  tasks: ReviewTask[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  checked: number[];
  onCheck: (ids: number[]) => void;
  height: number | string;
}) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <EmptyState>{t('directives.review.noTasks')}</EmptyState>;
  return (
    <ScrollArea h={height} type="auto">
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="review-task-list">
        {tasks.map(({ row, sourceLine, unresolvedBodies }) => {
          const selected = row.id === selectedId;
          const missingLead = row.lead.length === 0;
          return (
            <Paper
              component="li"
              key={row.id}
              withBorder
              p="xs"
              data-task-id={row.id}
              data-selected={selected || undefined}
              style={{
                borderColor: selected ? 'var(--mantine-color-red-7)' : undefined,
                background: selected ? 'var(--mantine-color-red-0)' : undefined,
              }}
            >
              <Group align="flex-start" wrap="nowrap" gap="xs">
                <Checkbox
                  mt={2}
                  aria-label={t('directives.review.checkForMerge', { ref: row.ref || `#${row.id}` })}
                  checked={checked.includes(row.id)}
                  onChange={(e) =>
                    onCheck(e.currentTarget.checked ? [...checked, row.id] : checked.filter((id) => id !== row.id))
                  }
                />
                <UnstyledButton
                  onClick={() => onSelect(row.id)}
                  style={{ flex: 1, minWidth: 0 }}
                  aria-current={selected || undefined}
                  aria-label={t('directives.review.selectTask', { ref: row.ref || `#${row.id}` })}
                >
                  <Group gap={6} mb={2} wrap="wrap">
                    <Text size="xs" fw={700}>
                      {row.ref || `#${row.id}`}
                    </Text>
                    {sourceLine !== null && (
                      <Text size="xs" c="dimmed">
                        {t('task.sourceLine', { line: sourceLine })}
                      </Text>
                    )}
                    {missingLead && (
                      <Badge size="xs" color="red" variant="light">
                        {t('directives.review.noLead')}
                      </Badge>
                    )}
                    {unresolvedBodies.length > 0 && (
                      <Badge size="xs" color="orange" variant="light">
                        {t('directives.review.unresolvedCount', { count: unresolvedBodies.length })}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" lineClamp={2}>
                    {row.text}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {row.lead.map((a) => a.name).join('; ') || '—'} · <DeadlineText deadline={row.deadline} />
                  </Text>
                </UnstyledButton>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
