import { DEFAULT_DUE_SOON_DAYS, STALE_AFTER_DAYS, type Timeliness } from '@giamsat/shared';
import { type Sql, sql } from '../db/sql.ts';

// How a task stands on a reference day, for the server: each fragment below calls a function of
// server/db/functions/task_standing.sql, where the rule is written once. The task list and detail, the
// directive list, the dashboard (task by task; its tally calls the same functions) and the demo read
// a task's columns into those functions only here. Timeliness is computed, never stored.

/** What the standing functions read of a task: SQL expressions (over a task row, or over tasks grouped by them). */
export interface TaskFacts {
  kind: Sql;
  due: Sql;
  completed: Sql;
  /** An accepted report exists. */
  hasResults: Sql;
}

/** The facts of the task row `t` (an alias of `tasks`). */
export function factsOf(t: string): TaskFacts {
  const a = sql.raw(t);
  return {
    kind: sql`${a}.deadline_kind`,
    due: sql`${a}.due_date`,
    completed: sql`${a}.completed_on`,
    hasResults: sql`${a}.last_accepted_report_at IS NOT NULL`,
  };
}

/** The facts of the task row `t` as named columns (kind, due_date, completed_on, has_results), to group tasks by. */
export function factColumnsSql(t: string): Sql {
  const f = factsOf(t);
  return sql`${f.kind} AS kind, ${f.due} AS due_date, ${f.completed} AS completed_on, ${f.hasResults} AS has_results`;
}

/** The facts as factColumnsSql named them, read from the alias `g`. */
export function groupedFacts(g: string): TaskFacts {
  const a = sql.raw(g);
  return {
    kind: sql`${a}.kind`,
    due: sql`${a}.due_date`,
    completed: sql`${a}.completed_on`,
    hasResults: sql`${a}.has_results`,
  };
}

/** A task row's alias, or the facts a fragment reads. */
type Facts<K extends keyof TaskFacts> = string | Pick<TaskFacts, K>;
const factsFrom = <K extends keyof TaskFacts>(task: Facts<K>): Pick<TaskFacts, K> =>
  typeof task === 'string' ? factsOf(task) : task;
const day = (asOf: string): Sql => sql`${asOf}::date`;

/** task_timeliness(): the task's state on the day `asOf` ('yyyy-mm-dd'). */
export function timelinessSql(task: Facts<'kind' | 'due' | 'completed' | 'hasResults'>, asOf: string): Sql {
  const f = factsFrom(task);
  return sql`task_timeliness(${f.kind}, ${f.due}, ${f.completed}, ${f.hasResults}, ${day(asOf)})`;
}

/** task_due_soon(): open, with the deadline within `days` days from asOf (both included). */
export function dueSoonSql(task: Facts<'due' | 'completed'>, asOf: string, days = DEFAULT_DUE_SOON_DAYS): Sql {
  const f = factsFrom(task);
  return sql`task_due_soon(${f.due}, ${f.completed}, ${day(asOf)}, ${days}::int)`;
}

/** task_days_overdue(): days past the deadline (open: to asOf; finished late: to completion). */
export function daysOverdueSql(task: Facts<'due' | 'completed'>, asOf: string): Sql {
  const f = factsFrom(task);
  return sql`task_days_overdue(${f.due}, ${f.completed}, ${day(asOf)})`;
}

/** task_ageing_band() of a task whose state is `state` (an expression): 0, or 1–4 as AGEING_BANDS. */
export function ageingBandSql(state: Sql, task: Facts<'due'>, asOf: string): Sql {
  const f = factsFrom(task);
  return sql`task_ageing_band(${state}, ${f.due}, ${day(asOf)})`;
}

/**
 * task_stale() over `tasks t JOIN directives d`: not done and quiet (no accepted report, or live without
 * one) since before asOf − `days`. The task list's `staleOnly` and the dashboard's stale figure both
 * use it, so the figure clicks through to exactly its tasks.
 */
export function staleSql(asOf: string, days: number = STALE_AFTER_DAYS, t = 't', d = 'd'): Sql {
  const task = sql.raw(t);
  const directive = sql.raw(d);
  return sql`task_stale(${task}.completed_on,
    task_quiet_since(${task}.last_accepted_report_at, ${task}.created_at, ${directive}.published_at),
    ${day(asOf)}, ${days}::int)`;
}

/**
 * An open task with no one to report on it: none of its lead bodies (or none at all) is among
 * reporting_bodies (body_can_report.sql; read from the set kept from that view). `task` is an alias of
 * `tasks` or the facts read (its completion and its lead bodies: the tally's rows of open tasks per set
 * of lead bodies pass NULL and their set).
 * The task list's `noReporter` and the dashboard's "no one to report" figure both use it, so the figure
 * clicks through to exactly its tasks. The uncorrelated IN is wrapped in `IS TRUE` so that the planner
 * keeps it a hashed subplan, built once per statement, rather than pulling it up into a join redone for
 * every task (27 s over the national scale's open tasks).
 */
export function withoutReporterSql(task: string | { completed: Sql; leads: Sql } = 't'): Sql {
  const f =
    typeof task === 'string'
      ? { completed: factsOf(task).completed, leads: sql`${sql.raw(task)}.lead_agency_ids` }
      : task;
  return sql`(${f.completed} IS NULL AND NOT EXISTS (
    SELECT 1 FROM unnest(${f.leads}) AS lead(agency_id)
    WHERE (lead.agency_id IN (SELECT agency_id FROM reporting_bodies_kept)) IS TRUE))`;
}

/**
 * The monthly trend's keys of a task: the month (width_bucket over `months`, the window's month
 * starts: 0 before the window, 1–12 its months) of its completion (ck), its deadline (dk), the first day
 * it was overdue (sk) and the day it stopped being (ek); NULL for what has not happened by asOf.
 */
export function trendKeysSql(task: Facts<'due' | 'completed'>, asOf: string, months: Sql): Sql {
  const f = factsFrom(task);
  return sql`width_bucket(task_completed_by(${f.completed}, ${day(asOf)}), ${months}) AS ck,
    width_bucket(${f.due}, ${months}) AS dk,
    width_bucket(task_overdue_from(${f.due}, ${f.completed}, ${day(asOf)}), ${months}) AS sk,
    width_bucket(task_overdue_until(${f.due}, ${f.completed}, ${day(asOf)}), ${months}) AS ek`;
}

/** Order of urgency used by `sort=timeliness`: overdue work first, finished work last. */
export function timelinessRankSql(t: string, asOf: string): Sql {
  return sql`(CASE ${timelinessSql(t, asOf)}
    WHEN 'in_progress_overdue' THEN 1 WHEN 'not_started' THEN 2 WHEN 'in_progress_on_time' THEN 3
    WHEN 'continuous_without_results' THEN 4 WHEN 'continuous_with_results' THEN 5
    WHEN 'done_late' THEN 6 ELSE 7 END)`;
}

// ── In TypeScript, for the task-list filters behind the dashboard's figures ──────────────────────

/**
 * task_ageing_band()'s bands as days overdue (toDays null: no upper end); band i + 1 is AGEING_BANDS[i].
 * task.standing.test.ts holds the two equal.
 */
export const AGEING_BANDS = [
  { fromDays: 1, toDays: 30 },
  { fromDays: 31, toDays: 90 },
  { fromDays: 91, toDays: 180 },
  { fromDays: 181, toDays: null },
] as const;

/** The states an open task with a deadline not yet passed can be in: "due soon" is one of these, due within the window. */
export const DUE_SOON_STATES: Timeliness[] = ['not_started', 'in_progress_on_time'];

export const DONE: Timeliness[] = ['done_on_time', 'done_late'];
/** Every state of a task with a deadline (continuous tasks have none). */
export const WITH_DEADLINE: Timeliness[] = [
  'not_started',
  'in_progress_on_time',
  'in_progress_overdue',
  'done_on_time',
  'done_late',
];

/** The rates, each a count of states over a count of states (PRODUCT.md: the on-time completion rate scores bodies). */
export const RATES = {
  /** Done (on time or late) of the tasks with a deadline. */
  completion: { numerator: DONE, denominator: WITH_DEADLINE },
  /** Done on time of those done. */
  onTime: { numerator: ['done_on_time'], denominator: DONE },
  /** Done on time of the tasks with a deadline: the ranking's first key. */
  onTimeCompletion: { numerator: ['done_on_time'], denominator: WITH_DEADLINE },
} as const satisfies Record<string, { numerator: readonly Timeliness[]; denominator: readonly Timeliness[] }>;
export type RateName = keyof typeof RATES;

/** A rate over counts per state; null when nothing counts in the denominator. */
export function rateOf(
  name: RateName,
  counts: Record<Timeliness, number>,
): { rate: number | null; numerator: number; denominator: number } {
  const sum = (states: readonly Timeliness[]) => states.reduce((total, state) => total + counts[state], 0);
  const numerator = sum(RATES[name].numerator);
  const denominator = sum(RATES[name].denominator);
  return { rate: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** The same rate in SQL over a row `r` with a count column per state (NULL when the denominator is 0). */
export function rateSql(name: RateName, r: string): Sql {
  const sum = (states: readonly Timeliness[]) => states.map((state) => `${r}.${state}`).join(' + ');
  return sql.raw(`(${sum(RATES[name].numerator)})::numeric / nullif(${sum(RATES[name].denominator)}, 0)`);
}
