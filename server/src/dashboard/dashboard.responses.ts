import { addDays } from '../calendar/calendar.ts';
import { AGEING_BANDS, DUE_SOON_STATES, RATES, type RateName, rateOf } from '../tasks/task.standing.ts';
import { type TaskCounts, TIMELINESS_STATES } from './dashboard.queries.ts';
import type { DashboardResponse, Figure, Rate, RateValue, StateCounts, TaskListFilter } from './dashboard.schemas.ts';
import type { Dashboard, ResolvedScope } from './dashboard.service.ts';

/** The task-list query of the whole scope; figures add their own conditions to it. */
function scopeFilter(scope: ResolvedScope, asOf: string): TaskListFilter {
  const filter: TaskListFilter = { asOf };
  if (scope.level) filter.level = scope.level;
  if (scope.agency) Object.assign(filter, { agencyId: scope.agency.id, subtree: true, role: 'lead' });
  if (scope.directive) filter.directiveId = scope.directive.id;
  if (scope.programme) filter.programme = scope.programme.code;
  return filter;
}

function stateCounts(counts: TaskCounts): StateCounts {
  const byState = {} as StateCounts;
  for (const state of TIMELINESS_STATES) byState[state] = counts[state];
  return byState;
}

function rates(c: TaskCounts): Record<RateName, RateValue> {
  return {
    completion: rateOf('completion', c),
    onTime: rateOf('onTime', c),
    onTimeCompletion: rateOf('onTimeCompletion', c),
  };
}

export function toDashboardResponse(dashboard: Dashboard): DashboardResponse {
  const { scope, asOf, figures } = dashboard;
  const base = scopeFilter(scope, asOf);
  const figure = (count: number, extra: Partial<TaskListFilter> = {}): Figure => ({
    count,
    filter: { ...base, ...extra },
  });
  const t = figures.totals;
  const r = rates(t);
  // A rate's figures open the tasks of its numerator's and denominator's states.
  const rate = (name: RateName): Rate => ({
    ...r[name],
    filter: { ...base, timeliness: [...RATES[name].numerator] },
    denominatorFilter: { ...base, timeliness: [...RATES[name].denominator] },
  });
  // Without the agency part: a row names its own body.
  const { agencyId: _agencyId, subtree: _subtree, role: _role, ...rowBase } = base;
  // The tasks of an ageing band are the open overdue ones whose deadline lies that many days back.
  const overdue = ({ fromDays, toDays }: (typeof AGEING_BANDS)[number], count: number) => ({
    ...figure(count, {
      timeliness: ['in_progress_overdue'],
      ...(toDays === null ? {} : { dueFrom: addDays(asOf, -toDays) }),
      dueTo: addDays(asOf, -fromDays),
    }),
    fromDays,
    toDays,
  });

  return {
    scope: {
      kind: scope.kind,
      level: scope.level,
      agency: scope.agency
        ? {
            id: scope.agency.id,
            name: scope.agency.name,
            shortName: scope.agency.shortName,
            level: scope.agency.level,
            kind: scope.agency.kind,
          }
        : null,
      directive: scope.directive,
      programme: scope.programme,
    },
    asOf,
    dueSoonDays: dashboard.dueSoonDays,
    staleAfterDays: dashboard.staleAfterDays,
    totals: {
      total: figure(t.total),
      byState: Object.fromEntries(
        TIMELINESS_STATES.map((state) => [state, figure(t[state], { timeliness: [state] })]),
      ) as DashboardResponse['totals']['byState'],
    },
    rates: { completion: rate('completion'), onTime: rate('onTime'), onTimeCompletion: rate('onTimeCompletion') },
    overdueAgeing: AGEING_BANDS.map((band, i) => overdue(band, figures.overdueAgeing[i] ?? 0)),
    dueSoon: figure(figures.dueSoon, {
      timeliness: [...DUE_SOON_STATES],
      dueFrom: asOf,
      dueTo: addDays(asOf, dashboard.dueSoonDays),
    }),
    stale: figure(t.stale, { staleOnly: true }),
    noReporter: figure(figures.withoutReporter, { noReporter: true }),
    byAgency: {
      total: figures.byAgency.total,
      limit: dashboard.byAgencyLimit,
      rows: figures.byAgency.rows.map((row) => ({
        rank: row.rank,
        agency: { id: row.agencyId, name: row.name, shortName: row.shortName, level: row.level, kind: row.kind },
        total: row.total,
        byState: stateCounts(row),
        overdue: row.in_progress_overdue,
        stale: row.stale,
        rates: rates(row),
        // A body's row counts what it leads itself; a named group it belongs to has a row of its own.
        filter: { ...rowBase, agencyId: row.agencyId, subtree: false, role: 'lead', directOnly: true },
      })),
    },
    byProvince: figures.byProvince.map((row) => ({
      agency: { id: row.agencyId, name: row.name, shortName: row.shortName, level: 'province', kind: row.kind },
      total: row.total,
      byState: stateCounts(row),
      overdue: row.in_progress_overdue,
      stale: row.stale,
      rates: rates(row),
      filter: { ...rowBase, agencyId: row.agencyId, subtree: true, role: 'lead' },
    })),
    monthlyTrend: figures.monthlyTrend.map((m) => ({
      month: m.month,
      monthStart: m.monthStart,
      monthEnd: m.monthEnd,
      judgedOn: m.judgedOn,
      doneOnTime: { count: m.doneOnTime, filter: null },
      doneLate: { count: m.doneLate, filter: null },
      due: { count: m.due, filter: { ...base, dueFrom: m.monthStart, dueTo: m.monthEnd } },
      openOverdue: {
        count: m.openOverdue,
        // Only on asOf itself does the list (judged on asOf) see the same open tasks.
        filter: m.judgedOn === asOf ? { ...base, timeliness: ['in_progress_overdue'] } : null,
      },
    })),
  };
}
