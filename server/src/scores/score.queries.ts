import type { AgencyKind, AgencyLevel } from '@giamsat/shared';
import { isLive } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import { RATES, staleSql, timelinessSql } from '../tasks/task.standing.ts';
import type { ComponentWeights, ScoreComponent } from './score.schemas.ts';

/**
 * What is judged: the bodies of one level (one body, for its page), tasks of published directives
 * (of one programme, when asked), the period [from, to] judged on `asOf` (= min(to, today)).
 */
export interface ScoreFilter {
  level: AgencyLevel;
  agencyId: number | null;
  programmeCode: string | null;
  from: string;
  to: string;
  asOf: string;
  planDays: number;
}

/** The bodies scored, over `agencies a`: of the level, not groups (their members are), not merged away. */
function scoredBodies(f: ScoreFilter): Sql {
  return sql.and([
    sql`a.level = ${f.level}`,
    sql`a.kind <> 'group'`,
    sql`a.merged_into_id IS NULL`,
    f.agencyId === null ? sql`TRUE` : sql`a.id = ${f.agencyId}`,
  ]);
}

const inProgramme = (f: ScoreFilter): Sql =>
  f.programmeCode === null ? sql`TRUE` : sql`d.programme_code = ${f.programmeCode}`;

/** Live tasks led by a scored body, as `ta` (the lead assignment), `a`, `t`, `d`; `joins` after them. */
function ledTasks(f: ScoreFilter, where: Sql, joins: Sql = sql.empty): Sql {
  return sql`
    FROM task_assignments ta
    JOIN agencies a ON a.id = ta.agency_id
    JOIN tasks t ON t.id = ta.task_id
    JOIN directives d ON d.id = t.directive_id
    ${joins}
    WHERE ta.role = 'lead' AND ${isLive('d')} AND ${scoredBodies(f)} AND ${inProgramme(f)} AND ${where}`;
}

const day = (value: string) => sql`${value}::date`;
const states = (list: readonly string[]) => sql`${[...list]}::text[]`;

/**
 * Each component's items: one row per thing judged for a body — (agency_id, unit: what is counted once,
 * task_id: the task it is about, met, on_day: the day it was judged by). The rules are the existing
 * ones, called: task_timeliness (onTime), obligation_periods / obligation_status (reportsOnTime),
 * task_stale (upToDate); implementation_plan_day and report_accepted_first_time (body_score.sql).
 */
function componentItems(component: ScoreComponent, f: ScoreFilter): Sql {
  const judgedTo = f.to < f.asOf ? f.to : f.asOf;
  switch (component) {
    case 'onTime': {
      // The tasks whose deadline fell in the period, by the day judged: done on time of those with a deadline.
      const rate = RATES.onTimeCompletion;
      return sql`
        SELECT x.agency_id, x.task_id::text AS unit, x.task_id, x.state = ANY(${states(rate.numerator)}) AS met,
               x.on_day
        FROM (SELECT ta.agency_id, t.id AS task_id, ${timelinessSql('t', f.asOf)} AS state, t.due_date AS on_day
              ${ledTasks(f, sql`t.due_date BETWEEN ${day(f.from)} AND ${day(judgedTo)}`)}) x
        WHERE x.state = ANY(${states(rate.denominator)})`;
    }
    case 'planInTime':
      // The bodies that issue plans (they own a standing office's scope): each higher directive issued
      // in the period that gives them work — a task assigned to them, leading or coordinating, directly
      // or through a group they belong to (agency_acts_as: "UBND các tỉnh") — and their own plan of it
      // issued within planDays days. A directive of their own level is not a higher one. Counted once
      // the time is up or the plan is out.
      return sql`
        SELECT l.agency_id, l.directive_id::text AS unit, l.task_id,
               (p.plan_day <= least(l.due_day, ${day(f.asOf)})) IS TRUE AS met, l.due_day AS on_day
        FROM (SELECT DISTINCT a.id AS agency_id, d.id AS directive_id, t.id AS task_id,
                     directive_issued_day(d.issued_on, d.published_at) AS issued_day,
                     directive_issued_day(d.issued_on, d.published_at) + ${f.planDays}::int AS due_day
              FROM agencies a
              JOIN agency_acts_as x ON x.agency_id = a.id
              JOIN task_assignments ta ON ta.agency_id = x.acts_as_id
              JOIN tasks t ON t.id = ta.task_id
              JOIN directives d ON d.id = t.directive_id
              WHERE ${isLive('d')} AND ${scoredBodies(f)} AND ${inProgramme(f)}
                AND d.level <> a.level AND d.scope_agency_id IS DISTINCT FROM a.id
                AND a.id IN (SELECT u.scope_agency_id FROM users u WHERE u.role = 'office' AND u.is_active)) l
        CROSS JOIN LATERAL (SELECT implementation_plan_day(l.agency_id, l.directive_id) AS plan_day) p
        WHERE l.issued_day BETWEEN ${day(f.from)} AND ${day(judgedTo)}
          AND (l.due_day <= ${day(f.asOf)} OR p.plan_day <= ${day(f.asOf)})`;
    case 'reportsOnTime':
      // The reporting periods of its recurring tasks that ended in the period (or are met already).
      return sql`
        SELECT ta.agency_id, t.id::text || ':' || o.period_start::text AS unit, t.id AS task_id,
               obligation_status(o.report_id, o.period_end, ${day(f.asOf)}) = 'met' AS met, o.period_end AS on_day
        ${ledTasks(
          f,
          sql`t.recurrence_period IS NOT NULL AND o.period_end BETWEEN ${day(f.from)} AND ${day(f.to)}
            AND obligation_status(o.report_id, o.period_end, ${day(f.asOf)}) <> 'open'`,
          sql`CROSS JOIN LATERAL obligation_periods(t.id, t.recurrence_period,
                obligation_from_day(d.issued_on, t.created_at), ${day(f.asOf)}) o`,
        )}`;
    case 'upToDate':
      // Its open tasks: those not stale (an accepted report, or live, within the last 30 days).
      return sql`
        SELECT ta.agency_id, t.id::text AS unit, t.id AS task_id, NOT ${staleSql(f.asOf)} AS met, NULL::date AS on_day
        ${ledTasks(f, sql`t.completed_on IS NULL`)}`;
    case 'reportQuality':
      // Its reports (as lead or coordinating body) sent in the period and decided.
      return sql`
        SELECT x.agency_id, x.report_id::text AS unit, x.task_id, report_accepted_first_time(x.report_id, x.state) AS met,
               x.on_day
        FROM (SELECT r.agency_id, r.id AS report_id, r.task_id, r.state,
                     (r.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS on_day
              FROM progress_reports r
              JOIN agencies a ON a.id = r.agency_id
              JOIN tasks t ON t.id = r.task_id
              JOIN directives d ON d.id = t.directive_id
              WHERE r.state IN ('accepted', 'returned') AND ${isLive('d')} AND ${scoredBodies(f)} AND ${inProgramme(f)}) x
        WHERE x.on_day BETWEEN ${day(f.from)} AND ${day(judgedTo)}`;
  }
}

function allItems(f: ScoreFilter, components: readonly ScoreComponent[]): Sql {
  return sql.join(
    components.map((c) => sql`SELECT ${c}::text AS component, i.* FROM (${componentItems(c, f)}) i`),
    '\nUNION ALL\n',
  );
}

export interface ComponentCountRow {
  agency_id: number;
  /** null: the body's row of distinct tasks. */
  component: ScoreComponent | null;
  successes: number;
  trials: number;
  tasks: number;
}

/** Successes and trials per body and component, and each body's distinct tasks (component null). */
export async function countComponents(
  db: Db,
  f: ScoreFilter,
  components: readonly ScoreComponent[],
): Promise<ComponentCountRow[]> {
  const rows = await db.query<ComponentCountRow>(sql`
    SELECT i.agency_id, i.component,
           count(DISTINCT i.unit) FILTER (WHERE i.met) AS successes, count(DISTINCT i.unit) AS trials,
           count(DISTINCT i.task_id) AS tasks
    FROM (${allItems(f, components)}) i
    GROUP BY GROUPING SETS ((i.agency_id, i.component), (i.agency_id))`);
  return rows.map((r) => ({
    agency_id: Number(r.agency_id),
    component: r.component,
    successes: Number(r.successes),
    trials: Number(r.trials),
    tasks: Number(r.tasks),
  }));
}

export interface ScoreItemRow {
  component: ScoreComponent;
  unit: string;
  met: boolean;
  on_day: string | null;
  task_id: number;
  ref: string;
  text: string;
  directive_id: number;
  directive_number: string | null;
}

/** The items behind one body's figures (ScoreFilter.agencyId set), with their tasks. */
export async function listScoreItems(
  db: Db,
  f: ScoreFilter,
  components: readonly ScoreComponent[],
): Promise<ScoreItemRow[]> {
  return db.query<ScoreItemRow>(sql`
    SELECT i.component, i.unit, i.met, i.on_day::text AS on_day, t.id AS task_id, t.ref, t.text,
           d.id AS directive_id, d.number AS directive_number
    FROM (${allItems(f, components)}) i
    JOIN tasks t ON t.id = i.task_id JOIN directives d ON d.id = t.directive_id
    ORDER BY i.component, i.met, i.on_day NULLS LAST, t.id, i.unit`);
}

export interface ScoreAgencyRow {
  id: number;
  name: string;
  short_name: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  path: string;
}

export async function listScoreAgencies(db: Db, ids: readonly number[]): Promise<ScoreAgencyRow[]> {
  if (ids.length === 0) return [];
  return db.query<ScoreAgencyRow>(sql`
    SELECT a.id, a.name, a.short_name, a.level, a.kind, a.path::text AS path
    FROM agencies a WHERE a.id = ANY(${[...ids]}::bigint[])`);
}

export async function findScoreAgency(db: Db, id: number): Promise<ScoreAgencyRow | undefined> {
  const [row] = await listScoreAgencies(db, [id]);
  return row;
}

export async function programmeExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM programmes WHERE code = ${code}`);
  return rows.length > 0;
}

// ── Weights ───────────────────────────────────────────────────────────────────────────────────────

export interface ScoreWeightsRow {
  id: number;
  level: AgencyLevel;
  programme_code: string | null;
  on_time: string;
  plan_in_time: string;
  reports_on_time: string;
  up_to_date: string;
  report_quality: string;
  plan_days: number;
  prior_strength: string;
  reason: string | null;
  set_by: number | null;
  set_by_name: string | null;
  set_at: Date;
}

const WEIGHTS_SELECT = sql`
  SELECT w.*, u.full_name AS set_by_name FROM score_weights w LEFT JOIN users u ON u.id = w.set_by`;

/** The weights in force: the programme's latest setting for the level, else the level's, else none. */
export async function findCurrentWeights(
  db: Db,
  level: AgencyLevel,
  programmeCode: string | null,
): Promise<ScoreWeightsRow | undefined> {
  const [row] = await db.query<ScoreWeightsRow>(sql`
    ${WEIGHTS_SELECT}
    WHERE w.level = ${level} AND (w.programme_code IS NULL OR w.programme_code = ${programmeCode})
    ORDER BY w.programme_code IS NULL, w.id DESC LIMIT 1`);
  return row;
}

/** Every setting of exactly this level and programme, newest first. */
export async function listWeightsHistory(
  db: Db,
  level: AgencyLevel,
  programmeCode: string | null,
): Promise<ScoreWeightsRow[]> {
  return db.query<ScoreWeightsRow>(sql`
    ${WEIGHTS_SELECT}
    WHERE w.level = ${level} AND w.programme_code IS NOT DISTINCT FROM ${programmeCode}::text
    ORDER BY w.id DESC`);
}

export async function insertWeights(
  db: Db,
  input: {
    level: AgencyLevel;
    programmeCode: string | null;
    weights: ComponentWeights;
    planDays: number;
    priorStrength: number;
    reason: string | null;
    setBy: number | null;
  },
): Promise<number> {
  const w = input.weights;
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO score_weights (level, programme_code, on_time, plan_in_time, reports_on_time, up_to_date,
                               report_quality, plan_days, prior_strength, reason, set_by)
    VALUES (${input.level}, ${input.programmeCode}, ${w.onTime}, ${w.planInTime}, ${w.reportsOnTime},
            ${w.upToDate}, ${w.reportQuality}, ${input.planDays}, ${input.priorStrength}, ${input.reason},
            ${input.setBy})
    RETURNING id`);
  return Number(row!.id);
}
