import type { Rate, TaskListFilter } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import type { AgencyLevel } from '@giamsat/shared';
import { Card, Group, Progress, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { type Me, useMe } from '../auth/useMe.ts';
import { ScoreTable } from '../scores/ScoreTable.tsx';
import { TIMELINESS_COLORS, TIMELINESS_ORDER } from '../tasks/timeliness.tsx';
import { formatDate, formatPercent } from '../ui/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { FigureLink } from './FigureLink.tsx';
import { ProvinceSection } from './ProvinceSection.tsx';
import { type DashboardParams, useDashboard } from './useDashboard.ts';

// The chart library is most of the dashboard's weight: the figures show first, the chart follows.
const TrendChart = lazy(() => import('./TrendChart.tsx'));

type ScopeKind = 'nation' | 'level' | 'agency';

/** Where a user's dashboard starts: an office on its scope, a body's people on their body, others on the nation. */
function defaultScope(me: Me | null | undefined): DashboardParams {
  if (!me) return { scope: 'nation' };
  if (me.role === 'office')
    return me.scopeAgency ? { scope: 'agency', agencyId: me.scopeAgency.id } : { scope: 'nation' };
  if (me.role === 'focal' || me.role === 'head') return { scope: 'agency', agencyId: me.agency.id };
  return { scope: 'nation' };
}

function paramsFromUrl(search: URLSearchParams, me: Me | null | undefined): DashboardParams {
  const scope = search.get('scope');
  if (scope === 'nation') return { scope };
  if (scope === 'level') return { scope, level: (search.get('level') ?? 'central') as AgencyLevel };
  if (scope === 'agency' && search.get('agencyId')) return { scope, agencyId: Number(search.get('agencyId')) };
  if (scope === 'directive' && search.get('directiveId'))
    return { scope, directiveId: Number(search.get('directiveId')) };
  if (scope === 'programme' && search.get('programmeCode'))
    return { scope, programmeCode: search.get('programmeCode') ?? '' };
  return defaultScope(me);
}

/** A headline figure: what it counts above, the count below, linking to those tasks (`label` names it for the link). */
function FigureCard({
  title,
  label = title,
  figure,
  color,
  testId,
}: {
  title: string;
  label?: string;
  figure: { count: number; filter: TaskListFilter | null };
  color?: string;
  testId?: string;
}) {
  return (
    <Card withBorder style={color ? { borderTop: `3px solid var(--mantine-color-${color}-6)` } : undefined}>
      <Text size="sm" c="dimmed" lineClamp={2}>
        {title}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        <FigureLink count={figure.count} filter={figure.filter} label={label} />
      </Text>
    </Card>
  );
}

function RateCard({ label, rate, testId }: { label: string; rate: Rate; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid="rate-value">
        {formatPercent(rate.rate, i18n.language, 1)}
      </Text>
      <Progress value={(rate.rate ?? 0) * 100} size="sm" my={6} aria-hidden />
      <Text size="sm">
        <FigureLink count={rate.numerator} filter={rate.filter} label={label} /> /{' '}
        <FigureLink count={rate.denominator} filter={rate.denominatorFilter} /> {t('dashboard.tasks')}
      </Text>
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const params = paramsFromUrl(search, me.data);
  const dashboard = useDashboard(params);

  const setScope = (next: DashboardParams) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== null) query.set(k, String(v));
    setSearch(query, { replace: true });
  };

  // The ranking by score is of one level: the scope's, else its body's, else the provinces.
  const [chosenLevel, setRankedLevel] = useState<AgencyLevel | null>(null);
  const rankedLevel = chosenLevel ?? params.level ?? dashboard.data?.scope.agency?.level ?? 'province';

  const scopeKind: ScopeKind = params.scope === 'level' || params.scope === 'agency' ? params.scope : 'nation';
  const data = dashboard.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('dashboard.title')}</Title>
          {data && (
            <Text c="dimmed" size="sm">
              {data.scope.agency?.name ??
                data.scope.directive?.number ??
                data.scope.programme?.name ??
                (data.scope.level ? t(`levels.${data.scope.level}`) : t('dashboard.nation'))}{' '}
              · {t('dashboard.asOf', { date: formatDate(data.asOf) })}
            </Text>
          )}
        </div>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t('dashboard.scope')}
            value={scopeKind}
            onChange={(value) => {
              if (value === 'nation') setScope({ scope: 'nation' });
              if (value === 'level') setScope({ scope: 'level', level: 'province' });
              if (value === 'agency')
                setScope(
                  defaultScope(me.data).agencyId
                    ? defaultScope(me.data)
                    : { scope: 'agency', agencyId: me.data?.agency.id },
                );
            }}
            data={(['nation', 'level', 'agency'] as const).map((v) => ({
              value: v,
              label: t(`dashboard.scopes.${v}`),
            }))}
          />
          {scopeKind === 'level' && (
            <Select
              aria-label={t('tasks.filters.level')}
              w={150}
              data={['central', 'province', 'commune'].map((v) => ({ value: v, label: t(`levels.${v}`) }))}
              value={params.level ?? 'province'}
              onChange={(v) => v && setScope({ scope: 'level', level: v as AgencyLevel })}
              allowDeselect={false}
            />
          )}
          {scopeKind === 'agency' && (
            <div style={{ minWidth: 260 }}>
              <AgencyPicker
                label={t('dashboard.scopes.agency')}
                value={params.agencyId ?? null}
                selectedName={data?.scope.agency?.name}
                onChange={(id) => id && setScope({ scope: 'agency', agencyId: id })}
              />
            </div>
          )}
        </Group>
      </Group>

      {dashboard.isPending ? (
        <LoadingState />
      ) : dashboard.error ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !data ? null : data.totals.total.count === 0 ? (
        <EmptyState>{t('dashboard.empty')}</EmptyState>
      ) : (
        <Stack style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} data-testid="dashboard-totals">
            <FigureCard title={t('dashboard.total')} figure={data.totals.total} />
            {TIMELINESS_ORDER.map((state) => (
              <FigureCard
                key={state}
                title={t(`timeliness.${state}`)}
                figure={data.totals.byState[state]}
                color={TIMELINESS_COLORS[state]}
                testId={`count-${state}`}
              />
            ))}
            <FigureCard
              title={t('dashboard.dueSoon', { days: data.dueSoonDays })}
              label={t('timeliness.due_soon')}
              figure={data.dueSoon}
              color="yellow"
            />
            <FigureCard
              title={t('dashboard.staleFull', { days: data.staleAfterDays })}
              label={t('dashboard.stale')}
              figure={data.stale}
              color="grape"
            />
            <FigureCard
              title={t('dashboard.noReporter')}
              figure={data.noReporter}
              color="orange"
              testId="no-reporter"
            />
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <RateCard label={t('dashboard.rates.completion')} rate={data.rates.completion} testId="rate-completion" />
            <RateCard label={t('dashboard.rates.onTime')} rate={data.rates.onTime} testId="rate-on-time" />
            <RateCard
              label={t('dashboard.rates.onTimeCompletion')}
              rate={data.rates.onTimeCompletion}
              testId="rate-on-time-completion"
            />
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">
                {t('dashboard.ageing')}
              </Title>
              <Stack gap={8}>
                {data.overdueAgeing.map((bucket) => {
                  const max = Math.max(1, ...data.overdueAgeing.map((b) => b.count));
                  return (
                    <div key={bucket.fromDays}>
                      <Group justify="space-between">
                        <Text size="sm">
                          {bucket.toDays === null
                            ? t('dashboard.ageingOver', { from: bucket.fromDays - 1 })
                            : t('dashboard.ageingRange', { from: bucket.fromDays, to: bucket.toDays })}
                        </Text>
                        <Text size="sm" fw={600}>
                          <FigureLink count={bucket.count} filter={bucket.filter} />
                        </Text>
                      </Group>
                      <Progress value={(bucket.count / max) * 100} color="red" size="sm" aria-hidden />
                    </div>
                  );
                })}
              </Stack>
            </Card>
            <Card withBorder style={{ gridColumn: 'span 2' }}>
              <Title order={3} size="h5" mb="sm">
                {t('dashboard.trend')}
              </Title>
              <Suspense fallback={<LoadingState />}>
                <TrendChart months={data.monthlyTrend} />
              </Suspense>
            </Card>
          </SimpleGrid>

          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={3} size="h5">
                {t('scores.ranking')}
              </Title>
              <Select
                aria-label={t('scores.level')}
                w={150}
                size="xs"
                data={['central', 'province', 'commune'].map((v) => ({ value: v, label: t(`levels.${v}`) }))}
                value={rankedLevel}
                onChange={(v) => v && setRankedLevel(v as AgencyLevel)}
                allowDeselect={false}
              />
            </Group>
            <ScoreTable level={rankedLevel} />
          </Card>

          {/* Inside one province the other 33 would only show zeros. */}
          {data.byProvince.length > 0 &&
            data.scope.agency?.level !== 'province' &&
            data.scope.agency?.level !== 'commune' && <ProvinceSection rows={data.byProvince} />}
        </Stack>
      )}
    </Stack>
  );
}
