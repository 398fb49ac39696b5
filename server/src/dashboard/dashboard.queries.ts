import {
  type AgencyKind,
  type AgencyLevel,
  DEFAULT_DUE_SOON_DAYS,
  STALE_AFTER_DAYS,
  Timeliness,
} from '@giamsat/shared';
import { actingWithin, assignedTo, isLive } from '../auth/scope.ts';
import { addDays } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import {
  AGEING_BANDS,
  ageingBandSql,
  dueSoonSql,
  factColumnsSql,
  groupedFacts,
  rateSql,
  staleSql,
  timelinessSql,
  trendKeysSql,
  withoutReporterSql,
} from '../tasks/task.standing.ts';
import { COUNT_COLUMNS, ensureTallyDay } from './dashboard.tally.ts';

/**
 * Every figure of the dashboard, computed in SQL from the tasks' dates on a reference day (`asOf`):
 * timeliness is never stored, so each figure is the task-standing functions (task.standing.ts)
 * evaluated now.
 *
 * The same function serves the HTTP route and the benchmark's bare-SQL baseline, so both measure the
 * same statements. `scope` is a condition over `tasks t JOIN directives d` (the actor's visibility AND
 * the chosen scope); only tasks of published directives are ever counted.
 *
 * Two ways to the same figures:
 * - judged task by task: two statements (the task figures from the tasks grouped by their raw dates;
 *   the bodies and provinces from one lead join), ≈0.8 s of database time for 200,000 tasks on
 *   PostgreSQL 15 and ≈1.6 s on PGlite — fine for a province, a body or a directive, too slow for the
 *   nation;
 * - read from the day's tally (`tally` option; dashboard.tally.ts, dashboard_tally.sql): counts built once
 *   per day and corrected by triggers on every write, summed per request (≈50 ms on PostgreSQL under
 *   load at 200,000 tasks). Used for today's figures over everything published, by level or programme.
 * dashboard.tally.test.ts holds the two equal through every kind of write.
 */

/** The seven states of the official split, in the shared enum's order. */
export const TIMELINESS_STATES = Timeliness.options;

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
   * 'parallel' (default): the two statements sent at once (a PostgreSQL pool runs them on separate
   * connections). 'single': both as one statement (the same SQL), kept for comparison.
   */
  strategy?: 'single' | 'parallel';
  /**
   * The scope is every published task, narrowed at most by directive level and programme: the figures
   * may then be read from the day's tally (dashboard.tally.ts) instead of judging each
   * task. `scope` must be the same set. Not with `leadWithinPath`.
   */
  tally?: TallyFilter;
}

export interface TallyFilter {
  level: AgencyLevel | null;
  programmeCode: string | null;
}

/** A body's figures: a province in the by-province section, and the base of a ranked body's. */
export interface BodyFigures extends TaskCounts {
  agencyId: number;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
}

export interface AgencyFigures extends BodyFigures {
  level: AgencyLevel;
  rank: number;
}

export type ProvinceFigures = BodyFigures;

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
  /** Open overdue tasks per band of days overdue (AGEING_BANDS, in order). */
  overdueAgeing: number[];
  dueSoon: number;
  byAgency: { total: number; rows: AgencyFigures[] };
  byProvince: ProvinceFigures[];
  monthlyTrend: MonthFigures[];
  /** Open tasks with no one to report on them (withoutReporterSql()): who can report is asked today. */
  withoutReporter: number;
}

export const DEFAULT_DASHBOARD_OPTIONS: DashboardOptions = {
  dueSoonDays: DEFAULT_DUE_SOON_DAYS,
  staleAfterDays: STALE_AFTER_DAYS,
  byAgencyLimit: 100,
  leadWithinPath: null,
};

/** The scoped tasks with their state and stale flag (a fenced subquery: each evaluated once per task). */
function scopedTasks(scope: Sql, asOf: string, staleAfterDays: number): Sql {
  return sql`
    SELECT t.id, ${timelinessSql('t', asOf)} AS state, ${staleSql(asOf, staleAfterDays)} AS stale
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE ${isLive('d')} AND ${scope}
    -- OFFSET 0 keeps this subquery from being flattened into the aggregates above it, which would
    -- copy the state expression into every place that reads s.state and evaluate it again each time.
    OFFSET 0`;
}

/** count(*) per timeliness state, total and stale, over rows `s` (state, stale, n) summed. */
const SUM_COLUMNS = sql.raw(`sum(s.n) AS total,
  ${TIMELINESS_STATES.map((state) => `coalesce(sum(s.n) FILTER (WHERE s.state = '${state}'), 0) AS ${state}`).join(',\n  ')},
  coalesce(sum(s.n) FILTER (WHERE s.stale), 0) AS stale`);

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

/** First day of each month from the window's first month (asOf's month − 11) to the month after asOf's. */
export function monthStarts(asOf: string): string[] {
  const firstKey = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) - 1 - 11;
  return Array.from({ length: 13 }, (_, i) => {
    const key = firstKey + i;
    return `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}-01`;
  });
}

/**
 * Totals, ageing, due soon, stale and the monthly trend in one pass over the scoped tasks.
 *
 * Every figure depends on a task only through (deadline kind, due date, completion date, has results,
 * stale), so the tasks are first grouped by those raw columns — cheap keys, no expression but the
 * stale test — which leaves a few thousand rows however many tasks there are; the state, the ageing
 * band, due soon and the trend's months (task.standing.ts) are then evaluated once per group, and the
 * groups summed by all those keys (about a hundred rows, split in TypeScript).
 *
 * The trend's four month events per task (trendKeysSql): completed (ck), due (dk), became overdue (sk)
 * and stopped being overdue (ek); events before the window fall into bucket 0. Open overdue at a
 * month's end = started − stopped, summed up to it.
 */
function summarySql(scope: Sql, asOf: string, options: DashboardOptions): Sql {
  const months = `{${monthStarts(asOf).join(',')}}`;
  const f = groupedFacts('f');
  return sql`
    WITH raw AS (
      SELECT ${factColumnsSql('t')}, ${staleSql(asOf, options.staleAfterDays)} AS stale, count(*) AS n
      FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE ${isLive('d')} AND ${scope}
      GROUP BY 1, 2, 3, 4, 5
    ), facts AS (
      SELECT r.*, ${timelinessSql(groupedFacts('r'), asOf)} AS state, ${months}::date[] AS months
      FROM raw r
      OFFSET 0
    )
    SELECT f.state, ${ageingBandSql(sql`f.state`, f, asOf)} AS ageing,
      ${dueSoonSql(f, asOf, options.dueSoonDays)} AS due_soon, f.stale,
      ${trendKeysSql(f, asOf, sql`f.months`)},
      sum(f.n) AS n
    FROM facts f
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

interface SummaryRow {
  state: Timeliness;
  ageing: number;
  due_soon: boolean;
  stale: boolean;
  ck: number | null;
  dk: number | null;
  sk: number | null;
  ek: number | null;
  n: number;
}

function toSummary(rows: SummaryRow[], asOf: string) {
  const totals = { total: 0, stale: 0 } as TaskCounts;
  for (const state of TIMELINESS_STATES) totals[state] = 0;
  // index: task_ageing_band() (0: not overdue)
  const ageing = new Array<number>(AGEING_BANDS.length + 1).fill(0);
  let dueSoon = 0;
  // per month bucket 0..13
  const bucket = () => new Array<number>(14).fill(0);
  const [onTime, late, due, started, ended] = [bucket(), bucket(), bucket(), bucket(), bucket()];
  const add = (counts: number[], key: number | null, n: number) => {
    if (key !== null) counts[Number(key)]! += n;
  };
  for (const row of rows) {
    const n = Number(row.n);
    totals.total += n;
    totals[row.state] += n;
    if (row.stale) totals.stale += n;
    if (row.due_soon) dueSoon += n;
    ageing[Number(row.ageing)]! += n;
    // Completed by asOf (ck): done on time or done late.
    add(row.state === 'done_on_time' ? onTime : late, row.ck, n);
    add(due, row.dk, n);
    add(started, row.sk, n);
    add(ended, row.ek, n);
  }
  const starts = monthStarts(asOf);
  let openOverdue = started[0]! - ended[0]!;
  const monthlyTrend: MonthFigures[] = [];
  for (let b = 1; b <= 12; b++) {
    openOverdue += started[b]! - ended[b]!;
    const monthStart = starts[b - 1]!;
    const monthEnd = addDays(starts[b]!, -1);
    monthlyTrend.push({
      month: monthStart.slice(0, 7),
      monthStart,
      monthEnd,
      judgedOn: monthEnd < asOf ? monthEnd : asOf,
      doneOnTime: onTime[b]!,
      doneLate: late[b]!,
      due: due[b]!,
      openOverdue,
    });
  }
  return {
    totals,
    overdueAgeing: ageing.slice(1),
    dueSoon,
    monthlyTrend,
  };
}

/** Scope condition: the task is led by a body of the subtree under `path` (directly or through a group). */
export function ledWithin(path: string, t = 't'): Sql {
  return assignedTo(sql.raw(t), actingWithin(path), 'lead');
}

type AgencyRow = CountRow & {
  section: 'agency' | 'province';
  agency_id: number;
  name: string;
  short_name: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  rank: number | null;
  full_count: number | null;
};

/**
 * The provinces (view agency_provinces) of the bodies in the column agency_id of the CTE `cte`. Asked
 * with "= ANY(array)", which the view passes down to the agencies' indexes, instead of listing every
 * body's provinces for a join.
 */
function provincesOf(cte: string): Sql {
  return sql.raw(
    `(SELECT * FROM agency_provinces WHERE agency_id = ANY (ARRAY(SELECT DISTINCT agency_id FROM ${cte})))`,
  );
}

/**
 * The per-body table and the provinces, from one join of the scoped tasks with their lead bodies,
 * counted per (body, state, stale) once and read by both parts.
 *
 * Per-body table: one row per lead body (a group is a row of its own): a task with two lead bodies
 * counts in both rows. Ranked by on-time completion rate (done on time / tasks with a deadline), then
 * completion rate, then fewer overdue tasks; bodies whose tasks are all continuous (no rate) come last.
 * Ties share a rank.
 *
 * Provinces: the 34 provinces (top-level province bodies, groups excluded), each counting the scoped
 * tasks led by a body of its subtree or by a group with a member there — the same tasks as the agency
 * scope of that province. Summed from the per-body counts through each body's province (the root of
 * its path; a group stands for its members' provinces); a task led by two bodies of one province would
 * count twice there, so those few (tasks with more than one lead body) are found through the lead index
 * and their extra rows subtracted.
 */
function bodiesSql(scope: Sql, asOf: string, options: DashboardOptions): Sql {
  // In an agency scope, the rows of the bodies that stand for the subtree (a task led by "UBND cấp xã"
  // is led by every commune).
  const within = options.leadWithinPath ? sql`WHERE s.agency_id IN ${actingWithin(options.leadWithinPath)}` : sql.empty;
  return rankedBodiesSql(
    sql`
    per_lead AS MATERIALIZED (
      SELECT ta.agency_id, s.state, s.stale, count(*) AS n
      FROM (${scopedTasks(scope, asOf, options.staleAfterDays)}) s
      JOIN task_assignments ta ON ta.task_id = s.id AND ta.role = 'lead'
      GROUP BY 1, 2, 3
    ), multi_lead AS MATERIALIZED (
      -- the lead rows of tasks with another lead body: a merge semi-join of task_assignments_lead (0041)
      -- with itself (measured ≈80 ms at 200,000 tasks; a window count per task ≈190 ms)
      SELECT ta.task_id, ta.agency_id FROM task_assignments ta
      WHERE ta.role = 'lead' AND EXISTS (SELECT 1 FROM task_assignments other
                                         WHERE other.task_id = ta.task_id AND other.role = 'lead'
                                           AND other.agency_id <> ta.agency_id)
    ), repeated AS (
      -- (task, province) pairs reached through more than one lead body: count − 1 rows too many. Few,
      -- so each task's state is read by its id (the fenced LATERAL keeps it a primary-key lookup).
      SELECT p.province_id, s.state, s.stale, p.extra
      FROM (SELECT ml.task_id, ap.province_id, count(*) - 1 AS extra
            FROM multi_lead ml JOIN ${provincesOf('multi_lead')} ap ON ap.agency_id = ml.agency_id
            GROUP BY 1, 2 HAVING count(*) > 1) p
      CROSS JOIN LATERAL (
        SELECT ${timelinessSql('t', asOf)} AS state, ${staleSql(asOf, options.staleAfterDays)} AS stale
        FROM tasks t JOIN directives d ON d.id = t.directive_id
        WHERE t.id = p.task_id AND ${isLive('d')} AND ${scope}
        OFFSET 0) s
    ), per_agency AS (
      SELECT s.agency_id, ${SUM_COLUMNS} FROM per_lead s ${within} GROUP BY s.agency_id
    ), per_province AS (
      SELECT s.province_id, ${SUM_COLUMNS}
      FROM (SELECT ap.province_id, pl.state, pl.stale, pl.n
            FROM per_lead pl JOIN ${provincesOf('per_lead')} ap ON ap.agency_id = pl.agency_id
            UNION ALL
            SELECT r.province_id, r.state, r.stale, -r.extra FROM repeated r) s
      GROUP BY s.province_id
    )`,
    options,
  );
}

/**
 * The per-body table and the provinces from two sources the caller defines as CTEs, with the
 * columns of SUM_COLUMNS: `per_agency` (agency_id, …: the tasks each body leads) and `per_province`
 * (province_id, …: each task once per province of its lead bodies).
 */
function rankedBodiesSql(sources: Sql, options: DashboardOptions): Sql {
  const states = sql.raw(TIMELINESS_STATES.map((c) => `r.${c}`).join(', '));
  return sql`
    WITH ${sources}, rated AS (
      SELECT p.*, ${rateSql('onTimeCompletion', 'p')} AS on_time_completion, ${rateSql('completion', 'p')} AS completion
      FROM per_agency p
    ), ranked AS (
      SELECT r.*,
        rank() OVER (ORDER BY r.on_time_completion DESC NULLS LAST, r.completion DESC NULLS LAST,
                              r.in_progress_overdue ASC) AS rank,
        count(*) OVER () AS full_count
      FROM rated r
    )
    (SELECT 'agency' AS section, r.agency_id, r.rank, r.full_count, r.total, r.stale, ${states},
            a.name, a.short_name, a.level, a.kind
     FROM ranked r JOIN agencies a ON a.id = r.agency_id
     ORDER BY r.rank, a.name, a.id
     LIMIT ${options.byAgencyLimit})
    UNION ALL
    (SELECT 'province', p.id, NULL, NULL,
       ${sql.raw(COUNT_COLUMNS.map((c) => `coalesce(pp.${c}, 0)`).join(', '))},
       p.name, p.short_name, p.level, p.kind
     FROM agencies p LEFT JOIN per_province pp ON pp.province_id = p.id
     WHERE p.level = 'province' AND p.parent_id IS NULL AND p.kind <> 'group'
     ORDER BY p.name, p.id)`;
}

const toBodyFigures = (row: AgencyRow): BodyFigures => ({
  ...toCounts(row),
  agencyId: Number(row.agency_id),
  name: row.name,
  shortName: row.short_name,
  kind: row.kind,
});

function toBodies(rows: AgencyRow[]) {
  const agencies = rows.filter((row) => row.section === 'agency');
  return {
    byAgency: {
      total: Number(agencies[0]?.full_count ?? 0),
      rows: agencies.map((row): AgencyFigures => ({ ...toBodyFigures(row), level: row.level, rank: Number(row.rank) })),
    },
    byProvince: rows.filter((row) => row.section === 'province').map(toBodyFigures),
  };
}

const TALLY_SUMS = sql.raw(COUNT_COLUMNS.map((c) => `sum(x.${c}) AS ${c}`).join(', '));

function tallyWhere(asOf: string, filter: TallyFilter): Sql {
  return sql.and([
    sql`x.day = ${asOf}::date`,
    filter.level ? sql`x.level = ${filter.level}` : sql`TRUE`,
    filter.programmeCode ? sql`x.programme_code = ${filter.programmeCode}` : sql`TRUE`,
  ]);
}

/** summarySql's rows, summed from the day's tally. */
function tallySummarySql(asOf: string, filter: TallyFilter, options: DashboardOptions): Sql {
  // due_on: the due date of an open task due within the widest window, so due soon is judged per request.
  const openDue = { due: sql`x.due_on`, completed: sql`NULL::date` };
  return sql`
    SELECT x.state, x.ageing, ${dueSoonSql(openDue, asOf, options.dueSoonDays)} AS due_soon,
      x.stale, x.ck, x.dk, x.sk, x.ek, sum(x.n) AS n
    FROM dashboard_tally_tasks x
    WHERE ${tallyWhere(asOf, filter)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(x.n) <> 0`;
}

/** bodiesSql's rows, from the day's tally. */
function tallyBodiesSql(asOf: string, filter: TallyFilter, options: DashboardOptions): Sql {
  return rankedBodiesSql(
    sql`
    per_agency AS (
      SELECT x.agency_id, ${TALLY_SUMS} FROM dashboard_tally_bodies x WHERE ${tallyWhere(asOf, filter)}
      GROUP BY 1 HAVING sum(x.total) <> 0
    ), per_province AS (
      SELECT x.province_id, ${TALLY_SUMS} FROM dashboard_tally_provinces x WHERE ${tallyWhere(asOf, filter)}
      GROUP BY 1
    )`,
    options,
  );
}

/** The open tasks without a reporter, from the day's tally: its open tasks per set of lead bodies. */
function tallyWithoutReporterSql(asOf: string, filter: TallyFilter): Sql {
  const openLeads = { completed: sql`NULL::date`, leads: sql`x.lead_agency_ids` };
  return sql`
    SELECT coalesce(sum(x.n), 0)::int AS n FROM dashboard_tally_leads x
    WHERE ${tallyWhere(asOf, filter)} AND ${withoutReporterSql(openLeads)}`;
}

/** The open tasks without a reporter, judged task by task. */
function withoutReporterCountSql(scope: Sql): Sql {
  return sql`
    SELECT count(*)::int AS n FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE ${isLive('d')} AND ${scope} AND ${withoutReporterSql('t')}`;
}

const countOf = (rows: { n: number }[]) => Number(rows[0]?.n ?? 0);

/**
 * All dashboard figures for the tasks matching `scope` (a condition over `tasks t JOIN directives d`)
 * on the day `asOf`. The route and the benchmark's bare-SQL baseline both call this.
 *
 * Two statements: totals/ageing/due soon/stale/trend, and bodies/provinces. By default they are sent
 * at once (a PostgreSQL pool runs them on separate connections in parallel; PGlite queues them);
 * 'single' puts both in one statement.
 */
export async function computeDashboard(
  db: Db,
  scope: Sql,
  asOf: string,
  options: Partial<DashboardOptions> = {},
): Promise<DashboardFigures> {
  const opts: DashboardOptions = { ...DEFAULT_DASHBOARD_OPTIONS, ...options };
  if (opts.tally && !opts.leadWithinPath && (await ensureTallyDay(db, asOf, opts.staleAfterDays, monthStarts(asOf)))) {
    const filter = opts.tally;
    const [summary, bodies, withoutReporter] = await Promise.all([
      db.query<SummaryRow>(tallySummarySql(asOf, filter, opts)),
      db.query<AgencyRow>(tallyBodiesSql(asOf, filter, opts)),
      db.query<{ n: number }>(tallyWithoutReporterSql(asOf, filter)),
    ]);
    return { ...toSummary(summary, asOf), ...toBodies(bodies), withoutReporter: countOf(withoutReporter) };
  }
  if (db.kind === 'pglite') {
    // PGlite is one connection (the statements queue anyway): in a transaction the lead join and its
    // groups get the memory to hash without spilling to batches (measured −15% CPU at 200,000 tasks;
    // on PostgreSQL no difference, so its statements stay on separate pool connections).
    return db.transaction(async (tx) => {
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      return runDashboard(tx, scope, asOf, opts);
    });
  }
  return runDashboard(db, scope, asOf, opts);
}

async function runDashboard(db: Db, scope: Sql, asOf: string, opts: DashboardOptions): Promise<DashboardFigures> {
  let summary: SummaryRow[];
  let bodies: AgencyRow[];
  let withoutReporter: number;
  if (opts.strategy === 'single') {
    const [row] = await db.query<{ summary: SummaryRow[] | null; bodies: AgencyRow[] | null; n: number }>(sql`
      SELECT (SELECT json_agg(x) FROM (${summarySql(scope, asOf, opts)}) x) AS summary,
             (SELECT json_agg(x) FROM (${bodiesSql(scope, asOf, opts)}) x) AS bodies,
             (${withoutReporterCountSql(scope)}) AS n`);
    if (!row) throw new Error('dashboard statement returned no row');
    summary = row.summary ?? [];
    bodies = row.bodies ?? [];
    withoutReporter = Number(row.n);
  } else {
    let counted: { n: number }[];
    [summary, bodies, counted] = await Promise.all([
      db.query<SummaryRow>(summarySql(scope, asOf, opts)),
      db.query<AgencyRow>(bodiesSql(scope, asOf, opts)),
      db.query<{ n: number }>(withoutReporterCountSql(scope)),
    ]);
    withoutReporter = countOf(counted);
  }
  return { ...toSummary(summary, asOf), ...toBodies(bodies), withoutReporter };
}
