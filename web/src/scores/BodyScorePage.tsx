import type { BodyScoreResponse } from '@giamsat/server/scores/score.schemas.ts';
import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate, formatNumber, formatPercent } from '../ui/format.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { evaluationPath } from './scoreLinks.ts';
import { useBodyScore } from './useScores.ts';

type Component = BodyScoreResponse['components'][number];

/** The tasks behind one figure: those that counted for the body, then those that counted against it. */
function ComponentTasks({ component }: { component: Component }) {
  const { t } = useTranslation();
  const groups = [
    { met: true, items: component.items.filter((i) => i.met) },
    { met: false, items: component.items.filter((i) => !i.met) },
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} data-testid={`tasks-${component.component}`}>
      {groups.map(({ met, items }) => (
        <div key={String(met)}>
          <Text size="sm" fw={600} mb={4}>
            {t(met ? 'scores.met' : 'scores.missed', { count: items.length })}
          </Text>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('scores.none')}
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {items.map((item) => (
                <List.Item key={`${item.unit}-${item.task.id}`}>
                  <Anchor component={Link} to={`/tasks/${item.task.id}`} size="sm" lineClamp={2}>
                    {[item.task.directive.number, item.task.ref].filter(Boolean).join(' · ')} — {item.task.text}
                  </Anchor>
                  {item.on && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({formatDate(item.on)})
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      ))}
    </SimpleGrid>
  );
}

function HeadlineCard({ title, value, testId }: { title: string; value: string; testId?: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** A body's score: each component with its weight, raw and adjusted figures; every figure opens its tasks. */
export default function BodyScorePage() {
  const { t, i18n } = useTranslation();
  const agencyId = Number(useParams().agencyId);
  const [search] = useSearchParams();
  const period = { from: search.get('from') ?? undefined, to: search.get('to') ?? undefined };
  const score = useBodyScore(agencyId, period);
  const [open, setOpen] = useState<string | null>(null);

  if (score.isPending) return <LoadingState />;
  if (score.error) return <ErrorState error={score.error} onRetry={() => void score.refetch()} />;
  const data = score.data;
  const number = (value: number | null) => (value === null ? '—' : formatNumber(value, i18n.language, 1));
  const weights = data.method.weights;
  const totalWeight = Object.values(weights.weights).reduce((a, b) => a + b, 0);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{data.agency.name}</Title>
          <Text c="dimmed" size="sm">
            {t('scores.period', {
              from: formatDate(data.period.from),
              to: formatDate(data.period.to),
              asOf: formatDate(data.period.asOf),
            })}
          </Text>
        </div>
        <Group gap="xs">
          {(['xlsx', 'docx'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} />}
              href={evaluationPath(data.agency.id, data.period, format, i18n.language)}
              download
            >
              {t(`scores.export.${format}`)}
            </Button>
          ))}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <HeadlineCard title={t('scores.score')} value={number(data.score)} testId="body-score" />
        <HeadlineCard
          title={t('scores.rank')}
          value={data.rank === null ? '—' : t('scores.rankOf', { rank: data.rank, ranked: data.ranked })}
        />
        <HeadlineCard title={t('scores.rawScore')} value={number(data.rawScore)} />
      </SimpleGrid>

      <Card withBorder>
        <Table verticalSpacing={6} data-testid="score-components">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scores.component')}</Table.Th>
              <Table.Th ta="right">{t('scores.weight')}</Table.Th>
              <Table.Th ta="right">{t('scores.figure')}</Table.Th>
              <Table.Th ta="right">{t('scores.raw')}</Table.Th>
              <Table.Th ta="right">{t('scores.adjusted')}</Table.Th>
              <Table.Th ta="right">{t('scores.levelMean')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.components.map((c) => (
              <Fragment key={c.component}>
                <Table.Tr>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t(`scores.components.${c.component}.name`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`scores.components.${c.component}.rule`, { days: weights.planDays })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatPercent(totalWeight ? c.weight / totalWeight : null, i18n.language)}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      data-testid={`figure-${c.component}`}
                      aria-expanded={open === c.component}
                      aria-label={t('scores.figureLink', {
                        label: t(`scores.components.${c.component}.name`),
                        successes: c.successes,
                        trials: c.trials,
                      })}
                      onClick={() => setOpen(open === c.component ? null : c.component)}
                    >
                      {c.successes}/{c.trials}
                    </Button>
                  </Table.Td>
                  <Table.Td ta="right">{formatPercent(c.raw, i18n.language)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatPercent(c.adjusted, i18n.language)}
                  </Table.Td>
                  <Table.Td ta="right">{formatPercent(c.levelMean, i18n.language)}</Table.Td>
                </Table.Tr>
                {open === c.component && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <ComponentTasks component={c} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      <Card withBorder data-testid="score-method">
        <Title order={3} size="h5" mb="xs">
          {t('scores.method.title')}
        </Title>
        <Text size="sm">{t('scores.method.text', { k: weights.priorStrength })}</Text>
        <Group gap="xs" mt="xs">
          <Badge variant="light">{t('scores.method.k', { k: weights.priorStrength })}</Badge>
          <Badge variant="light">{t('scores.method.planDays', { days: weights.planDays })}</Badge>
          <Badge variant="light">
            {weights.setAt
              ? t('scores.method.weightsSet', { date: formatDate(weights.setAt) })
              : t('scores.method.weightsDefault')}
          </Badge>
        </Group>
      </Card>
    </Stack>
  );
}
