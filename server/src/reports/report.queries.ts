import type { Actor } from '../auth/actor.ts';
import { reportVisibility, taskVisibility } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import { searchPattern } from '../tasks/task.queries.ts';

export type ReportState = 'draft' | 'submitted' | 'returned' | 'accepted';
export type AgencyRole = 'lead' | 'coordinating';

/**
 * The role a body holds on a task: lead wins over coordinating; a group assignment counts for its
 * members (SQL function `body_role_on` in server/db/functions: a PL/pgSQL function keeps its plan).
 */
const bodyRoleOn = (taskId: Sql, agencyId: number | null): Sql => sql`body_role_on(${taskId}, ${agencyId}::bigint)`;

export interface TaskForProgressRow {
  id: number;
  directive_id: number;
  deadline_kind: string;
  due_date: string | null;
  first_due_date: string | null;
  completed_on: string | null;
  progress_percent: number;
  last_accepted_report_at: Date | null;
  version: number;
  /** ltree path of the office scope that owns the directive (null: central). */
  scope_path: string | null;
  /** The acting user's body's role on the task, or null. */
  body_role: AgencyRole | null;
}

/** The task, if the actor can see it, with the actor's body's role on it. */
export async function findVisibleTask(
  db: Db,
  actor: Actor,
  taskId: number,
  options: { forUpdate?: boolean } = {},
): Promise<TaskForProgressRow | undefined> {
  const agencyId = actor.kind === 'user' ? actor.agencyId : null;
  const [row] = await db.query<TaskForProgressRow>(sql`
    SELECT t.id, t.directive_id, t.deadline_kind, t.due_date, t.first_due_date, t.completed_on, t.progress_percent,
           t.last_accepted_report_at, t.version, sa.path::text AS scope_path, ${bodyRoleOn(sql`t.id`, agencyId)} AS body_role
    FROM tasks t
    JOIN directives d ON d.id = t.directive_id
    LEFT JOIN agencies sa ON sa.id = d.scope_agency_id
    WHERE t.id = ${taskId} AND ${taskVisibility(actor)}
    ${options.forUpdate ? sql`FOR UPDATE OF t` : sql.empty}`);
  return row;
}

export interface ReportRow {
  id: number;
  task_id: number;
  agency_id: number;
  agency_name: string;
  agency_role: AgencyRole;
  author_id: number;
  /** Null when the reader may not see people's names (seesInternals). */
  author_name: string | null;
  percent: number;
  narrative: string;
  difficulties: string;
  recommendations: string;
  progress_lowered_reason: string;
  progress_lowered_from: number | null;
  state: ReportState;
  submitted_at: Date | null;
  reviewed_by: number | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** Its evidence, fetched in the same statement (no query per report, no second round trip). */
  evidence: EvidenceRow[];
  /** The scope of the task's directive: who manages it reviews the report. */
  scope_path: string | null;
}

/** The full report row with names, over a source relation aliased `r` (the table or a CTE). */
const selectReports = (source: Sql) => sql`
  SELECT r.id, r.task_id, r.agency_id, a.name AS agency_name, r.agency_role, r.author_id, au.full_name AS author_name,
         r.percent, r.narrative, r.difficulties, r.recommendations, r.progress_lowered_reason, r.progress_lowered_from,
         r.state, r.submitted_at,
         r.reviewed_by, rv.full_name AS reviewer_name, r.reviewed_at, r.review_comment, r.version, r.created_at, r.updated_at,
         coalesce((
           SELECT json_agg(json_build_object(
                    'id', e.id, 'report_id', e.report_id, 'kind', e.kind, 'url', e.url, 'title', e.title,
                    'created_at', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'file_id', e.file_id, 'filename', f.filename, 'content_type', f.content_type,
                    'size_bytes', f.size_bytes, 'sha256', f.sha256, 'public', e.public) ORDER BY e.id)
           FROM evidence e LEFT JOIN stored_files f ON f.id = e.file_id
           WHERE e.report_id = r.id), '[]'::json) AS evidence,
         (SELECT sa.path::text FROM tasks st JOIN directives sd ON sd.id = st.directive_id
            LEFT JOIN agencies sa ON sa.id = sd.scope_agency_id WHERE st.id = r.task_id) AS scope_path
  FROM ${source} r
  JOIN agencies a ON a.id = r.agency_id
  JOIN users au ON au.id = r.author_id
  LEFT JOIN users rv ON rv.id = r.reviewed_by`;

/**
 * The hot path of reporting (every body on a reporting deadline): one call of the SQL function
 * `create_progress_report` (server/db/functions), one round trip, one commit. It inserts the report only
 * when the task's directive is published and the body holds a role on the task (directly or through a
 * group) — for a focal point or head exactly "can see the task and is assigned to it" — and, for a
 * report submitted at once that lowers the progress last accepted, only with a reason; it writes the
 * report's links and its history row in the same transaction. The history row's `after` is
 * `history.after` plus the report's role and state. Undefined when a check fails; the caller then
 * finds out why (404, 403 or 422). A function rather than a statement: its statements keep their plans, and
 * parsing and planning the statement cost more than running it (see the migration). Its columns are
 * those of `selectReports`: a column added there is added to the function too.
 */
export async function insertAssignedReport(
  db: Db,
  report: {
    taskId: number;
    agencyId: number;
    authorId: number;
    percent: number;
    narrative: string;
    difficulties: string;
    recommendations: string;
    /** '' when none was given. */
    progressLoweredReason: string;
    links: readonly { url: string; title: string }[];
    submittedAt: Date | null;
    now: Date;
  },
  history: { actorId: number | null; after: Record<string, unknown> },
): Promise<Omit<ReportRow, 'scope_path'> | undefined> {
  const [row] = await db.query<Omit<ReportRow, 'scope_path'>>(sql`
    SELECT * FROM create_progress_report(
      ${report.taskId}, ${report.agencyId}, ${report.authorId}, ${report.percent}, ${report.narrative},
      ${report.difficulties}, ${report.recommendations}, ${report.progressLoweredReason}, ${report.submittedAt}, ${report.now},
      ${report.links.map((l) => l.url)}::text[], ${report.links.map((l) => l.title)}::text[],
      ${history.actorId}, ${JSON.stringify(history.after)}::jsonb)`);
  return row;
}

export interface ReportContextRow {
  id: number;
  task_id: number;
  agency_id: number;
  agency_role: AgencyRole;
  state: ReportState;
  version: number;
  percent: number;
  narrative: string;
  difficulties: string;
  recommendations: string;
  progress_lowered_reason: string;
  scope_path: string | null;
}

/** A report the actor can see, with what permission checks need; optionally locked for a change. */
export async function findReportContext(
  db: Db,
  actor: Actor,
  reportId: number,
  options: { forUpdate?: boolean } = {},
): Promise<ReportContextRow | undefined> {
  const [row] = await db.query<ReportContextRow>(sql`
    SELECT r.id, r.task_id, r.agency_id, r.agency_role, r.state, r.version, r.percent, r.narrative, r.difficulties,
           r.recommendations, r.progress_lowered_reason, sa.path::text AS scope_path
    FROM progress_reports r
    JOIN tasks t ON t.id = r.task_id
    JOIN directives d ON d.id = t.directive_id
    LEFT JOIN agencies sa ON sa.id = d.scope_agency_id
    WHERE r.id = ${reportId} AND ${taskVisibility(actor)} AND ${reportVisibility(actor)}
    ${options.forUpdate ? sql`FOR UPDATE OF r` : sql.empty}`);
  return row;
}

export async function findReport(db: Db, actor: Actor, reportId: number): Promise<ReportRow | undefined> {
  const [row] = await db.query<ReportRow>(sql`
    ${selectReports(sql.raw('progress_reports'))}
    JOIN tasks t ON t.id = r.task_id
    JOIN directives d ON d.id = t.directive_id
    WHERE r.id = ${reportId} AND ${taskVisibility(actor)} AND ${reportVisibility(actor)}`);
  return row;
}

export async function updateReport(
  db: Db,
  reportId: number,
  set: {
    percent?: number;
    narrative?: string;
    difficulties?: string;
    recommendations?: string;
    progressLoweredReason?: string;
  },
  now: Date,
): Promise<ReportRow> {
  const [row] = await db.query<ReportRow>(sql`
    WITH changed AS (
      UPDATE progress_reports SET
        percent = coalesce(${set.percent ?? null}::int, percent),
        narrative = coalesce(${set.narrative ?? null}::text, narrative),
        difficulties = coalesce(${set.difficulties ?? null}::text, difficulties),
        recommendations = coalesce(${set.recommendations ?? null}::text, recommendations),
        progress_lowered_reason = coalesce(${set.progressLoweredReason ?? null}::text, progress_lowered_reason),
        version = version + 1, updated_at = ${now}
      WHERE id = ${reportId}
      RETURNING *)
    ${selectReports(sql.raw('changed'))}`);
  return row!;
}

/**
 * Submits a body's own draft or returned report in one statement (the hot path on a reporting deadline):
 * it locks the row, checks body, state and version, and updates it, fixing the figure it lowers (the
 * SQL function progress_lowered_from). Undefined when any check fails; the caller then finds out which,
 * off the hot path. What the report must say (content, a reason for lowering) the caller checks on the
 * row returned, in the same transaction.
 */
export async function submitOwnReport(
  db: Db,
  submission: { reportId: number; agencyId: number; version: number | null; now: Date },
): Promise<(ReportRow & { before_state: ReportState }) | undefined> {
  const { reportId, agencyId, version, now } = submission;
  const [row] = await db.query<ReportRow & { before_state: ReportState }>(sql`
    WITH before AS (
      SELECT id, state FROM progress_reports
      WHERE id = ${reportId} AND agency_id = ${agencyId} AND state IN ('draft', 'returned')
        AND (${version}::int IS NULL OR version = ${version}::int)
      FOR UPDATE),
    changed AS (
      UPDATE progress_reports p SET state = 'submitted', submitted_at = ${now}, version = p.version + 1, updated_at = ${now},
        progress_lowered_from = progress_lowered_from(p.task_id, p.agency_id, p.agency_role, p.percent)
      FROM before WHERE p.id = before.id
      RETURNING p.*, before.state AS before_state)
    SELECT q.*, changed.before_state FROM (${selectReports(sql.raw('changed'))}) q JOIN changed ON changed.id = q.id`);
  return row;
}

/** Marks evidence items of a report public; answers the ids that are the report's (the others are not). */
export async function markEvidencePublic(db: Db, reportId: number, evidenceIds: readonly number[]): Promise<number[]> {
  if (evidenceIds.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    UPDATE evidence SET public = true
    WHERE report_id = ${reportId} AND id = ANY(${[...evidenceIds]}::bigint[])
    RETURNING id`);
  return rows.map((r) => Number(r.id));
}

export async function markReviewed(
  db: Db,
  reportId: number,
  review: { state: 'accepted' | 'returned'; reviewerId: number | null; comment: string | null; now: Date },
): Promise<ReportRow> {
  const [row] = await db.query<ReportRow>(sql`
    WITH changed AS (
      UPDATE progress_reports SET state = ${review.state}, reviewed_by = ${review.reviewerId}, reviewed_at = ${review.now},
             review_comment = ${review.comment}, version = version + 1, updated_at = ${review.now}
      WHERE id = ${reportId}
      RETURNING *)
    ${selectReports(sql.raw('changed'))}`);
  return row!;
}

export interface TaskProgressFacts {
  progress_percent: number;
  completed_on: string | null;
  last_accepted_report_at: Date | null;
  version: number;
}

/**
 * What an accepted lead report does to its task: the task's progress becomes the report's, and a 100%
 * report completes it on `completedOn`. A completed task stays completed (and keeps its progress): a
 * later report may add results but cannot reopen it.
 */
export async function applyAcceptedLeadReport(
  db: Db,
  taskId: number,
  accepted: { percent: number; completedOn: string; at: Date },
): Promise<{ before: TaskProgressFacts; after: TaskProgressFacts }> {
  const [before] = await db.query<TaskProgressFacts>(sql`
    SELECT progress_percent, completed_on, last_accepted_report_at, version FROM tasks WHERE id = ${taskId} FOR UPDATE`);
  const [after] = await db.query<TaskProgressFacts>(sql`
    UPDATE tasks SET
      progress_percent = CASE WHEN completed_on IS NULL THEN ${accepted.percent}::int ELSE progress_percent END,
      completed_on = CASE WHEN completed_on IS NULL AND ${accepted.percent}::int = 100 THEN ${accepted.completedOn}::date
                          ELSE completed_on END,
      last_accepted_report_at = ${accepted.at}, version = version + 1, updated_at = ${accepted.at}
    WHERE id = ${taskId}
    RETURNING progress_percent, completed_on, last_accepted_report_at, version`);
  return { before: before!, after: after! };
}

export async function listTaskReports(db: Db, actor: Actor, taskId: number): Promise<ReportRow[]> {
  return db.query<ReportRow>(sql`
    ${selectReports(sql.raw('progress_reports'))}
    WHERE r.task_id = ${taskId} AND ${reportVisibility(actor)}
    ORDER BY r.created_at DESC, r.id DESC`);
}

/**
 * Each task's accepted result: of `taskIds`, the newest accepted report of a lead body that the actor
 * may read (one statement for a whole list of tasks).
 */
export async function listAcceptedResults(db: Db, actor: Actor, taskIds: readonly number[]): Promise<ReportRow[]> {
  if (!taskIds.length) return [];
  return db.query<ReportRow>(sql`
    ${selectReports(sql`(
      SELECT DISTINCT ON (x.task_id) x.* FROM progress_reports x
      JOIN tasks t ON t.id = x.task_id JOIN directives d ON d.id = t.directive_id
      WHERE x.task_id = ANY(${taskIds}::bigint[]) AND x.state = 'accepted' AND x.agency_role = 'lead'
        AND ${taskVisibility(actor)}
      ORDER BY x.task_id, x.reviewed_at DESC NULLS LAST, x.id DESC)`)}
    WHERE ${reportVisibility(actor)}`);
}

/**
 * The progress the body's next report on the task is compared with (SQL function accepted_progress:
 * a lead body's is the task's, a coordinating body's its own last accepted report's).
 */
export async function findAcceptedProgress(
  db: Db,
  task: { taskId: number; agencyId: number; role: AgencyRole },
): Promise<number | null> {
  const [row] = await db.query<{ percent: number | null }>(sql`
    SELECT accepted_progress(${task.taskId}::bigint, ${task.agencyId}::bigint, ${task.role}::text) AS percent`);
  return row?.percent ?? null;
}

/** The figure a report of `percent` by the body would go below, or null (SQL function progress_lowered_from). */
export async function findProgressLoweredFrom(
  db: Db,
  report: { taskId: number; agencyId: number; role: AgencyRole; percent: number },
): Promise<number | null> {
  const [row] = await db.query<{ percent: number | null }>(sql`
    SELECT progress_lowered_from(${report.taskId}::bigint, ${report.agencyId}::bigint, ${report.role}::text, ${report.percent}::int) AS percent`);
  return row?.percent ?? null;
}

export async function listReportsPage(
  db: Db,
  actor: Actor,
  scope: Sql,
  filters: {
    state?: ReportState;
    taskId?: number;
    directiveId?: number;
    agencyId?: number;
    subtree: boolean;
    q?: string;
    order: 'newest' | 'oldest';
    page: number;
    pageSize: number;
  },
): Promise<{ rows: ReportRow[]; total: number }> {
  const pattern = filters.q ? searchPattern(filters.q) : null;
  const where = sql.and([
    scope,
    reportVisibility(actor),
    ...(filters.state ? [sql`r.state = ${filters.state}`] : []),
    ...(filters.taskId ? [sql`r.task_id = ${filters.taskId}`] : []),
    ...(filters.directiveId ? [sql`t.directive_id = ${filters.directiveId}`] : []),
    ...(filters.agencyId
      ? [
          filters.subtree
            ? sql`r.agency_id IN (SELECT a.id FROM agencies a
                   WHERE a.path <@ (SELECT p.path FROM agencies p WHERE p.id = ${filters.agencyId}))`
            : sql`r.agency_id = ${filters.agencyId}`,
        ]
      : []),
    // tasks.search is search_norm(text || ' ' || ref): the task list's search, over the reports' tasks.
    ...(pattern ? [sql`t.search LIKE search_norm(${pattern})`] : []),
  ]);
  const joins = sql`JOIN tasks t ON t.id = r.task_id JOIN directives d ON d.id = t.directive_id`;
  const direction = sql.raw(filters.order === 'oldest' ? 'ASC' : 'DESC');
  const rows = await db.query<ReportRow>(sql`
    ${selectReports(sql.raw('progress_reports'))}
    ${joins}
    WHERE ${where}
    ORDER BY coalesce(r.submitted_at, r.created_at) ${direction}, r.id ${direction}
    LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`);
  const [count] = await db.query<{ total: number }>(sql`
    SELECT count(*)::int AS total FROM progress_reports r ${joins} WHERE ${where}`);
  return { rows, total: count?.total ?? 0 };
}

/** An evidence item as a report is read with it (report.responses.ts gives it its response shape). */
export interface EvidenceRow {
  id: number;
  report_id: number;
  kind: 'file' | 'link';
  url: string | null;
  title: string | null;
  /** A Date from a table row; an ISO string when it came embedded in a report's JSON. */
  created_at: Date | string;
  file_id: number | null;
  filename: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  /** Marked public by the reviewer when accepting the report (auth/scope.ts seesEvidence). */
  public: boolean;
}
