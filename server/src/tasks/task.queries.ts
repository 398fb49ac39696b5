import { STALE_AFTER_DAYS, type TimelinessFilter } from '@giamsat/shared';
import type { Actor } from '../auth/actor.ts';
import {
  actingFor,
  actingWithin,
  assignedTo,
  directiveVisibility,
  isLive,
  reportVisibility,
  taskVisibility,
} from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import { type EventRow, listEventRows } from '../events/events.ts';
import {
  daysOverdueSql,
  dueSoonSql,
  staleSql,
  timelinessRankSql,
  timelinessSql,
  withoutReporterSql,
} from './task.standing.ts';

/** A LIKE pattern over search_norm()ed text: the words in order, anything between them. */
export function searchPattern(q: string): string | null {
  const words = q
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`))
    .filter(Boolean);
  return words.length ? `%${words.join('%')}%` : null;
}

/** Central before province before commune: lower tasks are listed down the cascade. */
function levelRankSql(levelColumn: Sql): Sql {
  return sql`(CASE ${levelColumn} WHEN 'central' THEN 1 WHEN 'province' THEN 2 ELSE 3 END)`;
}

export interface AgencyRefJson {
  id: number;
  name: string;
}

/** One row of a task list (also children and twins on the detail page). */
/** The deadline and progress columns every task read returns, timeliness computed on the reference day. */
interface TaskStandingColumns {
  deadline_kind: 'date' | 'recurring' | 'continuous' | 'event' | 'none';
  deadline_raw: string;
  due_date: string | null;
  first_due_date: string | null;
  recurrence_period: 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' | null;
  timeliness: string;
  due_soon: boolean;
  days_overdue: number;
  progress_percent: number;
  completed_on: string | null;
  last_accepted_report_at: Date | null;
  parent_task_id: number | null;
  version: number;
}

export interface TaskListRow extends TaskStandingColumns {
  id: number;
  ref: string;
  text: string;
  directive_id: number;
  directive_number: string | null;
  programme_code: string | null;
  directive_level: 'central' | 'province' | 'commune';
  directive_status: 'draft' | 'published';
  lead: AgencyRefJson[];
  coordinating: AgencyRefJson[];
}

const assignedJson = (role: 'lead' | 'coordinating') => sql`(
  SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY ta.position, a.id), '[]'::json)
  FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id
  WHERE ta.task_id = t.id AND ta.role = ${role})`;

function rowColumns(asOf: string): Sql {
  return sql`
    t.id, t.ref, t.text, t.directive_id, d.number AS directive_number, d.programme_code,
    d.level AS directive_level, d.status AS directive_status,
    t.deadline_kind, t.deadline_raw, t.due_date, t.first_due_date, t.recurrence_period,
    ${timelinessSql('t', asOf)} AS timeliness, ${dueSoonSql('t', asOf)} AS due_soon,
    ${daysOverdueSql('t', asOf)} AS days_overdue,
    t.progress_percent, t.completed_on, t.last_accepted_report_at, t.parent_task_id, t.version,
    ${assignedJson('lead')} AS lead, ${assignedJson('coordinating')} AS coordinating`;
}

export interface TaskListFilters {
  agencyId?: number;
  subtree: boolean;
  role: 'lead' | 'coordinating' | 'any';
  directOnly: boolean;
  level?: string;
  directiveId?: number;
  programme?: string;
  timeliness?: TimelinessFilter[];
  dueFrom?: string;
  dueTo?: string;
  completedFrom?: string;
  q?: string;
  parentTaskId?: number;
  staleOnly: boolean;
  /** Live (published) tasks unless drafts are asked for. */
  status: 'draft' | 'published' | 'any';
  noReporter?: boolean;
}

/**
 * Tasks assigned to a body (or its subtree), directly or — unless `directOnly` — through a named group
 * it belongs to (a dashboard's body row counts what the body itself leads; each group has its own row).
 */
export function assignedToAgency(
  agencyId: number,
  subtree: boolean,
  role: 'lead' | 'coordinating' | 'any',
  directOnly = false,
): Sql {
  const path = sql`(SELECT path FROM agencies WHERE id = ${agencyId})`;
  const acting = directOnly
    ? subtree
      ? sql`(SELECT a.id FROM agencies a WHERE a.path <@ ${path})`
      : sql`(SELECT ${agencyId}::bigint)`
    : subtree
      ? actingWithin(path)
      : actingFor(agencyId);
  return assignedTo(sql`t`, acting, role === 'any' ? undefined : role);
}

export function listConditions(actor: Actor, f: TaskListFilters, asOf: string): Sql[] {
  const conditions = [taskVisibility(actor, 't', 'd')];
  if (f.status === 'published') conditions.push(isLive('d'));
  else if (f.status === 'draft') conditions.push(sql`NOT ${isLive('d')}`);
  if (f.agencyId !== undefined) conditions.push(assignedToAgency(f.agencyId, f.subtree, f.role, f.directOnly));
  if (f.level) conditions.push(sql`d.level = ${f.level}`);
  if (f.directiveId !== undefined) conditions.push(sql`t.directive_id = ${f.directiveId}`);
  if (f.programme) conditions.push(sql`d.programme_code = ${f.programme}`);
  if (f.timeliness?.length) {
    const states = f.timeliness.filter((s) => s !== 'due_soon');
    const anyOf: Sql[] = [];
    if (states.length) anyOf.push(sql`${timelinessSql('t', asOf)} = ANY(${states}::text[])`);
    if (f.timeliness.includes('due_soon')) anyOf.push(dueSoonSql('t', asOf));
    conditions.push(sql`(${sql.join(anyOf, ' OR ')})`);
  }
  if (f.dueFrom) conditions.push(sql`t.due_date >= ${f.dueFrom}::date`);
  if (f.dueTo) conditions.push(sql`t.due_date <= ${f.dueTo}::date`);
  if (f.completedFrom) conditions.push(sql`t.completed_on >= ${f.completedFrom}::date`);
  const pattern = f.q ? searchPattern(f.q) : null;
  // tasks.search is search_norm(text || ' ' || ref), indexed with trigrams: LIKE '%xay%dung%' uses it.
  if (pattern) conditions.push(sql`t.search LIKE search_norm(${pattern})`);
  if (f.parentTaskId !== undefined) conditions.push(sql`t.parent_task_id = ${f.parentTaskId}`);
  if (f.staleOnly) {
    // "Stale": the dashboard's rule (one fragment), so its stale figure clicks through to exactly these tasks.
    conditions.push(staleSql(asOf, STALE_AFTER_DAYS));
  }
  if (f.noReporter) conditions.push(withoutReporterSql('t'));
  return conditions;
}

function orderBy(sort: string, order: 'asc' | 'desc', asOf: string): Sql {
  const dir = sql.raw(order === 'desc' ? 'DESC' : 'ASC');
  switch (sort) {
    case 'createdAt':
      return sql`t.created_at ${dir}, t.id ${dir}`;
    case 'timeliness':
      return sql`${timelinessRankSql('t', asOf)} ${dir}, t.due_date ASC NULLS LAST, t.id ASC`;
    case 'directive':
      return sql`d.issued_on ${dir} NULLS LAST, d.id ${dir}, t.source_line ASC NULLS LAST, t.id ASC`;
    case 'ref':
      return sql`t.ref ${dir}, t.id ${dir}`;
    case 'completedOn':
      return sql`t.completed_on ${dir} NULLS LAST, t.id ${dir}`;
    default:
      return sql`t.due_date ${dir} NULLS LAST, t.id ${dir}`;
  }
}

/**
 * A page of tasks: the page's ids are chosen first (filter, sort, limit on narrow columns), then only
 * those rows get their bodies' names; the total is counted apart with the same conditions.
 */
export async function listTaskRows(
  db: Db,
  conditions: Sql[],
  page: { sort: string; order: 'asc' | 'desc'; limit: number; offset: number; asOf: string },
): Promise<{ rows: TaskListRow[]; total: number }> {
  const where = sql.and(conditions);
  const [rows, count] = await Promise.all([
    db.query<TaskListRow>(sql`
      WITH page AS MATERIALIZED (
        SELECT s.id, row_number() OVER () AS pos FROM (
          SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id
          WHERE ${where}
          ORDER BY ${orderBy(page.sort, page.order, page.asOf)}
          LIMIT ${page.limit} OFFSET ${page.offset}) s)
      SELECT ${rowColumns(page.asOf)}
      FROM page JOIN tasks t ON t.id = page.id JOIN directives d ON d.id = t.directive_id
      ORDER BY page.pos`),
    db.query<{ total: number }>(sql`
      SELECT count(*) AS total FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE ${where}`),
  ]);
  return { rows, total: count[0]?.total ?? 0 };
}

/**
 * The rows after the task `afterId`, in id order (a stable cursor however the tasks change: the open
 * data's pages and downloads), under the same conditions as a list.
 */
export async function listTaskRowsAfter(
  db: Db,
  conditions: Sql[],
  page: { afterId: number; limit: number; asOf: string },
): Promise<TaskListRow[]> {
  return db.query<TaskListRow>(sql`
    WITH page AS MATERIALIZED (
      SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE ${sql.and([...conditions, sql`t.id > ${page.afterId}`])}
      ORDER BY t.id LIMIT ${page.limit})
    SELECT ${rowColumns(page.asOf)}
    FROM page JOIN tasks t ON t.id = page.id JOIN directives d ON d.id = t.directive_id
    ORDER BY t.id`);
}

/** Task rows by id (children, twins, split parts), in the order of `ids`, limited to those visible. */
export async function findTaskRows(db: Db, actor: Actor, ids: readonly number[], asOf: string): Promise<TaskListRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<TaskListRow>(sql`
    SELECT ${rowColumns(asOf)} FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = ANY(${ids}::bigint[]) AND ${taskVisibility(actor, 't', 'd')}`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface AgencyDetailJson extends AgencyRefJson {
  short_name: string | null;
  level: 'central' | 'province' | 'commune';
  kind: 'party' | 'state' | 'front' | 'enterprise' | 'university' | 'other' | 'group';
}

/** Everything about one task the detail page and the write rules need. */
export interface TaskRecord extends TaskStandingColumns {
  id: number;
  ref: string;
  text: string;
  deliverable: string | null;
  note: string | null;
  source_line: number | null;
  unresolved_bodies: string[];
  directive_id: number;
  directive_number: string | null;
  directive_title: string;
  directive_level: 'central' | 'province' | 'commune';
  directive_status: 'draft' | 'published';
  programme_code: string | null;
  directive_issued_on: string | null;
  scope_agency_id: number | null;
  scope_agency_name: string | null;
  scope_path: string | null;
  created_at: Date;
  updated_at: Date;
  lead: AgencyDetailJson[];
  coordinating: AgencyDetailJson[];
}

const assignedDetailJson = (role: 'lead' | 'coordinating') => sql`(
  SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'short_name', a.short_name,
    'level', a.level, 'kind', a.kind) ORDER BY ta.position, a.id), '[]'::json)
  FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id
  WHERE ta.task_id = t.id AND ta.role = ${role})`;

/** The task if the actor may see it; `forUpdate` locks its row for the rest of the transaction. */
export async function findVisibleTask(
  db: Db,
  actor: Actor,
  id: number,
  asOf: string,
  options: { forUpdate?: boolean } = {},
): Promise<TaskRecord | undefined> {
  if (options.forUpdate) await db.query(sql`SELECT id FROM tasks WHERE id = ${id} FOR UPDATE`);
  const [row] = await db.query<TaskRecord>(sql`
    SELECT t.id, t.ref, t.text, t.deliverable, t.note, t.source_line, t.unresolved_bodies,
      t.directive_id, d.number AS directive_number, d.title AS directive_title, d.level AS directive_level,
      d.status AS directive_status, d.programme_code, d.issued_on AS directive_issued_on,
      d.scope_agency_id, sa.name AS scope_agency_name, sa.path::text AS scope_path,
      t.deadline_kind, t.deadline_raw, t.due_date, t.first_due_date, t.recurrence_period,
      ${timelinessSql('t', asOf)} AS timeliness, ${dueSoonSql('t', asOf)} AS due_soon,
      ${daysOverdueSql('t', asOf)} AS days_overdue,
      t.progress_percent, t.completed_on, t.last_accepted_report_at, t.parent_task_id, t.version,
      t.created_at, t.updated_at,
      ${assignedDetailJson('lead')} AS lead, ${assignedDetailJson('coordinating')} AS coordinating
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    LEFT JOIN agencies sa ON sa.id = d.scope_agency_id
    WHERE t.id = ${id} AND ${taskVisibility(actor, 't', 'd')}`);
  return row;
}

export interface ParentSummaryRow {
  id: number;
  ref: string;
  text: string;
  directive_id: number;
  directive_number: string | null;
  directive_level: 'central' | 'province' | 'commune';
  due_date: string | null;
}

/**
 * The directive tasks are added to, if the actor can see it, with the scope that owns it (who may
 * manage it); locked, so publishing cannot race the addition.
 */
export async function lockDirectiveForTasks(
  db: Db,
  actor: Actor,
  directiveId: number,
): Promise<{ id: number; status: 'draft' | 'published'; scope_path: string | null } | undefined> {
  const [row] = await db.query<{ id: number; status: 'draft' | 'published'; scope_path: string | null }>(sql`
    SELECT d.id, d.status, (SELECT sa.path::text FROM agencies sa WHERE sa.id = d.scope_agency_id) AS scope_path
    FROM directives d
    WHERE d.id = ${directiveId} AND ${directiveVisibility(actor)}
    FOR UPDATE OF d`);
  return row;
}

/**
 * The higher task, when the actor may see it or it is public (published): a commune's focal point
 * sees which central task its own work implements.
 */
export async function findParentSummary(db: Db, actor: Actor, parentId: number): Promise<ParentSummaryRow | undefined> {
  const [row] = await db.query<ParentSummaryRow>(sql`
    SELECT t.id, t.ref, t.text, d.id AS directive_id, d.number AS directive_number, d.level AS directive_level,
           t.due_date
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = ${parentId} AND (${isLive('d')} OR ${taskVisibility(actor, 't', 'd')})`);
  return row;
}

export interface RollupRow {
  count: number;
  done: number;
  overdue: number;
  average_percent: number | null;
}

/** Progress of the lower tasks implementing this one, over those the actor may see. */
export async function childRollup(
  db: Db,
  actor: Actor,
  id: number,
  asOf: string,
): Promise<{ rollup: RollupRow; firstIds: number[] }> {
  const visible = sql`t.parent_task_id = ${id} AND ${taskVisibility(actor, 't', 'd')}`;
  const [rollup, first] = await Promise.all([
    db.query<RollupRow>(sql`
      SELECT count(*) AS count, count(*) FILTER (WHERE t.completed_on IS NOT NULL) AS done,
        count(*) FILTER (WHERE ${timelinessSql('t', asOf)} = 'in_progress_overdue') AS overdue,
        round(avg(CASE WHEN t.completed_on IS NOT NULL THEN 100 ELSE t.progress_percent END)) AS average_percent
      FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE ${visible}`),
    db.query<{ id: number }>(sql`
      SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE ${visible}
      ORDER BY ${levelRankSql(sql`d.level`)}, t.due_date NULLS LAST, t.id LIMIT 100`),
  ]);
  return {
    rollup: rollup[0] ?? { count: 0, done: 0, overdue: 0, average_percent: null },
    firstIds: first.map((r) => r.id),
  };
}

export async function listTwinIds(db: Db, id: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(sql`
    SELECT CASE WHEN task_id = ${id} THEN twin_task_id ELSE task_id END AS id
    FROM task_twins WHERE task_id = ${id} OR twin_task_id = ${id} ORDER BY 1`);
  return rows.map((r) => r.id);
}

/** Is the actor's own body (directly, or through a group it belongs to) assigned to the task? */
export async function isAssignedToBody(db: Db, taskId: number, agencyId: number): Promise<boolean> {
  const [row] = await db.query<{ assigned: boolean }>(
    sql`SELECT body_role_on(${taskId}::bigint, ${agencyId}::bigint) IS NOT NULL AS assigned`,
  );
  return row?.assigned === true;
}

// ── Writes ─────────────────────────────────────────────────────────────────────────────────

export interface AgencyCheckRow {
  id: number;
  merged_into_id: number | null;
}

export async function findAgencies(db: Db, ids: readonly number[]): Promise<AgencyCheckRow[]> {
  if (ids.length === 0) return [];
  return db.query<AgencyCheckRow>(sql`SELECT id, merged_into_id FROM agencies WHERE id = ANY(${ids}::bigint[])`);
}

/** Would making `parentId` the parent of `taskId` close a loop (parentId is taskId or below it)? */
export async function wouldCycle(db: Db, taskId: number, parentId: number): Promise<boolean> {
  const rows = await db.query(sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_task_id, 1 AS depth FROM tasks WHERE id = ${parentId}
      UNION ALL
      SELECT t.id, t.parent_task_id, up.depth + 1 FROM tasks t JOIN up ON t.id = up.parent_task_id
      WHERE up.depth < 100)
    SELECT 1 FROM up WHERE id = ${taskId} LIMIT 1`);
  return rows.length > 0;
}

export interface TaskWriteFields {
  ref: string;
  text: string;
  deliverable: string | null;
  note: string | null;
  deadline_kind: string;
  deadline_raw: string;
  due_date: string | null;
  first_due_date: string | null;
  recurrence_period: string | null;
  parent_task_id: number | null;
  source_line: number | null;
  unresolved_bodies: string[];
}

export async function insertTask(db: Db, directiveId: number, f: TaskWriteFields): Promise<number> {
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO tasks (directive_id, ref, text, deliverable, note, deadline_kind, deadline_raw, due_date,
                       first_due_date, recurrence_period, parent_task_id, source_line, unresolved_bodies)
    VALUES (${directiveId}, ${f.ref}, ${f.text}, ${f.deliverable}, ${f.note}, ${f.deadline_kind}, ${f.deadline_raw},
            ${f.due_date}, ${f.first_due_date}, ${f.recurrence_period}, ${f.parent_task_id}, ${f.source_line},
            ${f.unresolved_bodies}::text[])
    RETURNING id`);
  return row!.id;
}

export async function updateTaskRow(db: Db, id: number, f: TaskWriteFields): Promise<void> {
  await db.query(sql`
    UPDATE tasks SET ref = ${f.ref}, text = ${f.text}, deliverable = ${f.deliverable}, note = ${f.note},
      deadline_kind = ${f.deadline_kind}, deadline_raw = ${f.deadline_raw}, due_date = ${f.due_date},
      first_due_date = ${f.first_due_date}, recurrence_period = ${f.recurrence_period},
      parent_task_id = ${f.parent_task_id}, source_line = ${f.source_line},
      unresolved_bodies = ${f.unresolved_bodies}::text[], version = version + 1, updated_at = now(),
      -- A person has saved the task: the extractor's doubts about it are answered.
      extraction_confidence = NULL
    WHERE id = ${id}`);
}

export async function replaceAssignments(
  db: Db,
  taskId: number,
  lead: readonly number[],
  coordinating: readonly number[],
): Promise<void> {
  await db.query(sql`DELETE FROM task_assignments WHERE task_id = ${taskId}`);
  const rows = [
    ...lead.map((id) => ({ id, role: 'lead' })),
    ...coordinating.map((id) => ({ id, role: 'coordinating' })),
  ];
  if (rows.length === 0) return;
  await db.query(sql`
    INSERT INTO task_assignments (task_id, agency_id, role, position)
    SELECT ${taskId}, a.id, a.role, a.pos - 1
    FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.role)}::text[]) WITH ORDINALITY AS a(id, role, pos)`);
}

export async function deleteTaskRows(db: Db, ids: readonly number[]): Promise<void> {
  await db.query(sql`DELETE FROM tasks WHERE id = ANY(${ids}::bigint[])`);
}

/** Lower tasks of the removed tasks now implement the task that absorbed them. */
export async function repointChildren(db: Db, fromIds: readonly number[], toId: number): Promise<void> {
  await db.query(sql`UPDATE tasks SET parent_task_id = ${toId}, version = version + 1, updated_at = now()
    WHERE parent_task_id = ANY(${fromIds}::bigint[]) AND id <> ${toId}`);
}

/** Twins are stored once, smaller id first. Returns false when already linked. */
export async function insertTwin(db: Db, a: number, b: number): Promise<boolean> {
  const rows = await db.query(sql`
    INSERT INTO task_twins (task_id, twin_task_id) VALUES (${Math.min(a, b)}, ${Math.max(a, b)})
    ON CONFLICT DO NOTHING RETURNING task_id`);
  return rows.length > 0;
}

export async function deleteTwin(db: Db, a: number, b: number): Promise<boolean> {
  const rows = await db.query(sql`
    DELETE FROM task_twins WHERE task_id = ${Math.min(a, b)} AND twin_task_id = ${Math.max(a, b)} RETURNING task_id`);
  return rows.length > 0;
}

/**
 * The task's own events and those of its progress reports and deadline extensions, newest first, as
 * the actor may see them: a report's events only when the actor may read the report (reportVisibility:
 * never another body's draft); the public, the history of accepted reports and nothing else.
 */
export async function listTaskHistory(
  db: Db,
  actor: Actor,
  taskId: number,
  page: { limit: number; offset: number },
): Promise<EventRow[]> {
  const reportEvents = sql`(e.entity_type = 'progress_report' AND e.entity_id IN (
    SELECT r.id FROM progress_reports r WHERE r.task_id = ${taskId} AND ${reportVisibility(actor)}))`;
  if (actor.kind === 'public') return listEventRows(db, reportEvents, page);
  return listEventRows(
    db,
    sql`(e.entity_type = 'task' AND e.entity_id = ${taskId})
       OR ${reportEvents}
       OR (e.entity_type = 'deadline_extension'
           AND e.entity_id IN (SELECT id FROM deadline_extensions WHERE task_id = ${taskId}))`,
    page,
  );
}
