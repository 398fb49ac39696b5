import { writtenNameKey } from '@giamsat/shared/text';
import { Alert, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Task, useTask } from '../tasks/useTasks.ts';
import { DeleteButton } from '../ui/buttons.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { BodyListEditor, type BodyRef } from './BodyListEditor.tsx';
import { DeadlineEditor, type DeadlineValue } from './DeadlineEditor.tsx';
import { type TaskChoice, TaskSearchPicker } from './TaskSearchPicker.tsx';
import type { useReviewActions } from './useDirectives.ts';
import { type WrittenName, WrittenNameMatch } from './WrittenNames.tsx';

interface Draft {
  ref: string;
  text: string;
  deliverable: string;
  note: string;
  lead: BodyRef[];
  coordinating: BodyRef[];
  deadline: DeadlineValue;
  parent: TaskChoice | null;
  unresolved: string[];
}

function toDraft(task: Task): Draft {
  return {
    ref: task.ref,
    text: task.text,
    deliverable: task.deliverable ?? '',
    note: task.note ?? '',
    lead: task.lead.map((a) => ({ id: a.id, name: a.name })),
    coordinating: task.coordinating.map((a) => ({ id: a.id, name: a.name })),
    deadline: {
      kind: task.deadline.kind,
      raw: task.deadline.raw,
      due: task.deadline.due,
      period: task.deadline.period,
    },
    parent: task.parent
      ? {
          id: task.parent.id,
          label: `${task.parent.directive.number ?? ''} · ${task.parent.ref} — ${task.parent.text}`,
        }
      : null,
    unresolved: task.unresolvedBodies,
  };
}

function Form({
  task,
  actions,
  writtenNames,
  editable,
  onDeleted,
}: {
  task: Task;
  actions: ReturnType<typeof useReviewActions>;
  writtenNames: WrittenName[];
  editable: boolean;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => toDraft(task));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const isDraftDirective = task.directive.status === 'draft';

  const save = () => {
    actions.updateTask.mutate(
      {
        id: task.id,
        version: task.version,
        changes: {
          ref: draft.ref,
          text: draft.text,
          deliverable: draft.deliverable.trim() || null,
          note: draft.note.trim() || null,
          leadAgencyIds: draft.lead.map((b) => b.id),
          coordinatingAgencyIds: draft.coordinating
            .filter((b) => !draft.lead.some((l) => l.id === b.id))
            .map((b) => b.id),
          deadline: {
            kind: draft.deadline.kind,
            raw: draft.deadline.raw,
            due: draft.deadline.kind === 'date' || draft.deadline.kind === 'recurring' ? draft.deadline.due : null,
            period: draft.deadline.kind === 'recurring' ? draft.deadline.period : null,
          },
          parentTaskId: draft.parent?.id ?? null,
          unresolvedBodies: draft.unresolved,
        },
      },
      { onSuccess: () => notifications.show({ color: 'green', message: t('directives.task.saved') }) },
    );
  };

  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput
          label={t('directives.task.ref')}
          value={draft.ref}
          onChange={(e) => set('ref', e.currentTarget.value)}
          maw={160}
          disabled={!editable}
        />
      </Group>
      <Textarea
        label={t('directives.task.text')}
        value={draft.text}
        onChange={(e) => set('text', e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={12}
        required
        disabled={!editable}
      />
      {draft.unresolved.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle />} title={t('directives.task.unresolvedTitle')} p="xs">
          <Stack gap="xs">
            {draft.unresolved.map((name) => (
              // Matched for every task of the draft that wrote the name (this one too): the form then
              // starts again from the task's new version.
              <WrittenNameMatch
                key={name}
                written={
                  writtenNames.find((w) => writtenNameKey(w.name) === writtenNameKey(name)) ?? {
                    name,
                    taskIds: [task.id],
                    successors: [],
                  }
                }
                actions={actions}
                onDrop={() =>
                  set(
                    'unresolved',
                    draft.unresolved.filter((n) => n !== name),
                  )
                }
              />
            ))}
          </Stack>
        </Alert>
      )}
      <BodyListEditor
        label={t('tasks.columns.lead')}
        bodies={draft.lead}
        onChange={(bodies) => set('lead', bodies)}
        testId="lead-bodies"
      />
      <BodyListEditor
        label={t('tasks.columns.coordinating')}
        bodies={draft.coordinating}
        onChange={(bodies) => set('coordinating', bodies)}
        testId="coordinating-bodies"
      />
      <DeadlineEditor value={draft.deadline} onChange={(deadline) => set('deadline', deadline)} />
      {!isDraftDirective && (
        <Text size="xs" c="dimmed">
          {t('directives.task.dueNeedsExtension')}
        </Text>
      )}
      <Textarea
        label={t('task.deliverable')}
        value={draft.deliverable}
        onChange={(e) => set('deliverable', e.currentTarget.value)}
        autosize
        minRows={1}
      />
      <Textarea
        label={t('task.note')}
        value={draft.note}
        onChange={(e) => set('note', e.currentTarget.value)}
        autosize
        minRows={1}
      />
      <TaskSearchPicker
        label={t('directives.task.parent')}
        value={draft.parent}
        onChange={(parent) => set('parent', parent)}
        excludeDirectiveId={task.directive.id}
      />
      {actions.updateTask.error && <ErrorState error={actions.updateTask.error} />}
      {actions.deleteTask.error && <ErrorState error={actions.deleteTask.error} />}
      <Group justify="space-between">
        <Button
          leftSection={<IconDeviceFloppy size={16} />}
          onClick={save}
          loading={actions.updateTask.isPending}
          disabled={!editable || !draft.text.trim()}
        >
          {t('directives.task.save')}
        </Button>
        {task.abilities.canDelete && (
          <DeleteButton
            question={t('directives.task.confirmDelete')}
            pending={actions.deleteTask.isPending}
            onDelete={() => actions.deleteTask.mutate(task.id, { onSuccess: onDeleted })}
          >
            {t('directives.task.delete')}
          </DeleteButton>
        )}
      </Group>
    </Stack>
  );
}

/** The selected task's every field, saved with the version read (a stale one is refused, not overwritten). */
export function TaskEditor({
  taskId,
  actions,
  writtenNames,
  onDeleted,
}: {
  taskId: number;
  actions: ReturnType<typeof useReviewActions>;
  /** The draft's unmatched names, with all the tasks that wrote each. */
  writtenNames: WrittenName[];
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const task = useTask(taskId);
  if (task.isPending) return <LoadingState />;
  if (task.error) return <ErrorState error={task.error} onRetry={() => void task.refetch()} />;
  return (
    <Card withBorder data-testid="task-editor">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('directives.task.editing', { ref: task.data.ref || `#${task.data.id}` })}
        </Title>
        {/* A new version (after a save, a split, a merge) starts the form again from what the server holds. */}
        <Form
          key={`${task.data.id}:${task.data.version}`}
          task={task.data}
          actions={actions}
          writtenNames={writtenNames}
          editable={task.data.abilities.canEdit}
          onDeleted={onDeleted}
        />
      </Stack>
    </Card>
  );
}
