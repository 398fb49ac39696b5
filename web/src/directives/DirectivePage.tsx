import {
  Accordion,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconListDetails, IconSitemap } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../auth/useMe.ts';
import { TaskTable } from '../tasks/TaskTable.tsx';
import { TIMELINESS_COLORS, TIMELINESS_ORDER } from '../tasks/timeliness.tsx';
import { useTaskList } from '../tasks/useTasks.ts';
import { Field } from '../ui/Field.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { NotFoundPage } from '../ui/NotFoundPage.tsx';
import { ErrorState, ListStates, LoadingState, RecordStates } from '../ui/states.tsx';
import { DirectiveReview } from './DirectiveReview.tsx';
import { SourceView } from './SourceView.tsx';
import { type Directive, useDirective, useDirectiveSource } from './useDirectives.ts';

function SourcePanel({ id }: { id: number }) {
  const source = useDirectiveSource(id);
  if (source.isPending) return <LoadingState />;
  if (source.error) return <ErrorState error={source.error} />;
  return <SourceView text={source.data.text} highlight={null} height={480} />;
}

/** A published directive as everyone may read it: its fields, its links up and down, its tasks. */
function PublishedDirective({ directive }: { directive: Directive }) {
  const { t } = useTranslation();
  const me = useMe();
  const tasks = useTaskList({ directiveId: directive.id, sort: 'directive', limit: 200 });
  const canPlan = me.data?.role === 'office' || me.data?.role === 'admin';
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h3" data-testid="directive-number">
              {directive.number ?? t('tasks.directiveUnnumbered')}
            </Title>
            <Badge color="green" variant="light" data-testid="directive-status">
              {t(`directives.status.${directive.status}`)}
            </Badge>
          </Group>
          <Text>{directive.title}</Text>
        </Stack>
        <Group gap="xs">
          <Button
            component={Link}
            to={`/tasks?directiveId=${directive.id}`}
            variant="light"
            leftSection={<IconListDetails size={16} />}
          >
            {t('directives.page.taskList')}
          </Button>
          {canPlan && (
            <Button
              component={Link}
              to={`/plans/new?directiveId=${directive.id}`}
              leftSection={<IconSitemap size={16} />}
            >
              {t('directives.page.makePlan')}
            </Button>
          )}
        </Group>
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Field label={t('directives.fields.type')}>{directive.docType ?? '—'}</Field>
          <Field label={t('directives.fields.issuedOn')}>{formatDate(directive.issuedOn) || '—'}</Field>
          <Field label={t('directives.fields.issuer')}>{directive.issuer?.name ?? directive.issuerName ?? '—'}</Field>
          <Field label={t('directives.fields.level')}>{t(`levels.${directive.level}`)}</Field>
          <Field label={t('directives.fields.programme')}>{directive.programmeCode ?? '—'}</Field>
          <Field label={t('directives.page.publishedAt')}>{formatDateTime(directive.publishedAt) || '—'}</Field>
          <Field label={t('directives.fields.implements')}>
            {directive.implements.length === 0 && '—'}
            {directive.implements.map((link) =>
              link.directive ? (
                <Anchor
                  key={link.number}
                  component={Link}
                  to={`/directives/${link.directive.id}`}
                  size="sm"
                  display="block"
                >
                  {link.number}
                </Anchor>
              ) : (
                <Text key={link.number} size="sm">
                  {link.number}
                </Text>
              ),
            )}
          </Field>
          <Field label={t('directives.page.implementedBy')}>
            {directive.implementedBy.length === 0 && '—'}
            {directive.implementedBy.map((lower) => (
              <Anchor key={lower.id} component={Link} to={`/directives/${lower.id}`} size="sm" display="block">
                {lower.number ?? lower.title} · {t(`levels.${lower.level}`)}
              </Anchor>
            ))}
          </Field>
        </SimpleGrid>
      </Card>
      <Group gap="xs">
        {TIMELINESS_ORDER.filter((state) => directive.taskCounts.byTimeliness[state] > 0).map((state) => (
          <Badge key={state} color={TIMELINESS_COLORS[state]} variant="light" size="lg" tt="none">
            {t(`timeliness.${state}`)}: {directive.taskCounts.byTimeliness[state]}
          </Badge>
        ))}
      </Group>
      <ListStates query={tasks} empty={t('directives.review.noTasks')}>
        {(found) => (
          <>
            <TaskTable tasks={found.items} />
            {found.total > found.items.length && (
              <Anchor component={Link} to={`/tasks?directiveId=${directive.id}`} size="sm">
                {t('directives.page.allTasks', { count: found.total })}
              </Anchor>
            )}
          </>
        )}
      </ListStates>
      <Accordion variant="contained">
        <Accordion.Item value="source">
          <Accordion.Control>{t('directives.review.source')}</Accordion.Control>
          <Accordion.Panel>
            <SourcePanel id={directive.id} />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}

export default function DirectivePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const directive = useDirective(id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return (
    <RecordStates query={directive} notFound={t('directives.notFound')}>
      {(data) => (
        <Stack gap="sm">
          <Breadcrumbs>
            <Anchor component={Link} to="/directives" size="sm">
              {t('directives.title')}
            </Anchor>
            <Text size="sm">{data.number ?? `#${data.id}`}</Text>
          </Breadcrumbs>
          {data.status === 'draft' ? <DirectiveReview directive={data} /> : <PublishedDirective directive={data} />}
        </Stack>
      )}
    </RecordStates>
  );
}
