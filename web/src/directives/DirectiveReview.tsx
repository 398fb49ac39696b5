import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowMerge, IconCut, IconPlus, IconSend } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { useTaskList } from '../tasks/useTasks.ts';
import { DeleteButton } from '../ui/buttons.tsx';
import { formatDate } from '../ui/format.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { doubtfulFields, doubtfulFirst } from './confidence.ts';
import { DirectiveFieldsForm } from './DirectiveFieldsForm.tsx';
import { PublishConfirm } from './PublishConfirm.tsx';
import { pageOfLine, ScanPageView } from './ScanPageView.tsx';
import { SourceView, sourceLines, spanOf } from './SourceView.tsx';
import { TaskEditor } from './TaskEditor.tsx';
import { AddTaskModal, SplitTaskModal } from './TaskModals.tsx';
import { DoubtfulFieldNote, RenamedBody, type ReviewTask, TaskReviewList } from './TaskReviewList.tsx';
import { type Directive, useDirectiveSource, useReviewActions } from './useDirectives.ts';
import { unmatchedNames, WrittenNamesPanel } from './WrittenNames.tsx';

const PANE_HEIGHT = 'calc(100vh - 220px)';

/** The tasks the publish refusal names, each a link to select it. */
function PublishRefusal({ error, onSelect }: { error: unknown; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const tasks =
    error instanceof ApiError && Array.isArray(error.params.tasks)
      ? (error.params.tasks as { id: number; ref: string; unresolvedBodies?: string[] }[])
      : [];
  return (
    <Alert color="red" title={t('directives.review.publishRefused')} role="alert" data-testid="publish-refusal">
      <Text size="sm">{errorMessage(t, error)}</Text>
      {tasks.length > 0 && (
        <Group gap="xs" mt="xs">
          {tasks.map((task) => (
            <Anchor key={task.id} component="button" size="sm" onClick={() => onSelect(task.id)}>
              {task.ref || `#${task.id}`}
              {task.unresolvedBodies?.length ? ` («${task.unresolvedBodies.join('», «')}»)` : ''}
            </Anchor>
          ))}
        </Group>
      )}
    </Alert>
  );
}

/**
 * Review of an imported (or typed-in) draft: the source text beside the extracted tasks, every field
 * editable, then publish — nothing goes live before a person has checked it.
 */
export function DirectiveReview({ directive }: { directive: Directive }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const actions = useReviewActions(directive.id);
  const source = useDirectiveSource(directive.id);
  const list = useTaskList({ directiveId: directive.id, status: 'any', sort: 'directive', limit: 200 });
  const [checked, setChecked] = useState<number[]>([]);
  const [splitting, setSplitting] = useState<{ id: number; text: string; version: number } | null>(null);
  const [adding, addModal] = useDisclosure(false);
  // A page the reviewer turned to; otherwise the scan follows the selected task's page.
  const [scanPage, setScanPage] = useState<number | null>(null);
  const [confirming, confirmModal] = useDisclosure(false);

  const tasks: ReviewTask[] = useMemo(() => {
    const anchors = new Map((source.data?.tasks ?? []).map((a) => [a.id, a]));
    return (list.data?.items ?? []).map((row) => ({
      row,
      sourceLine: anchors.get(row.id)?.sourceLine ?? null,
      unresolvedBodies: anchors.get(row.id)?.unresolvedBodies ?? [],
      doubtful: doubtfulFields(anchors.get(row.id)?.confidence),
      bodySuccessors: anchors.get(row.id)?.bodySuccessors ?? {},
      startingProgress: anchors.get(row.id)?.startingProgress ?? null,
    }));
  }, [list.data, source.data]);

  // Listed doubtful first; with none asked for, the task open in the editor is the first one listed.
  const listed = useMemo(() => doubtfulFirst(tasks), [tasks]);
  const writtenNames = useMemo(() => unmatchedNames(tasks), [tasks]);
  const requested = Number(params.get('task'));
  const selected = tasks.find((task) => task.row.id === requested) ?? listed[0] ?? null;
  const select = (id: number) => {
    setScanPage(null);
    setParams(
      (p) => {
        p.set('task', String(id));
        return p;
      },
      { replace: true },
    );
  };
  const allLines = tasks.map((task) => task.sourceLine);
  const lines = useMemo(() => sourceLines(source.data?.text ?? null), [source.data]);
  const highlight = selected ? spanOf(selected.sourceLine, allLines, selected.row.text, lines) : null;
  const selectByLine = (line: number) => {
    const owner = [...tasks]
      .filter((task) => task.sourceLine !== null && task.sourceLine <= line)
      .sort((a, b) => (b.sourceLine ?? 0) - (a.sourceLine ?? 0))[0];
    if (owner) select(owner.row.id);
  };

  const publish = () =>
    actions.publish.mutate(directive.version, {
      onSettled: confirmModal.close,
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('directives.review.published') });
        void navigate(`/directives/${directive.id}`, { replace: true });
      },
    });
  const merge = () => {
    const order = tasks.map((task) => task.row.id).filter((id) => checked.includes(id));
    actions.mergeTasks.mutate(
      { taskIds: order },
      {
        onSuccess: (merged) => {
          setChecked([]);
          select(merged.id);
        },
      },
    );
  };

  if (list.isPending || source.isPending) return <LoadingState />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (source.error) return <ErrorState error={source.error} onRetry={() => void source.refetch()} />;
  const { withoutLead, withUnresolvedBodies, total } = directive.taskCounts;
  const doubtfulCount = tasks.filter((task) => task.doubtful.length > 0).length;
  const sourceView = (
    <SourceView text={source.data.text} highlight={highlight} onLineClick={selectByLine} height={PANE_HEIGHT} />
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h3">
              {directive.number ?? t('tasks.directiveUnnumbered')}
            </Title>
            <Badge color="gray" variant="light">
              {t('directives.status.draft')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {[directive.docType, directive.issuedOn && formatDate(directive.issuedOn), directive.issuerName]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {source.data.issuerName && source.data.issuerSuccessors.length > 0 && (
            <RenamedBody written={source.data.issuerName} today={source.data.issuerSuccessors} />
          )}
          {doubtfulFields(source.data.confidence).map((doubt) => (
            <DoubtfulFieldNote key={doubt.field} doubt={doubt} />
          ))}
          <Text size="sm" data-testid="review-summary">
            {t('directives.review.summary', { total, withoutLead, unresolved: withUnresolvedBodies })}
          </Text>
          {doubtfulCount > 0 && (
            <Text size="sm" c="orange.9" data-testid="review-doubtful">
              {t('extraction.doubtfulTasks', { count: doubtfulCount })}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {directive.abilities.canDelete && (
            <DeleteButton
              question={t('directives.review.confirmDelete')}
              pending={actions.deleteDirective.isPending}
              onDelete={() =>
                actions.deleteDirective.mutate(undefined, { onSuccess: () => void navigate('/directives') })
              }
            >
              {t('directives.review.deleteDraft')}
            </DeleteButton>
          )}
          {directive.abilities.canPublish && (
            <Button
              leftSection={<IconSend size={16} />}
              onClick={confirmModal.open}
              loading={actions.publish.isPending}
            >
              {t('directives.review.publish')}
            </Button>
          )}
        </Group>
      </Group>
      {actions.publish.error && <PublishRefusal error={actions.publish.error} onSelect={select} />}
      {actions.mergeTasks.error && <ErrorState error={actions.mergeTasks.error} />}

      <Accordion variant="contained" multiple defaultValue={writtenNames.length > 0 ? ['names'] : []}>
        <Accordion.Item value="fields">
          <Accordion.Control>{t('directives.review.fields')}</Accordion.Control>
          <Accordion.Panel>
            <DirectiveFieldsForm key={directive.version} directive={directive} actions={actions} />
          </Accordion.Panel>
        </Accordion.Item>
        {writtenNames.length > 0 && directive.abilities.canEdit && (
          <Accordion.Item value="names">
            <Accordion.Control>{t('directives.writtenNames.title', { count: writtenNames.length })}</Accordion.Control>
            <Accordion.Panel>
              <WrittenNamesPanel names={writtenNames} actions={actions} />
            </Accordion.Panel>
          </Accordion.Item>
        )}
      </Accordion>

      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="xs">
            <Group justify="space-between" gap="xs">
              <Text fw={600}>{t('directives.review.tasks', { count: tasks.length })}</Text>
              <Group gap={4} display={directive.abilities.canEdit ? undefined : 'none'}>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={addModal.open}>
                  {t('directives.review.add')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconCut size={14} />}
                  disabled={!selected}
                  onClick={() =>
                    selected &&
                    setSplitting({ id: selected.row.id, text: selected.row.text, version: selected.row.version })
                  }
                >
                  {t('directives.review.split')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconArrowMerge size={14} />}
                  disabled={checked.length < 2}
                  loading={actions.mergeTasks.isPending}
                  onClick={merge}
                >
                  {t('directives.review.merge', { count: checked.length })}
                </Button>
              </Group>
            </Group>
            {list.data.total > tasks.length && (
              <Text size="xs" c="orange">
                {t('directives.review.moreTasks', { shown: tasks.length, total: list.data.total })}
              </Text>
            )}
            <TaskReviewList
              tasks={listed}
              selectedId={selected?.row.id ?? null}
              onSelect={select}
              checked={checked}
              onCheck={setChecked}
              height={280}
            />
            {selected && (
              <TaskEditor
                key={selected.row.id}
                taskId={selected.row.id}
                actions={actions}
                writtenNames={writtenNames}
                onDeleted={() => setParams(new URLSearchParams(), { replace: true })}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding="xs" style={{ position: 'sticky', top: 70 }}>
            <Text size="sm" fw={600} mb={4}>
              {t('directives.review.source')}
              {source.data.filename && (
                <Text span size="xs" c="dimmed" ml="xs">
                  {source.data.filename}
                </Text>
              )}
            </Text>
            {source.data.pages.length > 0 ? (
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xs">
                <ScanPageView
                  directiveId={directive.id}
                  pages={source.data.pages}
                  page={scanPage ?? pageOfLine(source.data.pages, highlight?.from ?? null)}
                  onPage={setScanPage}
                  height={PANE_HEIGHT}
                />
                {sourceView}
              </SimpleGrid>
            ) : (
              sourceView
            )}
          </Card>
        </Grid.Col>
      </Grid>
      {splitting && (
        <SplitTaskModal key={splitting.id} task={splitting} actions={actions} onClose={() => setSplitting(null)} />
      )}
      <PublishConfirm
        directiveId={directive.id}
        opened={confirming}
        publishing={actions.publish.isPending}
        onCancel={confirmModal.close}
        onConfirm={publish}
      />
      <AddTaskModal
        opened={adding}
        actions={actions}
        onClose={addModal.close}
        onAdded={(id) => {
          addModal.close();
          select(id);
        }}
      />
    </Stack>
  );
}
