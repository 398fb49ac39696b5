import type { TimelinessFilter } from '@giamsat/shared';
import { addDays } from '../calendar/calendar.ts';
import { type TaskCounts, TIMELINESS_STATES } from './dashboard.queries.ts';
import type { DashboardResponse, Figure, Rate, RateValue, StateCounts, TaskListFilter } from './dashboard.schemas.ts';
import type { Dashboard, ResolvedScope } from './dashboard.service.ts';

const DONE: TimelinessFilter[] = ['done_on_time', 'done_late'];
/** Every state of a task with a deadline (the completion rate's denominator). */
const WITH_DEADLINE: TimelinessFilter[] = [
  'not_started',
  'in_progress_on_time',
  'in_progress_overdue',
  'done_on_time',
  'done_late',
];

/** The task-list query of the whole scope; figures add their own conditions to it. */
function scopeFilter(scope: ResolvedScope, asOf: string): TaskListFilter {
  const filter: TaskListFilter = { asOf };
  if (scope.level) filter.level = scope.level;
  if (scope.agency) Object.assign(filter, { agencyId: scope.agency.id, subtree: true, role: 'lead' });
  if (scope.directive) filter.directiveId = scope.directive.id;
  if (scope.programme) filter.programme = scope.programme.code;
  return filter;
}

function rateValue(numerator: number, denominator: number): RateValue {
  return { rate: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

function stateCounts(counts: TaskCounts): StateCounts {
  const byState = {} as StateCounts;
  for (const state of TIMELINESS_STATES) byState[state] = counts[state];
  return byState;
}

function rates(c: TaskCounts) {
  const done = c.done_on_time + c.done_late;
  const withDeadline = c.total - c.continuous_with_results - c.continuous_without_results;
  return {
    completion: rateValue(done, withDeadline),
    onTime: rateValue(c.done_on_time, done),
    onTimeCompletion: rateValue(c.done_on_time, withDeadline),
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
  const rate = (value: RateValue, numerator: TimelinessFilter[], denominator: TimelinessFilter[]): Rate => ({
    ...value,
    filter: { ...base, timeliness: numerator },
    denominatorFilter: { ...base, timeliness: denominator },
  });
  // Without the agency part: a row names its own body.
  const { agencyId: _agencyId, subtree: _subtree, role: _role, ...rowBase } = base;
  const overdue = (from: number, to: number | null, count: number) => ({
    ...figure(count, {
      timeliness: ['in_progress_overdue'],
      ...(to === null ? {} : { dueFrom: addDays(asOf, -to) }),
      dueTo: addDays(asOf, -from),
    }),
    fromDays: from,
    toDays: to,
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
    rates: {
      completion: rate(r.completion, DONE, WITH_DEADLINE),
      onTime: rate(r.onTime, ['done_on_time'], DONE),
      onTimeCompletion: rate(r.onTimeCompletion, ['done_on_time'], WITH_DEADLINE),
    },
    overdueAgeing: [
      overdue(1, 30, figures.overdueAgeing.days1to30),
      overdue(31, 90, figures.overdueAgeing.days31to90),
      overdue(91, 180, figures.overdueAgeing.days91to180),
      overdue(181, null, figures.overdueAgeing.over180),
    ],
    dueSoon: figure(figures.dueSoon, {
      timeliness: ['not_started', 'in_progress_on_time'],
      dueFrom: asOf,
      dueTo: addDays(asOf, dashboard.dueSoonDays),
    }),
    stale: figure(t.stale, { staleOnly: true }),
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
        filter: { ...rowBase, agencyId: row.agencyId, subtree: false, role: 'lead' },
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
