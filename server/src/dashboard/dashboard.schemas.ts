// Contracts of GET /api/dashboard. Only zod + shared enums, so the web app and the public site import them.
import {
  AgencyKind,
  AgencyLevel,
  AssignmentRole,
  DEFAULT_DUE_SOON_DAYS,
  IsoDate,
  RowId,
  TimelinessFilter,
} from '@giamsat/shared';
import { z } from 'zod';

export const DashboardScope = z.enum(['nation', 'level', 'agency', 'directive', 'programme']);
export type DashboardScope = z.infer<typeof DashboardScope>;

export const DashboardQuery = z
  .object({
    /**
     * Which tasks are counted (always only tasks of published directives the caller may see):
     * nation — all; level — tasks of directives of that level (`level`); agency — tasks led by the
     * body or a body under it, or by a named group one of them belongs to (`agencyId`); directive —
     * one directive's tasks (`directiveId`); programme — tasks of the programme's directives
     * (`programmeCode`). The parameter the scope names is required; any other given parameter
     * narrows further (e.g. a province's scope within one programme).
     */
    scope: DashboardScope.default('nation'),
    level: AgencyLevel.optional(),
    agencyId: RowId.optional(),
    directiveId: RowId.optional(),
    programmeCode: z.string().trim().min(1).max(20).optional(),
    /** The day deadlines are judged against (yyyy-mm-dd); default today in Vietnam. */
    asOf: IsoDate.optional(),
    /**
     * "Due soon" window: open tasks due from asOf to asOf + dueSoonDays, both included. At most 366: the
     * day's tally keeps the due dates of open tasks that far ahead (dashboard_tally.sql).
     */
    dueSoonDays: z.coerce.number().int().min(0).max(366).default(DEFAULT_DUE_SOON_DAYS),
    /** Rows of the per-body table returned (the table's full length is in byAgency.total). */
    byAgencyLimit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict()
  .superRefine((q, ctx) => {
    const needs = { level: 'level', agency: 'agencyId', directive: 'directiveId', programme: 'programmeCode' } as const;
    if (q.scope === 'nation') return;
    const param = needs[q.scope];
    if (q[param] === undefined) {
      ctx.addIssue({ code: 'custom', path: [param], message: `scope=${q.scope} needs ${param}` });
    }
  });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/**
 * A query for GET /api/tasks that lists exactly the tasks behind a figure (same parameter names;
 * arrays are sent as `timeliness=a,b`). It always carries `asOf`, so the list judges deadlines on the
 * same day as the dashboard.
 */
export const TaskListFilter = z.object({
  agencyId: z.number().optional(),
  subtree: z.boolean().optional(),
  role: z.enum([...AssignmentRole.options, 'any']).optional(),
  directOnly: z.boolean().optional(),
  level: AgencyLevel.optional(),
  directiveId: z.number().optional(),
  programme: z.string().optional(),
  timeliness: z.array(TimelinessFilter).optional(),
  dueFrom: IsoDate.optional(),
  dueTo: IsoDate.optional(),
  staleOnly: z.boolean().optional(),
  noReporter: z.boolean().optional(),
  asOf: IsoDate,
});
export type TaskListFilter = z.infer<typeof TaskListFilter>;

/** A count and the task-list query that lists the same tasks. */
export const Figure = z.object({ count: z.number().int(), filter: TaskListFilter });
export type Figure = z.infer<typeof Figure>;

/** A ratio shown as "12/40 (30%)": rate = numerator / denominator, null when the denominator is 0. */
export const RateValue = z.object({
  rate: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
});
export type RateValue = z.infer<typeof RateValue>;

export const Rate = RateValue.extend({
  /** The tasks of the numerator. */
  filter: TaskListFilter,
  /** The tasks of the denominator. */
  denominatorFilter: TaskListFilter,
});
export type Rate = z.infer<typeof Rate>;

const perState = <T extends z.ZodType>(value: T) =>
  z.object({
    not_started: value,
    in_progress_on_time: value,
    in_progress_overdue: value,
    done_on_time: value,
    done_late: value,
    continuous_with_results: value,
    continuous_without_results: value,
  });

/** Counts per timeliness state (task_timeliness() on asOf): every state present, 0 when none. */
export const StateCounts = perState(z.number().int());
export type StateCounts = z.infer<typeof StateCounts>;

/** The three rates of a set of tasks ("tasks with a deadline" = every state except continuous_*). */
export const Rates = z.object({
  /** (done on time + done late) / tasks with a deadline. */
  completion: RateValue,
  /** done on time / (done on time + done late). */
  onTime: RateValue,
  /** done on time / tasks with a deadline — the ranking's first key. */
  onTimeCompletion: RateValue,
});

export const AgencyBrief = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: AgencyLevel,
  kind: AgencyKind,
});

const BodyFigures = z.object({
  agency: AgencyBrief,
  total: z.number().int(),
  byState: StateCounts,
  /** = byState.in_progress_overdue. */
  overdue: z.number().int(),
  /** Open tasks with no accepted report for 30 days (rule under `stale`). */
  stale: z.number().int(),
  rates: Rates,
});

export const AgencyRow = BodyFigures.extend({
  /**
   * 1 = best: by on-time completion rate, then completion rate, then fewer overdue tasks; bodies with
   * only continuous tasks (no rate) last; equal keys share a rank.
   */
  rank: z.number().int(),
  /**
   * Tasks this body leads itself. The task list (role=lead, subtree=false) also shows tasks it leads
   * through a named group it belongs to; those are counted in the group's own row here.
   */
  filter: TaskListFilter,
});
export type AgencyRow = z.infer<typeof AgencyRow>;

export const ProvinceRow = BodyFigures.extend({
  /** Tasks led by the province, a body under it, or a group with a member there (= the province's agency scope). */
  filter: TaskListFilter,
});
export type ProvinceRow = z.infer<typeof ProvinceRow>;

const MonthFigure = z.object({
  count: z.number().int(),
  /** null when the task list cannot express the figure (completion dates, past month ends). */
  filter: TaskListFilter.nullable(),
});

export const MonthTrend = z.object({
  /** yyyy-mm */
  month: z.string(),
  monthStart: IsoDate,
  monthEnd: IsoDate,
  /** The day openOverdue is judged on: monthEnd, or asOf for the current month. */
  judgedOn: IsoDate,
  /** Tasks whose completion was accepted this month (up to asOf), on or before their deadline (or without one). */
  doneOnTime: MonthFigure,
  /** Tasks whose completion was accepted this month (up to asOf), after their deadline. */
  doneLate: MonthFigure,
  /** Tasks whose deadline falls in this calendar month (the whole month, even past asOf), done or not. */
  due: MonthFigure,
  /** Tasks with a deadline before judgedOn and not completed by judgedOn (by their completion date). */
  openOverdue: MonthFigure,
});
export type MonthTrend = z.infer<typeof MonthTrend>;

export const DashboardResponse = z.object({
  scope: z.object({
    kind: DashboardScope,
    level: AgencyLevel.nullable(),
    agency: AgencyBrief.nullable(),
    directive: z.object({ id: z.number(), number: z.string().nullable(), title: z.string() }).nullable(),
    programme: z.object({ code: z.string(), name: z.string() }).nullable(),
  }),
  asOf: IsoDate,
  dueSoonDays: z.number().int(),
  staleAfterDays: z.number().int(),
  /** Tasks in scope, in total and per timeliness state judged on asOf. */
  totals: z.object({ total: Figure, byState: perState(Figure) }),
  rates: z.object({
    /** (done on time + done late) / tasks with a deadline (every state except continuous_*). */
    completion: Rate,
    /** done on time / (done on time + done late). */
    onTime: Rate,
    /** done on time / tasks with a deadline. */
    onTimeCompletion: Rate,
  }),
  /**
   * in_progress_overdue tasks by days past the deadline (asOf − due date): 1–30, 31–90, 91–180, >180
   * (toDays null). A task due yesterday is 1 day overdue; a task due today is not overdue.
   */
  overdueAgeing: z.array(Figure.extend({ fromDays: z.number().int(), toDays: z.number().int().nullable() })),
  /** Open (not completed) tasks due from asOf to asOf + dueSoonDays, both days included. */
  dueSoon: Figure,
  /**
   * Open (not completed) tasks, continuous ones included, with no accepted report in the last
   * staleAfterDays days: the latest accepted report is dated before asOf − staleAfterDays (Vietnam
   * time) or, with no accepted report at all, the task went live (created, or its directive published,
   * whichever is later) before that day.
   */
  stale: Figure,
  /**
   * Open tasks with no one to report on them: none of their lead bodies has an active account able to
   * report (a focal point or head; a group through its members) — until someone can.
   */
  noReporter: Figure,
  /** One row per lead body (a named group is a row of its own), best rank first. */
  byAgency: z.object({ total: z.number().int(), limit: z.number().int(), rows: z.array(AgencyRow) }),
  /** The 34 provinces (top-level province bodies), by name. */
  byProvince: z.array(ProvinceRow),
  /** The 12 months up to asOf's month, oldest first. */
  monthlyTrend: z.array(MonthTrend),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;
