import type { AgencyKind, AgencyLevel, Timeliness } from '@giamsat/shared';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

/**
 * Every figure of the dashboard, computed in SQL from the tasks' dates on a reference day (`asOf`):
 * timeliness is never stored, so each figure is task_timeliness() evaluated now.
 *
 * The same function serves the HTTP route and the benchmark's bare-SQL baseline, so both measure the
 * same statements. `scope` is a condition over `tasks t JOIN directives d` (the actor's visibility AND
 * the chosen scope); only tasks of published directives are ever counted.
 *
 * Speed (200,000 tasks): four statements, each one pass over the scoped tasks with FILTER aggregates,
 * sent at once (on a PostgreSQL pool they run on separate connections in parallel; PGlite queues them).
 */

export const TIMELINESS_STATES = [
  'not_started',
  'in_progress_on_time',
  'in_progress_overdue',
  'done_on_time',
  'done_late',
  'continuous_with_results',
  'continuous_without_results',
] as const satisfies readonly Timeliness[];

export type StateCounts = Record<Timeliness, number>;

export interface TaskCounts extends StateCounts {
  total: number;
  stale: number;
}

export interface DashboardOptions {
  dueSoonDays: number;
  staleAfterDays: number;
  byAgencyLimit: number;
  /** Agency scope: the per-body table lists only lead bodies under this path (and groups with members there). */
  leadWithinPath: string | null;
  /**
   * 'parallel' (default): four statements sent at once (a PostgreSQL pool runs them on separate
   * connections). 'single': one statement over materialised CTEs — measured 4× the CPU on PostgreSQL
   * at 200,000 tasks (dashboard.scale.ts --profile), kept for comparison on PGlite.
   */
  strategy?: 'single' | 'parallel';
}

export interface AgencyFigures extends TaskCounts {
  agencyId: number;
  name: string;
  shortName: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  rank: number;
}

export interface ProvinceFigures extends TaskCounts {
  agencyId: number;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
}

export interface MonthFigures {
  /** yyyy-mm */
  month: string;
  monthStart: string;
  monthEnd: string;
  /** The day "open overdue" is judged on: the month's last day, or asOf for the current month. */
  judgedOn: string;
  doneOnTime: number;
  doneLate: number;
  due: number;
  openOverdue: number;
}

export interface DashboardFigures {
  totals: TaskCounts;
  overdueAgeing: { days1to30: number; days31to90: number; days91to180: number; over180: number };
  dueSoon: number;
  byAgency: { total: number; rows: AgencyFigures[] };
  byProvince: ProvinceFigures[];
  monthlyTrend: MonthFigures[];
}

export const DEFAULT_DASHBOARD_OPTIONS: DashboardOptions = {
  dueSoonDays: 7,
  staleAfterDays: 30,
  byAgencyLimit: 100,
  leadWithinPath: null,
};

/**
 * The scoped tasks with what every figure needs. `stale` is the rule of PRODUCT.md ("no report for
 * 30 days"), made exact: a task not yet done whose latest accepted report is dated before
 * asOf − 30 days (Vietnamese calendar days), or that has no accepted report and went live (created,
 * or its directive published, whichever is later) before asOf − 30 days. Continuous tasks count too.
 */
function scopedTasks(scope: Sql, asOf: string, staleAfterDays: number): Sql {
  return sql`
    SELECT t.id, t.due_date, t.completed_on,
           task_timeliness(t.deadline_kind, t.due_date, t.completed_on, t.last_accepted_report_at IS NOT NULL,
                           ${asOf}::date) AS state,
           (t.completed_on IS NULL
             AND coalesce(t.last_accepted_report_at, greatest(t.created_at, d.published_at))
                 < ((${asOf}::date - ${staleAfterDays}::int)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) AS stale
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE d.status = 'published' AND ${scope}
    -- OFFSET 0 keeps this subquery from being flattened into the aggregates above it, which would
    -- copy the state expression into every place that reads s.state and evaluate it again each time.
    OFFSET 0`;
}

/** count(*) per timeliness state, total and stale, over rows `s` of scopedTasks. */
const SUM_COLUMNS = sql.raw(`sum(s.n) AS total,
  ${TIMELINESS_STATES.map((state) => `coalesce(sum(s.n) FILTER (WHERE s.state = '${state}'), 0) AS ${state}`).join(',\n  ')},
  coalesce(sum(s.n) FILTER (WHERE s.stale), 0) AS stale`);

const COUNT_COLUMNS = sql.raw(`count(*) AS total,
  ${TIMELINESS_STATES.map((state) => `count(*) FILTER (WHERE s.state = '${state}') AS ${state}`).join(',\n  ')},
  count(*) FILTER (WHERE s.stale) AS stale`);

interface CountRow {
  total: number;
  stale: number;
  not_started: number;
  in_progress_on_time: number;
  in_progress_overdue: number;
  done_on_time: number;
  done_late: number;
  continuous_with_results: number;
  continuous_without_results: number;
}

function toCounts(row: CountRow): TaskCounts {
  const counts = { total: Number(row.total), stale: Number(row.stale) } as TaskCounts;
  for (const state of TIMELINESS_STATES) counts[state] = Number(row[state]);
  return counts;
}

/** What every statement reads: the scoped task rows `s`, and `lead` = those rows once per lead body. */
interface Sources {
  tasks: Sql;
  leads: Sql;
}

/**
 * Totals, ageing, due soon and stale. Grouped by (state, ageing bucket, due soon, stale) rather than
 * one FILTER per figure: PostgreSQL inlines the state expression into every FILTER it appears in, so
 * eleven FILTERs would evaluate it eleven times per task; a GROUP BY key is evaluated once. The few
 * groups (at most 7 × 5 × 2 × 2) are summed in TypeScript.
 */
function summarySql(src: Sources, asOf: string, options: DashboardOptions): Sql {
  return sql`
    SELECT s.state,
      CASE WHEN s.state <> 'in_progress_overdue' THEN 0
           WHEN s.due_date >= ${asOf}::date - 30 THEN 1
           WHEN s.due_date >= ${asOf}::date - 90 THEN 2
           WHEN s.due_date >= ${asOf}::date - 180 THEN 3
           ELSE 4 END AS ageing,
      (s.completed_on IS NULL
        AND s.due_date BETWEEN ${asOf}::date AND ${asOf}::date + ${options.dueSoonDays}::int) AS due_soon,
      s.stale, count(*) AS n
    FROM ${src.tasks}
    GROUP BY 1, 2, 3, 4`;
}

interface SummaryRow {
  state: Timeliness;
  ageing: number;
  due_soon: boolean;
  stale: boolean;
  n: number;
}

function toSummary(rows: SummaryRow[]) {
  const totals = { total: 0, stale: 0 } as TaskCounts;
  for (const state of TIMELINESS_STATES) totals[state] = 0;
  const ageing = [0, 0, 0, 0, 0];
  let dueSoon = 0;
  for (const row of rows) {
    const n = Number(row.n);
    totals.total += n;
    totals[row.state] += n;
    if (row.stale) totals.stale += n;
    if (row.due_soon) dueSoon += n;
    ageing[Number(row.ageing)]! += n;
  }
  return {
    totals,
    overdueAgeing: { days1to30: ageing[1]!, days31to90: ageing[2]!, days91to180: ageing[3]!, over180: ageing[4]! },
    dueSoon,
  };
}

/**
 * Ids of the bodies that stand for the subtree under `path`: the bodies in it, and the named groups
 * with a member in it (a task led by "UBND cấp xã" is led by every commune).
 */
export function agencyIdsWithin(path: string): Sql {
  return sql`(SELECT a.id FROM agencies a WHERE a.path <@ ${path}::ltree
              UNION
              SELECT gm.group_id FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id
              WHERE m.path <@ ${path}::ltree)`;
}

/** Scope condition: the task is led by a body of the subtree under `path` (directly or through a group). */
export function ledWithin(path: string, t = 't'): Sql {
  return sql`${sql.raw(t)}.id IN (SELECT ta.task_id FROM task_assignments ta
                 WHERE ta.role = 'lead' AND ta.agency_id IN ${agencyIdsWithin(path)})`;
}

type AgencyRow = CountRow & {
  agency_id: number;
  name: string;
  short_name: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  rank: number;
  full_count: number;
};

/**
 * One row per lead body (a group is a row of its own): a task with two lead bodies counts in both rows.
 * Ranked by on-time completion rate (done on time / tasks with a deadline), then completion rate, then
 * fewer overdue tasks; bodies whose tasks are all continuous (no rate) come last. Ties share a rank.
 */
function byAgencySql(src: Sources, options: DashboardOptions): Sql {
  const within = options.leadWithinPath
    ? sql`WHERE s.agency_id IN ${agencyIdsWithin(options.leadWithinPath)}`
    : sql.empty;
  return sql`
    WITH per_agency AS (
      -- grouped by state first: the state expression is then evaluated once per row, not once per FILTER
      SELECT s.agency_id, ${SUM_COLUMNS}
      FROM (SELECT s.agency_id, s.state, s.stale, count(*) AS n FROM ${src.leads} ${within} GROUP BY 1, 2, 3) s
      GROUP BY s.agency_id
    ), rated AS (
      SELECT p.*,
        p.done_on_time::numeric
          / nullif(p.total - p.continuous_with_results - p.continuous_without_results, 0) AS on_time_completion,
        (p.done_on_time + p.done_late)::numeric
          / nullif(p.total - p.continuous_with_results - p.continuous_without_results, 0) AS completion
      FROM per_agency p
    ), ranked AS (
      SELECT r.*,
        rank() OVER (ORDER BY r.on_time_completion DESC NULLS LAST, r.completion DESC NULLS LAST,
                              r.in_progress_overdue ASC) AS rank,
        count(*) OVER () AS full_count
      FROM rated r
    )
    SELECT r.agency_id, r.rank, r.full_count, r.total, r.stale, ${sql.raw(TIMELINESS_STATES.map((c) => `r.${c}`).join(', '))},
           a.name, a.short_name, a.level, a.kind
    FROM ranked r JOIN agencies a ON a.id = r.agency_id
    ORDER BY r.rank, a.name, a.id
    LIMIT ${options.byAgencyLimit}`;
}

function toByAgency(rows: AgencyRow[]) {
  return {
    total: Number(rows[0]?.full_count ?? 0),
    rows: rows.map(
      (row): AgencyFigures => ({
        ...toCounts(row),
        agencyId: Number(row.agency_id),
        name: row.name,
        shortName: row.short_name,
        level: row.level,
        kind: row.kind,
        rank: Number(row.rank),
      }),
    ),
  };
}

type ProvinceRow = CountRow & { agency_id: number; name: string; short_name: string | null; kind: AgencyKind };

/**
 * The 34 provinces (top-level province bodies, groups excluded), each counting the scoped tasks led by
 * a body of its subtree or by a group with a member there — the same tasks as the agency scope of that
 * province. A task led by two bodies of one province counts once.
 */
function byProvinceSql(src: Sources): Sql {
  return sql`
    WITH provinces AS (
      SELECT p.id, p.name, p.short_name, p.kind FROM agencies p
      WHERE p.level = 'province' AND p.parent_id IS NULL AND p.kind <> 'group'
    ), agency_province AS (
      -- the province of a body is the root of its path; a group stands for its members' provinces
      SELECT a.id AS agency_id, ltree2text(subpath(a.path, 0, 1))::bigint AS province_id
      FROM agencies a WHERE a.kind <> 'group'
      UNION
      SELECT gm.group_id, ltree2text(subpath(m.path, 0, 1))::bigint
      FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id
    ), task_province AS (
      SELECT ap.province_id, s.state, s.stale
      FROM ${src.leads} JOIN agency_province ap ON ap.agency_id = s.agency_id
      GROUP BY s.id, ap.province_id, s.state, s.stale
    ), per_province AS (
      SELECT s.province_id, ${COUNT_COLUMNS} FROM task_province s GROUP BY s.province_id
    )
    SELECT p.id AS agency_id, p.name, p.short_name, p.kind,
      ${sql.raw(['total', 'stale', ...TIMELINESS_STATES].map((c) => `coalesce(pp.${c}, 0) AS ${c}`).join(', '))}
    FROM provinces p LEFT JOIN per_province pp ON pp.province_id = p.id
    ORDER BY p.name, p.id`;
}

function toByProvince(rows: ProvinceRow[]): ProvinceFigures[] {
  return rows.map((row) => ({
    ...toCounts(row),
    agencyId: Number(row.agency_id),
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
  }));
}

/** Month number since year 0 (yyyy*12 + mm − 1), so months compare and step as integers. */
const monthKey = (date: Sql) => sql`(extract(year FROM ${date})::int * 12 + extract(month FROM ${date})::int - 1)`;

function keyToMonth(key: number): { month: string; monthStart: string; monthEnd: string } {
  const year = Math.floor(key / 12);
  const month = (key % 12) + 1;
  const mm = String(month).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { month: `${year}-${mm}`, monthStart: `${year}-${mm}-01`, monthEnd: `${year}-${mm}-${lastDay}` };
}

/**
 * The last 12 months up to asOf's month. Per month: tasks completed in it (on time / late, up to
 * asOf), tasks falling due in it (the whole calendar month), and tasks open and overdue at its end
 * (the current month: on asOf) — "due before that day and not completed by it", judged from the
 * completion dates, so past months keep their history.
 *
 * One pass: each task yields at most four month events — completed (ck), due (dk), became overdue
 * (the day after its due date, sk) and stopped being overdue (completed late, ek); events before the
 * window fall into the month before it. Open overdue at a month's end = started − stopped, summed
 * over the months up to it.
 */
function trendSql(src: Sources, asOf: string): Sql {
  return sql`
    WITH window_ AS (
      SELECT ${monthKey(sql`${asOf}::date`)} - 11 AS first_key,
             date_trunc('month', ${asOf}::date - interval '11 months')::date AS first_day,
             (date_trunc('month', ${asOf}::date) + interval '1 month - 1 day')::date AS last_day,
             ${asOf}::date AS as_of
    ), events AS (
      SELECT
        CASE WHEN s.completed_on BETWEEN w.first_day AND w.as_of THEN ${monthKey(sql`s.completed_on`)} END AS ck,
        (s.completed_on <= s.due_date OR s.due_date IS NULL) AS on_time,
        CASE WHEN s.due_date BETWEEN w.first_day AND w.last_day THEN ${monthKey(sql`s.due_date`)} END AS dk,
        CASE WHEN s.due_date < w.as_of AND (s.completed_on IS NULL OR s.completed_on > s.due_date)
             THEN greatest(${monthKey(sql`s.due_date + 1`)}, w.first_key - 1) END AS sk,
        CASE WHEN s.completed_on > s.due_date AND s.completed_on <= w.as_of
             THEN greatest(${monthKey(sql`s.completed_on`)}, w.first_key - 1) END AS ek
      FROM ${src.tasks} CROSS JOIN window_ w
    )
    SELECT GROUPING(ck, dk, sk, ek) AS set, coalesce(ck, dk, sk, ek) AS key,
           count(*) FILTER (WHERE on_time) AS on_time, count(*) FILTER (WHERE NOT on_time) AS late,
           count(*) AS events
    FROM events
    GROUP BY GROUPING SETS ((ck), (dk), (sk), (ek))`;
}

interface TrendRow {
  set: number;
  key: number | null;
  on_time: number;
  late: number;
  events: number;
}

function toTrend(rows: TrendRow[], asOf: string): MonthFigures[] {
  const firstKey = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) - 1 - 11;
  // GROUPING() sets a bit per column left out: (ck) alone → 0b0111, (dk) → 0b1011, (sk) → 0b1101, (ek) → 0b1110.
  const get = (set: number, key: number, column: 'on_time' | 'late' | 'events') =>
    Number(rows.find((r) => Number(r.set) === set && r.key !== null && Number(r.key) === key)?.[column] ?? 0);
  let openOverdue = get(0b1101, firstKey - 1, 'events') - get(0b1110, firstKey - 1, 'events');
  const months: MonthFigures[] = [];
  for (let key = firstKey; key < firstKey + 12; key++) {
    openOverdue += get(0b1101, key, 'events') - get(0b1110, key, 'events');
    const month = keyToMonth(key);
    months.push({
      ...month,
      judgedOn: month.monthEnd < asOf ? month.monthEnd : asOf,
      doneOnTime: get(0b0111, key, 'on_time'),
      doneLate: get(0b0111, key, 'late'),
      due: get(0b1011, key, 'events'),
      openOverdue,
    });
  }
  return months;
}

const leadsOf = (tasks: Sql) =>
  sql`SELECT s.*, ta.agency_id FROM ${tasks} JOIN task_assignments ta ON ta.task_id = s.id AND ta.role = 'lead'`;

/**
 * All dashboard figures for the tasks matching `scope` (a condition over `tasks t JOIN directives d`)
 * on the day `asOf`. The route and the benchmark's bare-SQL baseline both call this.
 *
 * By default the four sections are four statements sent at once, which a PostgreSQL pool runs on
 * separate connections in parallel (PGlite queues them).
 */
export async function computeDashboard(
  db: Db,
  scope: Sql,
  asOf: string,
  options: Partial<DashboardOptions> = {},
): Promise<DashboardFigures> {
  const opts: DashboardOptions = { ...DEFAULT_DASHBOARD_OPTIONS, ...options };
  const scoped = scopedTasks(scope, asOf, opts.staleAfterDays);
  if (options.strategy === 'single') {
    const src: Sources = { tasks: sql`s`, leads: sql`lead s` };
    const [row] = await db.query<{
      summary: SummaryRow[] | null;
      agencies: AgencyRow[] | null;
      provinces: ProvinceRow[] | null;
      trend: TrendRow[] | null;
    }>(sql`
      WITH s AS MATERIALIZED (${scoped}),
           lead AS MATERIALIZED (${leadsOf(sql`s`)})
      SELECT (SELECT json_agg(x) FROM (${summarySql(src, asOf, opts)}) x) AS summary,
             (SELECT json_agg(x) FROM (${byAgencySql(src, opts)}) x) AS agencies,
             (SELECT json_agg(x) FROM (${byProvinceSql(src)}) x) AS provinces,
             (SELECT json_agg(x) FROM (${trendSql(src, asOf)}) x) AS trend`);
    if (!row) throw new Error('dashboard statement returned no row');
    return {
      ...toSummary(row.summary ?? []),
      byAgency: toByAgency(row.agencies ?? []),
      byProvince: toByProvince(row.provinces ?? []),
      monthlyTrend: toTrend(row.trend ?? [], asOf),
    };
  }
  const tasks = sql`(${scoped}) s`;
  const src: Sources = { tasks, leads: sql`(${leadsOf(tasks)}) s` };
  const [summary, agencies, provinces, trend] = await Promise.all([
    db.query<SummaryRow>(summarySql(src, asOf, opts)),
    db.query<AgencyRow>(byAgencySql(src, opts)),
    db.query<ProvinceRow>(byProvinceSql(src)),
    db.query<TrendRow>(trendSql(src, asOf)),
  ]);
  return {
    ...toSummary(summary),
    byAgency: toByAgency(agencies),
    byProvince: toByProvince(provinces),
    monthlyTrend: toTrend(trend, asOf),
  };
}
