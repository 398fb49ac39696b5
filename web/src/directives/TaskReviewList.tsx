import type { TaskRow } from '@giamsat/server/tasks/task.schemas.ts';
import { Badge, Checkbox, Group, Paper, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DeadlineText } from '../tasks/TaskTable.tsx';
import { EmptyState } from '../ui/states.tsx';
import type { DoubtfulField } from './confidence.ts';

export interface ReviewTask {
  row: TaskRow;
  sourceLine: number | null;
  unresolvedBodies: string[];
  /** Fields the extractor was unsure of, least sure first. */
  doubtful: DoubtfulField[];
  /** A body written under a pre-2025 name → today's bodies. */
  bodySuccessors: Record<string, string[]>;
  /** Progress the imported task list recorded: where the task starts. */
  startingProgress: number | null;
}

/** A field the extractor was unsure of: which, how sure, and why (as text and as a tooltip). */
export function DoubtfulFieldNote({ doubt }: { doubt: DoubtfulField }) {
  const { t } = useTranslation();
  const field = t(`extraction.field.${doubt.field}`, { defaultValue: doubt.field });
  const reason = t(`extraction.reason.${doubt.reason}`, { defaultValue: doubt.reason });
  return (
    <Tooltip label={t('extraction.why', { reason })} multiline w={260} withArrow>
      <Text size="xs" c="orange.9" data-doubtful-field={doubt.field}>
        <IconAlertTriangle size={12} style={{ verticalAlign: -1 }} aria-hidden />{' '}
        {t('extraction.doubt', { field, percent: Math.round(doubt.score * 100), reason })}
      </Text>
    </Tooltip>
  );
}

/** "Bộ Kế hoạch và Đầu tư → Bộ Tài chính": the name the document wrote and the body that carries its work today. */
export function RenamedBody({ written, today }: { written: string; today: string[] }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="blue.9" data-renamed-body={written} title={t('extraction.renamedHint')}>
      {written} <IconArrowRight size={12} style={{ verticalAlign: -1 }} aria-label={t('extraction.renamedTo')} />{' '}
      {today.join(', ')}
    </Text>
  );
}

/**
 * The draft's tasks in the order given (the review passes them doubtful first, see `doubtfulFirst`):
 * pick one to edit, tick several to merge.
 */
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
  if (tasks.length === 0) return <EmptyState>{t('directives.review.noTasksHint')}</EmptyState>;
  return (
    <ScrollArea h={height} type="auto">
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="review-task-list">
        {tasks.map(({ row, sourceLine, unresolvedBodies, doubtful, bodySuccessors, startingProgress }) => {
          const selected = row.id === selectedId;
          const missingLead = row.lead.length === 0;
          const doubted = doubtful.length > 0;
          return (
            <Paper
              component="li"
              key={row.id}
              withBorder
              p="xs"
              data-task-id={row.id}
              data-selected={selected || undefined}
              data-doubtful={doubted || undefined}
              style={{
                borderColor: selected ? 'var(--mantine-color-red-7)' : undefined,
                borderLeft: doubted ? '4px solid var(--mantine-color-orange-6)' : undefined,
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
                    {startingProgress !== null && (
                      <Badge size="xs" color="teal" variant="light" data-starting-progress={startingProgress}>
                        {t('extraction.startingProgress', { percent: startingProgress })}
                      </Badge>
                    )}
                    {doubted && (
                      <Badge size="xs" color="orange" variant="filled">
                        {t('extraction.needsLook')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" lineClamp={2}>
                    {row.text}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {row.lead.map((a) => a.name).join('; ') || '—'} · <DeadlineText deadline={row.deadline} />
                  </Text>
                  {Object.entries(bodySuccessors).map(([written, today]) => (
                    <RenamedBody key={written} written={written} today={today} />
                  ))}
                  {doubtful.map((doubt) => (
                    <DoubtfulFieldNote key={doubt.field} doubt={doubt} />
                  ))}
                </UnstyledButton>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
