import { writtenNameKey } from '@giamsat/shared/text';
import { Button, Card, Checkbox, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { ErrorState } from '../ui/states.tsx';
import { RenamedBody, type ReviewTask } from './TaskReviewList.tsx';
import type { useReviewActions } from './useDirectives.ts';

/** A name the document wrote that the registry did not know, with the draft's tasks that wrote it. */
export interface WrittenName {
  /** As the first task wrote it; other spellings of the same name (writtenNameKey) count with it. */
  name: string;
  taskIds: number[];
  /** A pre-2025 name: the bodies that carry its work today, a hint for the choice. */
  successors: string[];
}

/** The draft's unmatched names, each once, with every task that wrote it (in the list's order). */
export function unmatchedNames(tasks: ReviewTask[]): WrittenName[] {
  const byKey = new Map<string, WrittenName>();
  for (const task of tasks) {
    for (const name of task.unresolvedBodies) {
      const key = writtenNameKey(name);
      const entry = byKey.get(key) ?? { name, taskIds: [], successors: task.bodySuccessors[name] ?? [] };
      if (!entry.taskIds.includes(task.row.id)) entry.taskIds.push(task.row.id);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()];
}

/**
 * One written name matched to a body once: the body is given to every task of the draft that wrote
 * the name (in the role chosen, each task's history saying so), and — when ticked — the name is kept
 * as the body's alias, so the next import knows it.
 */
export function WrittenNameMatch({
  written,
  actions,
  onDrop,
}: {
  written: WrittenName;
  actions: ReturnType<typeof useReviewActions>;
  /** Drops the name from the one task being edited (it named no body, or one not to assign). */
  onDrop?: () => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<'lead' | 'coordinating'>('lead');
  const [picked, setPicked] = useState<number | null>(null);
  const [remember, setRemember] = useState(false);
  const match = actions.matchBody;
  const count = written.taskIds.length;
  const apply = () => {
    if (picked === null) return;
    match.mutate(
      { written: written.name, agencyId: picked, role, keepAsAlias: remember },
      {
        onSuccess: (matched) =>
          notifications.show({
            color: 'green',
            message: [
              t('directives.writtenNames.matched', { name: written.name, count: matched.taskIds.length }),
              matched.aliasKept ? t('directives.writtenNames.aliasKept') : '',
            ].join(' '),
          }),
      },
    );
  };
  const failed = match.error && match.variables?.written === written.name ? match.error : null;
  return (
    <Card withBorder padding="xs" data-testid="unresolved-body" data-written-name={written.name}>
      <Stack gap={6}>
        <Text size="sm">
          {t('directives.task.unresolvedWritten')}: <strong>«{written.name}»</strong>{' '}
          <Text span size="xs" c="dimmed">
            {t('directives.writtenNames.inTasks', { count })}
          </Text>
        </Text>
        {written.successors.length > 0 && <RenamedBody written={written.name} today={written.successors} />}
        <AgencyPicker label={t('directives.task.matchBody')} value={picked} onChange={setPicked} />
        <SegmentedControl
          size="xs"
          value={role}
          onChange={(v) => setRole(v === 'coordinating' ? 'coordinating' : 'lead')}
          data={[
            { value: 'lead', label: t('tasks.roles.lead') },
            { value: 'coordinating', label: t('tasks.roles.coordinating') },
          ]}
        />
        <Checkbox
          size="xs"
          label={t('directives.writtenNames.remember', { name: written.name })}
          checked={remember}
          onChange={(e) => setRemember(e.currentTarget.checked)}
        />
        <Group gap="xs">
          <Button
            size="xs"
            disabled={picked === null}
            loading={match.isPending && match.variables?.written === written.name}
            onClick={apply}
          >
            {t('directives.writtenNames.apply', { count })}
          </Button>
          {onDrop && (
            <Button size="xs" variant="subtle" color="gray" onClick={onDrop}>
              {t('directives.task.dropBody')}
            </Button>
          )}
        </Group>
        {failed && <ErrorState error={failed} />}
      </Stack>
    </Card>
  );
}

/** Every name of the draft the registry did not know, each matched once for all the tasks that wrote it. */
export function WrittenNamesPanel({
  names,
  actions,
}: {
  names: WrittenName[];
  actions: ReturnType<typeof useReviewActions>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="written-names">
      <Text size="sm" c="dimmed">
        {t('directives.writtenNames.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="xs">
        {names.map((written) => (
          <WrittenNameMatch key={writtenNameKey(written.name)} written={written} actions={actions} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
