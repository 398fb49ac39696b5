import type { Actor } from '../auth/actor.ts';
import { directiveVisibility, manageableSql } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import { searchPattern } from '../tasks/task.queries.ts';
import { dueSoonSql, timelinessSql } from '../tasks/task.standing.ts';

export interface DirectiveRow {
  id: number;
  number: string | null;
  doc_type: string | null;
  issued_on: string | null;
  issuer_agency_id: number | null;
  issuer_agency_name: string | null;
  issuer_name: string | null;
  level: 'central' | 'province' | 'commune';
  title: string;
  programme_code: string | null;
  status: 'draft' | 'published';
  scope_agency_id: number | null;
  scope_agency_name: string | null;
  scope_path: string | null;
  task_count: number;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  source_file_id: number | null;
  created_by: number | null;
  created_by_name: string | null;
  published_by: number | null;
  published_by_name: string | null;
}

const DIRECTIVE_COLUMNS = sql`
  d.id, d.number, d.doc_type, d.issued_on, d.issuer_agency_id, ia.name AS issuer_agency_name, d.issuer_name,
  d.level, d.title, d.programme_code, d.status, d.scope_agency_id, sa.name AS scope_agency_name,
  sa.path::text AS scope_path, (SELECT count(*) FROM tasks t WHERE t.directive_id = d.id) AS task_count,
  d.published_at, d.version, d.created_at, d.updated_at, d.source_file_id,
  d.created_by, cu.full_name AS created_by_name, d.published_by, pu.full_name AS published_by_name`;

const DIRECTIVE_FROM = sql`
  directives d
  LEFT JOIN agencies ia ON ia.id = d.issuer_agency_id
  LEFT JOIN agencies sa ON sa.id = d.scope_agency_id
  LEFT JOIN users cu ON cu.id = d.created_by
  LEFT JOIN users pu ON pu.id = d.published_by`;

/** The directive if the actor may see it; `forUpdate` locks the row for the rest of the transaction. */
export async function findVisibleDirective(
  db: Db,
  actor: Actor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<DirectiveRow | undefined> {
  if (options.forUpdate) {
    await db.query(sql`SELECT id FROM directives WHERE id = ${id} FOR UPDATE`);
  }
  const [row] = await db.query<DirectiveRow>(sql`
    SELECT ${DIRECTIVE_COLUMNS} FROM ${DIRECTIVE_FROM}
    WHERE d.id = ${id} AND ${directiveVisibility(actor)}`);
  return row;
}

export interface DirectiveFilters {
  status?: 'draft' | 'published';
  programme?: string;
  level?: string;
  scopeAgencyId?: number;
  q?: string;
  implementsNumber?: string;
  manageable?: boolean;
}

function filterConditions(actor: Actor, f: DirectiveFilters): Sql[] {
  const conditions = [directiveVisibility(actor)];
  if (f.status) conditions.push(sql`d.status = ${f.status}`);
  if (f.programme) conditions.push(sql`d.programme_code = ${f.programme}`);
  if (f.level) conditions.push(sql`d.level = ${f.level}`);
  if (f.scopeAgencyId) conditions.push(sql`d.scope_agency_id = ${f.scopeAgencyId}`);
  if (f.manageable !== undefined) {
    conditions.push(f.manageable ? manageableSql(actor) : sql`NOT (${manageableSql(actor)})`);
  }
  const pattern = f.q ? searchPattern(f.q) : null;
  if (pattern) {
    conditions.push(sql`search_norm(coalesce(d.number, '') || ' ' || d.title) LIKE search_norm(${pattern})`);
  }
  if (f.implementsNumber) {
    conditions.push(sql`EXISTS (SELECT 1 FROM directive_implements di WHERE di.directive_id = d.id
      AND di.implements_norm = upper(regexp_replace(${f.implementsNumber}, '\s+', '', 'g')))`);
  }
  return conditions;
}

export async function listDirectives(
  db: Db,
  actor: Actor,
  filters: DirectiveFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: DirectiveRow[]; total: number }> {
  const where = sql.and(filterConditions(actor, filters));
  const [rows, count] = await Promise.all([
    db.query<DirectiveRow>(sql`
      SELECT ${DIRECTIVE_COLUMNS} FROM ${DIRECTIVE_FROM}
      WHERE ${where}
      ORDER BY d.issued_on DESC NULLS LAST, d.id DESC
      LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.query<{ total: number }>(sql`SELECT count(*) AS total FROM directives d WHERE ${where}`),
  ]);
  return { rows, total: count[0]?.total ?? 0 };
}

/** The directives after `afterId`, in id order (the open data's stable cursor), under the list's filters. */
export async function listDirectiveRowsAfter(
  db: Db,
  actor: Actor,
  filters: DirectiveFilters,
  page: { afterId: number; limit: number },
): Promise<DirectiveRow[]> {
  return db.query<DirectiveRow>(sql`
    SELECT ${DIRECTIVE_COLUMNS} FROM ${DIRECTIVE_FROM}
    WHERE ${sql.and([...filterConditions(actor, filters), sql`d.id > ${page.afterId}`])}
    ORDER BY d.id LIMIT ${page.limit}`);
}

/** Directives published most recently first (the public feed). */
export async function listRecentlyPublished(db: Db, actor: Actor, limit: number): Promise<DirectiveRow[]> {
  return db.query<DirectiveRow>(sql`
    SELECT ${DIRECTIVE_COLUMNS} FROM ${DIRECTIVE_FROM}
    WHERE ${sql.and(filterConditions(actor, { status: 'published' }))}
    ORDER BY coalesce(d.published_at, d.created_at) DESC, d.id DESC LIMIT ${limit}`);
}

export interface DirectiveLinkRow {
  number: string;
  id: number | null;
  linked_number: string | null;
  title: string | null;
  level: 'central' | 'province' | 'commune' | null;
  status: 'draft' | 'published' | null;
}

/**
 * The numbers this directive implements, each resolved to an imported directive with the same
 * normalised number (published first) — a JOIN, so a later import links up without rewriting rows.
 */
export async function listImplements(db: Db, actor: Actor, id: number): Promise<DirectiveLinkRow[]> {
  return db.query<DirectiveLinkRow>(sql`
    SELECT di.implements_number AS number, x.id, x.number AS linked_number, x.title, x.level, x.status
    FROM directive_implements di
    LEFT JOIN LATERAL (
      SELECT x.id, x.number, x.title, x.level, x.status FROM directives x
      WHERE x.number_norm = di.implements_norm AND x.id <> di.directive_id AND ${directiveVisibility(actor, 'x')}
      ORDER BY (x.status = 'published') DESC, x.id
      LIMIT 1) x ON TRUE
    WHERE di.directive_id = ${id}
    ORDER BY di.implements_number`);
}

export interface DirectiveRefRow {
  id: number;
  number: string | null;
  title: string;
  level: 'central' | 'province' | 'commune';
  status: 'draft' | 'published';
}

/** Lower documents that name this one as the document they implement. */
export async function listImplementedBy(db: Db, actor: Actor, id: number): Promise<DirectiveRefRow[]> {
  return db.query<DirectiveRefRow>(sql`
    SELECT x.id, x.number, x.title, x.level, x.status
    FROM directives self
    JOIN directive_implements di ON di.implements_norm = self.number_norm
    JOIN directives x ON x.id = di.directive_id
    WHERE self.id = ${id} AND self.number_norm <> '' AND x.id <> self.id AND ${directiveVisibility(actor, 'x')}
    GROUP BY x.id
    ORDER BY x.issued_on NULLS LAST, x.id
    LIMIT 500`);
}

export async function replaceImplements(db: Db, id: number, numbers: readonly string[]): Promise<void> {
  await db.query(sql`DELETE FROM directive_implements WHERE directive_id = ${id}`);
  const unique = [...new Set(numbers)];
  if (unique.length === 0) return;
  await db.query(sql`
    INSERT INTO directive_implements (directive_id, implements_number)
    SELECT ${id}, n FROM unnest(${unique}::text[]) AS n`);
}

export async function listImplementsNumbers(db: Db, id: number): Promise<string[]> {
  const rows = await db.query<{ n: string }>(
    sql`SELECT implements_number AS n FROM directive_implements WHERE directive_id = ${id} ORDER BY 1`,
  );
  return rows.map((r) => r.n);
}

export interface TaskCountsRow {
  total: number;
  without_lead: number;
  with_unresolved: number;
  due_soon: number;
}

export async function countDirectiveTasks(
  db: Db,
  id: number,
  asOf: string,
): Promise<{ counts: TaskCountsRow; byTimeliness: { state: string; n: number }[] }> {
  const [counts, byTimeliness] = await Promise.all([
    db.query<TaskCountsRow>(sql`
      SELECT count(*) AS total,
        count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'lead')) AS without_lead,
        count(*) FILTER (WHERE cardinality(t.unresolved_bodies) > 0) AS with_unresolved,
        count(*) FILTER (WHERE ${dueSoonSql('t', asOf)}) AS due_soon
      FROM tasks t WHERE t.directive_id = ${id}`),
    db.query<{ state: string; n: number }>(sql`
      SELECT ${timelinessSql('t', asOf)} AS state, count(*) AS n
      FROM tasks t WHERE t.directive_id = ${id} GROUP BY 1`),
  ]);
  return { counts: counts[0] ?? { total: 0, without_lead: 0, with_unresolved: 0, due_soon: 0 }, byTimeliness };
}

export async function findAgencyPath(db: Db, agencyId: number): Promise<string | undefined> {
  const [row] = await db.query<{ path: string }>(sql`SELECT path::text AS path FROM agencies WHERE id = ${agencyId}`);
  return row?.path;
}

export async function programmeExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM programmes WHERE code = ${code}`);
  return rows.length > 0;
}

export interface DirectiveWriteFields {
  number: string;
  doc_type: string | null;
  issued_on: string | null;
  issuer_agency_id: number | null;
  issuer_name: string | null;
  level: string;
  title: string;
  programme_code: string | null;
  scope_agency_id: number | null;
}

export async function insertDirective(db: Db, fields: DirectiveWriteFields, createdBy: number | null): Promise<number> {
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO directives (number, doc_type, issued_on, issuer_agency_id, issuer_name, level, title, programme_code,
                            scope_agency_id, status, created_by)
    VALUES (${fields.number}, ${fields.doc_type}, ${fields.issued_on}, ${fields.issuer_agency_id}, ${fields.issuer_name},
            ${fields.level}, ${fields.title}, ${fields.programme_code}, ${fields.scope_agency_id}, 'draft', ${createdBy})
    RETURNING id`);
  return row!.id;
}

export async function updateDirective(db: Db, id: number, fields: DirectiveWriteFields): Promise<void> {
  await db.query(sql`
    UPDATE directives SET number = ${fields.number}, doc_type = ${fields.doc_type}, issued_on = ${fields.issued_on},
      issuer_agency_id = ${fields.issuer_agency_id}, issuer_name = ${fields.issuer_name}, level = ${fields.level},
      title = ${fields.title}, programme_code = ${fields.programme_code}, scope_agency_id = ${fields.scope_agency_id},
      version = version + 1, updated_at = now()
    WHERE id = ${id}`);
}

/** Deletes the directive and (by cascade) its tasks; returns how many tasks went with it. */
export async function deleteDirective(db: Db, id: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM tasks WHERE directive_id = ${id}`);
  await db.query(sql`DELETE FROM directives WHERE id = ${id}`);
  return row?.n ?? 0;
}

export interface PublishProblemRow {
  id: number;
  ref: string;
  unresolved_bodies: string[];
  has_lead: boolean;
}

/** The directive's tasks that still carry names the registry did not know, in id order. */
export async function listTasksWithUnresolvedBodies(
  db: Db,
  id: number,
): Promise<{ id: number; unresolved_bodies: string[] }[]> {
  return db.query(sql`
    SELECT id, unresolved_bodies FROM tasks
    WHERE directive_id = ${id} AND cardinality(unresolved_bodies) > 0 ORDER BY id`);
}

/** Tasks that cannot go live: no lead body, or bodies the review has not matched yet. */
export async function listPublishProblems(db: Db, id: number): Promise<PublishProblemRow[]> {
  return db.query<PublishProblemRow>(sql`
    SELECT t.id, t.ref, t.unresolved_bodies,
      EXISTS (SELECT 1 FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'lead') AS has_lead
    FROM tasks t
    WHERE t.directive_id = ${id}
      AND (cardinality(t.unresolved_bodies) > 0
        OR NOT EXISTS (SELECT 1 FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'lead'))
    ORDER BY t.id
    LIMIT 200`);
}

export async function markPublished(db: Db, id: number, publishedBy: number | null, at: Date): Promise<void> {
  await db.query(sql`
    UPDATE directives SET status = 'published', published_at = ${at}, published_by = ${publishedBy},
      version = version + 1, updated_at = ${at}
    WHERE id = ${id}`);
}

/**
 * The bodies a publication notifies, for the directives `directiveIds` selects: a row per body and
 * task it leads or coordinates (directive_id, agency_id, role, task_id). A task assigned to a named
 * group ("UBND cấp xã") notifies each member: a group has no focal point of its own.
 */
export const bodiesToNotify = (directiveIds: Sql) => sql`
  WITH assigned AS (
    SELECT t.directive_id, ta.agency_id, ta.role, ta.task_id FROM task_assignments ta JOIN tasks t ON t.id = ta.task_id
    WHERE t.directive_id IN (${directiveIds})
  )
  -- The bodies (not groups) that act as an assigned one: itself, or a group's members. "= ANY(array)"
  -- lets the view look the assigned bodies up by index instead of listing every body's groups.
  SELECT s.directive_id, x.agency_id, s.role, s.task_id
  FROM assigned s JOIN agency_acts_as x ON x.acts_as_id = s.agency_id
  WHERE x.agency_kind <> 'group' AND x.acts_as_id = ANY (ARRAY(SELECT agency_id FROM assigned))`;

/** What publishing would do, shown before the office confirms: how many tasks go out to how many bodies. */
export async function countPublishReach(db: Db, directiveId: number): Promise<{ tasks: number; bodies: number }> {
  const [row] = await db.query<{ tasks: number; bodies: number }>(sql`
    SELECT (SELECT count(*) FROM tasks t WHERE t.directive_id = ${directiveId})::int AS tasks,
           count(DISTINCT b.agency_id)::int AS bodies
    FROM (${bodiesToNotify(sql`${directiveId}::bigint`)}) b`);
  return row ?? { tasks: 0, bodies: 0 };
}

/** One notification per body the publication of the directive notifies (bodiesToNotify); how many. */
export async function notifyAssignedBodies(
  db: Db,
  directive: { id: number; number: string | null; title: string },
): Promise<number> {
  const rows = await db.query<{ agency_id: number }>(sql`
    WITH bodies AS (${bodiesToNotify(sql`${directive.id}::bigint`)})
    INSERT INTO notifications (agency_id, kind, payload)
    SELECT b.agency_id, 'directive_published', jsonb_build_object(
      'directiveId', ${directive.id}::bigint, 'number', ${directive.number}::text, 'title', ${directive.title}::text,
      'leadTaskCount', count(DISTINCT b.task_id) FILTER (WHERE b.role = 'lead'),
      'coordinatingTaskCount', count(DISTINCT b.task_id) FILTER (WHERE b.role = 'coordinating'))
    FROM bodies b
    GROUP BY b.agency_id
    RETURNING agency_id`);
  return rows.length;
}

/**
 * The higher tasks a directive's tasks implement where another office manages them (a lower plan under a
 * higher office's task): each with how many of the directive's tasks implement it, the scope of its own
 * directive, and the name of the body the plan is of (its scope, or its issuer).
 */
export async function listHigherTasksImplemented(
  db: Db,
  directiveId: number,
): Promise<{ parent_id: number; task_count: number; parent_scope_id: number | null; plan_body: string | null }[]> {
  return db.query(sql`
    SELECT p.id AS parent_id, count(*)::int AS task_count, pd.scope_agency_id AS parent_scope_id,
           coalesce(sa.name, d.issuer_name) AS plan_body
    FROM tasks t
    JOIN directives d ON d.id = t.directive_id
    LEFT JOIN agencies sa ON sa.id = d.scope_agency_id
    JOIN tasks p ON p.id = t.parent_task_id
    JOIN directives pd ON pd.id = p.directive_id
    WHERE t.directive_id = ${directiveId} AND pd.id <> d.id
      AND pd.scope_agency_id IS DISTINCT FROM d.scope_agency_id
    GROUP BY p.id, pd.scope_agency_id, sa.name, d.issuer_name
    ORDER BY p.id`);
}

export interface FieldConfidenceRow {
  score: number;
  reason: string;
}

export interface DirectiveSourceRow {
  text: string | null;
  filename: string | null;
  issuer_name: string | null;
  issuer_successors: string[];
  confidence: Record<string, FieldConfidenceRow> | null;
  tasks: {
    id: number;
    ref: string;
    source_line: number | null;
    unresolved_bodies: string[];
    confidence: Record<string, FieldConfidenceRow> | null;
    body_successors: Record<string, string[]>;
    starting_progress: number | null;
  }[];
  /** A scanned source's pages: where each page's recognised text starts in `text`. */
  pages: { page: number; starts_at_line: number }[];
}

/** The stored source text and its tasks' starting lines, in reading order, with what the import doubted. */
export async function findDirectiveSource(db: Db, id: number): Promise<DirectiveSourceRow> {
  const [row] = await db.query<DirectiveSourceRow>(sql`
    SELECT d.source_text AS text, f.filename, d.issuer_name, d.issuer_successors, d.extraction_confidence AS confidence,
      (SELECT coalesce(json_agg(json_build_object('id', t.id, 'ref', t.ref, 'source_line', t.source_line,
                'unresolved_bodies', t.unresolved_bodies, 'confidence', t.extraction_confidence,
                'body_successors', t.body_successors, 'starting_progress', t.starting_progress) ORDER BY t.source_line NULLS LAST, t.id), '[]'::json)
       FROM tasks t WHERE t.directive_id = d.id) AS tasks,
      (SELECT coalesce(json_agg(json_build_object('page', p.page, 'starts_at_line', p.starts_at_line) ORDER BY p.page),
                       '[]'::json)
       FROM source_pages p WHERE p.file_id = d.source_file_id) AS pages
    FROM directives d LEFT JOIN stored_files f ON f.id = d.source_file_id
    WHERE d.id = ${id}`);
  return (
    row ?? {
      text: null,
      filename: null,
      issuer_name: null,
      issuer_successors: [],
      confidence: null,
      tasks: [],
      pages: [],
    }
  );
}

/** Where one page image of the directive's scanned source is stored. */
export async function findSourcePage(db: Db, directiveId: number, page: number): Promise<string | undefined> {
  const [row] = await db.query<{ storage_key: string }>(sql`
    SELECT p.storage_key FROM directives d JOIN source_pages p ON p.file_id = d.source_file_id
    WHERE d.id = ${directiveId} AND p.page = ${page}`);
  return row?.storage_key;
}
