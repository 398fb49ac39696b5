import type { TaskRow } from '@giamsat/server/tasks/task.schemas.ts';
import { isDueAfterParent } from '@giamsat/shared';
import { vietnamDate } from '@giamsat/shared/dates';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { type Me, useMe } from '../auth/useMe.ts';
import { useDirective, useDirectiveList } from '../directives/useDirectives.ts';
import { DeadlineText } from '../tasks/TaskTable.tsx';
import { useTaskList } from '../tasks/useTasks.ts';
import { DayInput } from '../ui/DayInput.tsx';
import { formatDate } from '../ui/format.ts';
import { ErrorState, ListStates, LoadingState } from '../ui/states.tsx';
import { OwnBodyPicker } from './OwnBodyPicker.tsx';
import { planRefusal, useCreatePlan } from './usePlans.ts';

interface Scope {
  id: number | null;
  name: string | null;
  level: 'central' | 'province' | 'commune';
}

/** The office's scope: the part of the body tree its plan assigns work in, and the plan's level. */
function useScope(me: Me | null | undefined) {
  const scopeId = me?.scopeAgency?.id ?? null;
  return useQuery({
    queryKey: ['plans', 'scope', scopeId],
    enabled: me !== undefined,
    queryFn: async (): Promise<Scope> => {
      if (scopeId === null) return { id: null, name: null, level: 'central' };
      const agency = await api.get<{ id: number; name: string; level: Scope['level'] }>(`/api/agencies/${scopeId}`);
      return { id: agency.id, name: agency.name, level: agency.level };
    },
    staleTime: 5 * 60_000,
  });
}

interface Assignment {
  text: string;
  leadId: number | null;
  leadName: string | null;
  /** The lead has an active account able to report (null: not known). */
  leadCanReport: boolean | null;
  due: string | null;
}

/**
 * The higher directives whose published tasks concern the scope (assigned within it, or to a group a
 * body of it belongs to), with how many: what an office plans under, offered before anything is typed.
 * The scope's own plans are left out — a plan implements a higher level's.
 */
function useConcerningDirectives(scope: Scope) {
  const tasks = useTaskList(
    {
      agencyId: scope.id ?? undefined,
      subtree: true,
      // A province plans under central directives; a commune under its province's or central ones.
      level: scope.level === 'province' ? 'central' : undefined,
      status: 'published',
      sort: 'directive',
      order: 'desc',
      limit: 200,
    },
    { enabled: scope.id !== null },
  );
  const byDirective = new Map<number, { id: number; number: string | null; count: number }>();
  for (const task of tasks.data?.items ?? []) {
    if (task.directive.level === scope.level) continue;
    const entry = byDirective.get(task.directive.id) ?? {
      id: task.directive.id,
      number: task.directive.number,
      count: 0,
    };
    entry.count += 1;
    byDirective.set(task.directive.id, entry);
  }
  return [...byDirective.values()];
}

function HigherDirectivePicker({
  scope,
  value,
  onChange,
}: {
  scope: Scope;
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const list = useDirectiveList({ status: 'published', q: debounced || undefined, limit: 30 });
  const current = useDirective(value ?? 0);
  const concerning = useConcerningDirectives(scope);
  // Once something is typed, the search decides.
  const suggested = (search === '' ? concerning : []).map((d) => ({
    value: String(d.id),
    label: `${d.number ?? `#${d.id}`} — ${t('plans.concerning', { count: d.count })}`,
  }));
  const options = (list.data?.items ?? [])
    .filter((d) => !suggested.some((o) => o.value === String(d.id)))
    .map((d) => ({ value: String(d.id), label: `${d.number ?? `#${d.id}`} — ${d.title}`.slice(0, 140) }));
  if (value && current.data && ![...suggested, ...options].some((o) => o.value === String(value))) {
    options.unshift({ value: String(value), label: `${current.data.number ?? `#${value}`} — ${current.data.title}` });
  }
  const data =
    suggested.length > 0
      ? [
          { group: t('plans.suggested', { scope: scope.name ?? '' }), items: suggested },
          { group: t('plans.recent'), items: options },
        ]
      : options;
  return (
    <Select
      label={t('plans.higher')}
      placeholder={t('plans.higherPlaceholder')}
      searchable
      data={data}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={list.isFetching ? t('common.loading') : t('plans.noDirectives')}
      data-testid="higher-directive"
    />
  );
}

/**
 * One higher task: tick it to take it into the plan, then give it to one of the office's own bodies.
 * `problems` are what the server refused about this row of the plan.
 */
function HigherTask({
  task,
  assignment,
  onChange,
  scope,
  problems,
}: {
  task: TaskRow;
  assignment: Assignment | undefined;
  onChange: (assignment: Assignment | undefined) => void;
  scope: Scope;
  problems: string[] | undefined;
}) {
  const { t } = useTranslation();
  const later = isDueAfterParent(assignment?.due, task.deadline.due);
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="higher-task"
      data-task-id={task.id}
      style={problems ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Group align="flex-start" wrap="nowrap">
        <Checkbox
          mt={4}
          checked={assignment !== undefined}
          aria-label={t('plans.take', { ref: task.ref || `#${task.id}` })}
          onChange={(e) =>
            onChange(
              e.currentTarget.checked
                ? { text: task.text, leadId: null, leadName: null, leadCanReport: null, due: task.deadline.due }
                : undefined,
            )
          }
        />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm">
            <strong>{task.ref || `#${task.id}`}</strong> {task.text}
          </Text>
          <Text size="xs" c="dimmed">
            {t('tasks.columns.lead')}: {task.lead.map((a) => a.name).join('; ') || '—'}
            {task.coordinating.length > 0 &&
              ` · ${t('tasks.columns.coordinating')}: ${task.coordinating.map((a) => a.name).join('; ')}`}
            {' · '}
            {t('tasks.columns.due')}: <DeadlineText deadline={task.deadline} />
          </Text>
          {assignment && (
            <Stack gap="xs" mt={4}>
              <Textarea
                label={t('plans.lowerText')}
                value={assignment.text}
                onChange={(e) => onChange({ ...assignment, text: e.currentTarget.value })}
                autosize
                minRows={2}
                maxRows={10}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <OwnBodyPicker
                  label={t('plans.lead')}
                  scopeId={scope.id}
                  scopeName={scope.name}
                  value={assignment.leadId}
                  selectedName={assignment.leadName ?? undefined}
                  onChange={(body) =>
                    onChange({
                      ...assignment,
                      leadId: body?.id ?? null,
                      leadName: body?.name ?? null,
                      leadCanReport: body?.canReport ?? null,
                    })
                  }
                />
                <DayInput
                  label={t('plans.due')}
                  value={assignment.due}
                  onChange={(due) => onChange({ ...assignment, due })}
                  testId="plan-due"
                />
              </SimpleGrid>
              {later && (
                <Alert color="orange" icon={<IconAlertTriangle />} p="xs" data-testid="later-warning">
                  {t('plans.laterThanHigher', { due: formatDate(task.deadline.due) })}
                </Alert>
              )}
              {assignment.leadCanReport === false && (
                <Alert color="orange" icon={<IconAlertTriangle />} p="xs" data-testid="no-reporter-warning">
                  {t('plans.noReporter', { body: assignment.leadName ?? '' })}
                </Alert>
              )}
              {problems?.map((problem) => (
                <Alert key={problem} color="red" icon={<IconAlertCircle />} p="xs" data-testid="row-error">
                  {problem}
                </Alert>
              ))}
            </Stack>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

export default function PlanBuilderPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const scope = useScope(me.data);
  const [params, setParams] = useSearchParams();
  const higherId = Number(params.get('directiveId')) || null;
  const higher = useDirective(higherId ?? 0);
  const tasks = useTaskList(
    {
      directiveId: higherId ?? undefined,
      agencyId: scope.data?.id ?? undefined,
      subtree: scope.data?.id ? true : undefined,
      status: 'published',
      sort: 'directive',
      limit: 200,
    },
    { enabled: higherId !== null && scope.data !== undefined },
  );
  const [assignments, setAssignments] = useState<Record<number, Assignment>>({});
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState('');
  const [issuedOn, setIssuedOn] = useState<string | null>(vietnamDate());
  const mutation = useCreatePlan();

  if (me.data && me.data.role !== 'office' && me.data.role !== 'admin') {
    return <Alert color="orange">{t('plans.officesOnly')}</Alert>;
  }
  if (scope.isPending) return <LoadingState />;
  if (scope.error) return <ErrorState error={scope.error} />;

  const chosen = (tasks.data?.items ?? []).filter((task) => assignments[task.id]);
  const incomplete = chosen.filter((task) => {
    const a = assignments[task.id];
    return !a || a.leadId === null || !a.text.trim();
  });
  const ready = chosen.length > 0 && incomplete.length === 0 && number.trim() !== '' && higher.data !== undefined;
  const defaultTitle = higher.data ? t('plans.defaultTitle', { number: higher.data.number ?? '' }) : '';
  // A refusal names rows of the request; each row is the higher task it implements.
  const refusal = planRefusal(t, mutation.error);
  const problemsOf = (higherTaskId: number) => {
    const row = mutation.variables?.tasks.findIndex((task) => task.parentTaskId === higherTaskId) ?? -1;
    return row < 0 ? undefined : refusal.rows.get(row);
  };

  const publish = () => {
    if (!higher.data) return;
    mutation.mutate(
      {
        publish: true,
        directive: {
          number: number.trim(),
          docType: t('plans.docType'),
          issuedOn,
          level: scope.data.level,
          title: title.trim() || defaultTitle,
          programmeCode: higher.data.programmeCode,
          implements: higher.data.number ? [higher.data.number] : [],
          issuerName: scope.data.name,
        },
        // The server numbers the tasks in this order.
        tasks: chosen.map((task) => {
          const a = assignments[task.id] as Assignment;
          return {
            text: a.text.trim(),
            leadAgencyIds: a.leadId === null ? [] : [a.leadId],
            deadline: a.due
              ? { kind: 'date', raw: formatDate(a.due), due: a.due }
              : { kind: task.deadline.kind === 'continuous' ? 'continuous' : 'none', raw: '' },
            parentTaskId: task.id,
          };
        }),
      },
      { onSuccess: (created) => void navigate(`/directives/${created.plan.id}`) },
    );
  };

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('plans.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('plans.intro', { scope: scope.data.name ?? t('levels.central') })}
      </Text>
      <HigherDirectivePicker
        scope={scope.data}
        value={higherId}
        onChange={(id) => {
          setAssignments({});
          setParams(id ? { directiveId: String(id) } : {});
        }}
      />
      {higherId !== null && (
        <>
          {higher.data && (
            <Text size="sm">
              {t('plans.higherSummary', {
                number: higher.data.number ?? '',
                date: formatDate(higher.data.issuedOn),
                count: tasks.data?.total ?? 0,
              })}{' '}
              <Anchor component={Link} to={`/directives/${higher.data.id}`} size="sm">
                {t('plans.openHigher')}
              </Anchor>
            </Text>
          )}
          <ListStates query={tasks} empty={t('plans.noTasksInScope')}>
            {(page) => (
              <Stack gap="xs">
                <Text fw={600}>{t('plans.tasksInScope', { count: page.total })}</Text>
                {page.items.map((task) => (
                  <HigherTask
                    key={task.id}
                    task={task}
                    scope={scope.data}
                    assignment={assignments[task.id]}
                    problems={problemsOf(task.id)}
                    onChange={(assignment) =>
                      setAssignments((all) => {
                        const next = { ...all };
                        if (assignment) next[task.id] = assignment;
                        else delete next[task.id];
                        return next;
                      })
                    }
                  />
                ))}
              </Stack>
            )}
          </ListStates>
          <Card withBorder>
            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('plans.planFields')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('directives.fields.number')}
                  placeholder={t('plans.numberPlaceholder')}
                  value={number}
                  onChange={(e) => setNumber(e.currentTarget.value)}
                  error={refusal.fields.get('number')}
                  required
                />
                <DayInput label={t('directives.fields.issuedOn')} value={issuedOn} onChange={setIssuedOn} />
                <TextInput label={t('directives.fields.level')} value={t(`levels.${scope.data.level}`)} readOnly />
              </SimpleGrid>
              <TextInput
                label={t('directives.fields.title')}
                placeholder={defaultTitle}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={refusal.fields.get('title')}
              />
              <Text size="sm" c="dimmed">
                {t('plans.selected', { count: chosen.length })}
                {incomplete.length > 0 && ` · ${t('plans.incomplete', { count: incomplete.length })}`}
              </Text>
              {mutation.error && (
                <Stack gap={4}>
                  <ErrorState error={mutation.error} />
                  <Text size="sm" c="dimmed">
                    {refusal.rows.size > 0
                      ? t('plans.nothingSavedRows', { count: refusal.rows.size })
                      : t('plans.nothingSaved')}
                  </Text>
                </Stack>
              )}
              <Group>
                <Button
                  leftSection={<IconSend size={16} />}
                  disabled={!ready}
                  loading={mutation.isPending}
                  onClick={publish}
                >
                  {t('plans.publish')}
                </Button>
                {mutation.isPending && (
                  <Text size="sm" c="dimmed" role="status">
                    {t('plans.publishing', { count: mutation.variables.tasks.length })}
                  </Text>
                )}
              </Group>
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
