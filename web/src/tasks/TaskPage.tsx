import { Anchor, Badge, Breadcrumbs, Card, Grid, Group, Progress, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../auth/useMe.ts';
import { ExtensionPanel } from '../extensions/ExtensionPanel.tsx';
import { ReportCard } from '../reports/ReportCard.tsx';
import { ReportForm } from '../reports/ReportForm.tsx';
import { useTaskReports } from '../reports/useReports.ts';
import { Field } from '../ui/Field.tsx';
import { formatDate, formatPercent } from '../ui/format.ts';
import { NotFoundPage } from '../ui/NotFoundPage.tsx';
import { EmptyState, ErrorState, LoadingState, RecordStates } from '../ui/states.tsx';
import { TaskCascade } from './TaskCascade.tsx';
import { DeadlineText, lateKey } from './TaskTable.tsx';
import { TaskTimeline } from './TaskTimeline.tsx';
import { TimelinessBadge } from './timeliness.tsx';
import { type Task, useTask } from './useTasks.ts';

function Reports({ task }: { task: Task }) {
  const { t } = useTranslation();
  const me = useMe();
  const reports = useTaskReports(task.id);
  if (reports.isPending) return <LoadingState />;
  if (reports.error) return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
  const myAgencyId = me.data?.agency.id;
  // The report my body is still working on (a draft, or one returned to it) is finished in the form.
  const mine = reports.data.items.find(
    (r) => r.agency.id === myAgencyId && (r.state === 'draft' || r.state === 'returned'),
  );
  const awaiting = reports.data.items.some((r) => r.agency.id === myAgencyId && r.state === 'submitted');
  const others = reports.data.items.filter((r) => r !== mine);
  return (
    <Stack>
      {task.abilities.canReport && !awaiting && (mine || !task.completedOn) && (
        <ReportForm
          key={mine?.id ?? 'new'}
          taskId={task.id}
          existing={mine ?? null}
          acceptedPercent={reports.data.acceptedPercent}
        />
      )}
      {awaiting && (
        <Text size="sm" c="blue" role="status">
          {t('progress.awaitingReview')}
        </Text>
      )}
      {others.length === 0 && !task.abilities.canReport ? (
        <EmptyState>{t('progress.none')}</EmptyState>
      ) : (
        others.map((r) => <ReportCard key={r.id} report={r} managesTask={task.abilities.canReview} />)
      )}
    </Stack>
  );
}

/** The bodies on a task, one a line; a dash when there are none. */
function BodyNames({ bodies }: { bodies: readonly { id: number; name: string }[] }) {
  if (bodies.length === 0) return <Text size="sm">—</Text>;
  return bodies.map((body) => (
    <Text size="sm" key={body.id}>
      {body.name}
    </Text>
  ));
}

export default function TaskPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const task = useTask(id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage message={t('tasks.notFound')} />;
  return (
    <RecordStates query={task} notFound={t('tasks.notFound')}>
      {(data) => <TaskDetails task={data} />}
    </RecordStates>
  );
}

/** The task as its page shows it: where it stands, its reports, cascade, extensions and history beside its details. */
function TaskDetails({ task: data }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const isLead = data.lead.some((a) => a.id === me.data?.agency.id);
  const extended = data.deadline.firstDue && data.deadline.due && data.deadline.firstDue !== data.deadline.due;

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/tasks" size="sm">
          {t('tasks.title')}
        </Anchor>
        <Anchor component={Link} to={`/tasks?directiveId=${data.directive.id}`} size="sm">
          {data.directive.number ?? t('tasks.directiveUnnumbered')}
        </Anchor>
        <Text size="sm">{data.ref || `#${data.id}`}</Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 260 }}>
          <Group gap="xs">
            <TimelinessBadge value={data.timeliness} dueSoon={data.dueSoon} />
            {data.daysOverdue > 0 && (
              <Badge color="red" variant="outline">
                {t(lateKey(data), { count: data.daysOverdue })}
              </Badge>
            )}
          </Group>
          <Title order={2} size="h3" style={{ whiteSpace: 'pre-wrap' }}>
            {data.text}
          </Title>
        </Stack>
        <Stack gap={2} w={200}>
          <Text size="xs" c="dimmed">
            {t('tasks.columns.progress')}
          </Text>
          <Progress
            value={data.progressPercent}
            size="lg"
            aria-label={formatPercent(data.progressPercent / 100, i18n.language)}
          />
          <Text size="sm" fw={700} data-testid="task-percent">
            {formatPercent(data.progressPercent / 100, i18n.language)}
          </Text>
        </Stack>
      </Group>

      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs defaultValue="reports" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="reports">{t('task.tabs.reports')}</Tabs.Tab>
              <Tabs.Tab value="cascade">
                {t('task.tabs.cascade')}{' '}
                {data.rollup.count > 0 && (
                  <Badge size="xs" variant="light">
                    {data.rollup.count}
                  </Badge>
                )}
              </Tabs.Tab>
              <Tabs.Tab value="extensions">{t('task.tabs.extensions')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('task.tabs.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="reports" pt="md">
              <Reports task={data} />
            </Tabs.Panel>
            <Tabs.Panel value="cascade" pt="md">
              <TaskCascade task={data} />
            </Tabs.Panel>
            <Tabs.Panel value="extensions" pt="md">
              <ExtensionPanel
                taskId={data.id}
                canRequest={
                  data.abilities.canReport && isLead && data.deadline.kind !== 'continuous' && !data.completedOn
                }
                canDecide={data.abilities.canReview}
              />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <TaskTimeline taskId={data.id} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder>
            <Stack gap="sm">
              <Field label={t('task.directive')}>
                <Text size="sm">
                  {data.directive.number} {data.directive.issuedOn && `(${formatDate(data.directive.issuedOn)})`}
                </Text>
                <Text size="xs" c="dimmed">
                  {data.directive.title}
                </Text>
              </Field>
              <Field label={t('task.sourceClause')}>
                <Text size="sm">
                  {data.ref || '—'}
                  {data.sourceLine !== null && ` · ${t('task.sourceLine', { line: data.sourceLine })}`}
                </Text>
              </Field>
              <Field label={t('tasks.columns.lead')}>
                <BodyNames bodies={data.lead} />
              </Field>
              <Field label={t('tasks.columns.coordinating')}>
                <BodyNames bodies={data.coordinating} />
              </Field>
              <Field label={t('task.deadline')}>
                <Text size="sm" fw={600}>
                  <DeadlineText deadline={data.deadline} />
                </Text>
                {data.deadline.raw && (
                  <Text size="xs" c="dimmed">
                    «{data.deadline.raw}»
                  </Text>
                )}
                {data.deadline.period && <Text size="xs">{t(`periods.${data.deadline.period}`)}</Text>}
              </Field>
              {extended && (
                <Field label={t('task.firstDue')}>
                  <Text size="sm">{formatDate(data.deadline.firstDue)}</Text>
                </Field>
              )}
              {data.completedOn && (
                <Field label={t('tasks.columns.completedOn')}>
                  <Text size="sm">{formatDate(data.completedOn)}</Text>
                </Field>
              )}
              {data.deliverable && (
                <Field label={t('task.deliverable')}>
                  <Text size="sm">{data.deliverable}</Text>
                </Field>
              )}
              {data.note && (
                <Field label={t('task.note')}>
                  <Text size="sm">{data.note}</Text>
                </Field>
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
