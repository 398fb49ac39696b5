import type { AgencyKind, AgencyLevel } from '@giamsat/shared';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

// Every SQL statement about bodies (agencies), their aliases, groups and merges.

export interface AgencyRow {
  id: number;
  slug: string;
  name: string;
  short_name: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  parent_id: number | null;
  path: string;
  merged_into_id: number | null;
  merged_on: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const AGENCY_COLUMNS = sql.raw(`a.id, a.slug, a.name, a.short_name, a.level, a.kind, a.parent_id, a.path::text AS path,
  a.merged_into_id, a.merged_on, a.version, a.created_at, a.updated_at`);

export interface AgencyListRow extends AgencyRow {
  aliases: string[];
  can_report: boolean;
  total: number;
}

export interface AgencyListFilter {
  q?: string | undefined;
  level?: AgencyLevel | undefined;
  kind?: AgencyKind | undefined;
  parentId?: number | undefined;
  withinId?: number | undefined;
  includeGroups: boolean;
  includeMerged: boolean;
  limit: number;
  offset: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * Bodies matching the filters. With `q`: the text is folded like the stored names (no diacritics,
 * either tone-mark placement, lower case) and matched as a substring or by trigram word similarity
 * against names and aliases; the best of a body's names ranks it (a prefix beats a word inside,
 * which beats a fuzzy match).
 */
export async function listAgencies(db: Db, filter: AgencyListFilter): Promise<AgencyListRow[]> {
  const conditions: Sql[] = [];
  if (filter.level) conditions.push(sql`a.level = ${filter.level}`);
  if (filter.kind) conditions.push(sql`a.kind = ${filter.kind}`);
  if (filter.parentId !== undefined) conditions.push(sql`a.parent_id = ${filter.parentId}`);
  if (filter.withinId !== undefined) {
    conditions.push(sql`a.path <@ (SELECT w.path FROM agencies w WHERE w.id = ${filter.withinId})`);
  }
  if (!filter.includeGroups && filter.kind !== 'group') conditions.push(sql`a.kind <> 'group'`);
  if (!filter.includeMerged) conditions.push(sql`a.merged_into_id IS NULL`);

  const q = filter.q?.replace(/\s+/g, ' ').trim();
  let score = sql`0::real`;
  let order = sql`CASE a.level WHEN 'central' THEN 0 WHEN 'province' THEN 1 ELSE 2 END, a.name, a.id`;
  if (q) {
    const norm = sql`search_norm(${q})`;
    const contains = sql`'%' || search_norm(${escapeLike(q)}) || '%'`;
    conditions.push(sql`a.id IN (
      SELECT n.id FROM agencies n WHERE n.name_norm LIKE ${contains} OR ${norm} <% n.name_norm
      UNION
      SELECT al.agency_id FROM agency_aliases al WHERE al.alias_norm LIKE ${contains} OR ${norm} <% al.alias_norm)`);
    score = sql`(SELECT max(
        CASE WHEN x.n LIKE search_norm(${escapeLike(q)}) || '%' THEN 2
             WHEN ' ' || x.n LIKE '% ' || search_norm(${escapeLike(q)}) || '%' THEN 1.5
             WHEN x.n LIKE ${contains} THEN 1
             ELSE 0 END + word_similarity(${norm}, x.n))
      FROM (SELECT a.name_norm AS n UNION ALL SELECT alias_norm FROM agency_aliases WHERE agency_id = a.id) x)`;
    order = sql`score DESC, length(a.name), a.name, a.id`;
  }
  return db.query<AgencyListRow>(sql`
    SELECT ${AGENCY_COLUMNS},
           coalesce((SELECT array_agg(al.alias ORDER BY al.alias) FROM agency_aliases al WHERE al.agency_id = a.id), '{}') AS aliases,
           body_can_report(a.id) AS can_report,
           ${score} AS score,
           count(*) OVER () AS total
    FROM agencies a
    WHERE ${sql.and(conditions)}
    ORDER BY ${order}
    LIMIT ${filter.limit} OFFSET ${filter.offset}`);
}

export async function countAgencies(db: Db, filter: AgencyListFilter): Promise<number> {
  const rows = await listAgencies(db, { ...filter, limit: 1, offset: 0 });
  return rows[0]?.total ?? 0;
}

export async function findAgency(db: Db, id: number, options: { forUpdate?: boolean } = {}) {
  const [row] = await db.query<AgencyRow>(sql`
    SELECT ${AGENCY_COLUMNS} FROM agencies a WHERE a.id = ${id} ${options.forUpdate ? sql`FOR UPDATE` : sql.empty}`);
  return row;
}

export async function findAgencyBySlug(db: Db, slug: string) {
  const [row] = await db.query<AgencyRow>(sql`SELECT ${AGENCY_COLUMNS} FROM agencies a WHERE a.slug = ${slug}`);
  return row;
}

export interface AgencyDetailRow extends AgencyRow {
  parent_name: string | null;
  merged_into_name: string | null;
  child_count: number;
  member_count: number | null;
  aliases: string[];
  groups: { id: number; name: string }[];
}

export async function loadAgencyDetail(db: Db, id: number) {
  const [row] = await db.query<AgencyDetailRow>(sql`
    SELECT ${AGENCY_COLUMNS}, p.name AS parent_name, m.name AS merged_into_name,
           (SELECT count(*) FROM agencies c WHERE c.parent_id = a.id) AS child_count,
           CASE WHEN a.kind = 'group'
             THEN (SELECT count(*) FROM agency_group_members gm WHERE gm.group_id = a.id) END AS member_count,
           coalesce((SELECT array_agg(al.alias ORDER BY al.alias) FROM agency_aliases al WHERE al.agency_id = a.id), '{}') AS aliases,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name) ORDER BY g.name)
                     FROM agency_group_members gm JOIN agencies g ON g.id = gm.group_id
                     WHERE gm.member_id = a.id), '[]'::jsonb) AS groups
    FROM agencies a
    LEFT JOIN agencies p ON p.id = a.parent_id
    LEFT JOIN agencies m ON m.id = a.merged_into_id
    WHERE a.id = ${id}`);
  return row;
}

export async function listGroupMembers(db: Db, groupId: number, page: { limit: number; offset: number }) {
  return db.query<AgencyRow & { total: number }>(sql`
    SELECT ${AGENCY_COLUMNS}, count(*) OVER () AS total
    FROM agency_group_members gm JOIN agencies a ON a.id = gm.member_id
    WHERE gm.group_id = ${groupId}
    ORDER BY CASE a.level WHEN 'central' THEN 0 WHEN 'province' THEN 1 ELSE 2 END, a.name, a.id
    LIMIT ${page.limit} OFFSET ${page.offset}`);
}

export async function slugExists(db: Db, slug: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM agencies WHERE slug = ${slug}`);
  return rows.length > 0;
}

/** Inserts a body and sets its path (parent's path, then its own id). */
export async function insertAgency(
  db: Db,
  agency: {
    slug: string;
    name: string;
    shortName: string | null;
    level: AgencyLevel;
    kind: AgencyKind;
    parent: { id: number; path: string } | null;
  },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO agencies (slug, name, short_name, level, kind, parent_id, path)
    VALUES (${agency.slug}, ${agency.name}, ${agency.shortName}, ${agency.level}, ${agency.kind},
            ${agency.parent?.id ?? null}, '0')
    RETURNING id`);
  const id = row!.id;
  const path = agency.parent ? `${agency.parent.path}.${id}` : String(id);
  await db.query(sql`UPDATE agencies SET path = ${path}::ltree WHERE id = ${id}`);
  return id;
}

export async function updateAgencyFields(
  db: Db,
  id: number,
  fields: { name: string; shortName: string | null; level: AgencyLevel; kind: AgencyKind; parentId: number | null },
  at: Date,
): Promise<void> {
  await db.query(sql`
    UPDATE agencies SET name = ${fields.name}, short_name = ${fields.shortName}, level = ${fields.level},
      kind = ${fields.kind}, parent_id = ${fields.parentId}, version = version + 1, updated_at = ${at}
    WHERE id = ${id}`);
}

export async function bumpAgencyVersion(db: Db, id: number, at: Date): Promise<void> {
  await db.query(sql`UPDATE agencies SET version = version + 1, updated_at = ${at} WHERE id = ${id}`);
}

/**
 * Moves a body and its whole subtree under a new path prefix: every path starting with `oldPath`
 * gets `newPath` in its place. One statement, whatever the subtree's size.
 */
export async function moveSubtree(db: Db, oldPath: string, newPath: string): Promise<number> {
  const rows = await db.query<{ id: number }>(sql`
    UPDATE agencies SET path = CASE WHEN path = ${oldPath}::ltree THEN ${newPath}::ltree
                                    ELSE ${newPath}::ltree || subpath(path, nlevel(${oldPath}::ltree)) END
    WHERE path <@ ${oldPath}::ltree
    RETURNING id`);
  return rows.length;
}

export async function listAliases(db: Db, agencyId: number): Promise<string[]> {
  const rows = await db.query<{ alias: string }>(
    sql`SELECT alias FROM agency_aliases WHERE agency_id = ${agencyId} ORDER BY alias`,
  );
  return rows.map((r) => r.alias);
}

/** Adds aliases (skipping ones the body already has and its own name); returns those added. */
export async function insertAliases(db: Db, agencyId: number, aliases: readonly string[]): Promise<string[]> {
  if (aliases.length === 0) return [];
  const rows = await db.query<{ alias: string }>(sql`
    INSERT INTO agency_aliases (agency_id, alias)
    SELECT a.id, x.alias FROM agencies a, unnest(${[...aliases]}::text[]) AS x(alias)
    WHERE a.id = ${agencyId} AND x.alias <> a.name
    ON CONFLICT DO NOTHING
    RETURNING alias`);
  return rows.map((r) => r.alias);
}

export async function deleteAlias(db: Db, agencyId: number, alias: string): Promise<boolean> {
  const rows = await db.query(
    sql`DELETE FROM agency_aliases WHERE agency_id = ${agencyId} AND alias = ${alias} RETURNING alias`,
  );
  return rows.length > 0;
}

/** Ids among `ids` that are live bodies (not groups, not merged). */
export async function findMemberCandidates(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    SELECT id FROM agencies WHERE id = ANY(${[...ids]}::bigint[]) AND kind <> 'group'`);
  return rows.map((r) => r.id);
}

export async function insertGroupMembers(db: Db, groupId: number, memberIds: readonly number[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const rows = await db.query(sql`
    INSERT INTO agency_group_members (group_id, member_id)
    SELECT ${groupId}, m FROM unnest(${[...memberIds]}::bigint[]) AS m
    ON CONFLICT DO NOTHING RETURNING member_id`);
  return rows.length;
}

/**
 * Re-expands named groups from their stored selectors (agencies.member_selector): explicit slugs,
 * and every live body matching all of level / kind / name prefix (in either tone-mark placement) /
 * administrative unit (`unit`: a body with no parent of its own level).
 * Adds members only: members added by hand, or that stopped matching, are kept. `groupIds` limits
 * the groups, `memberIds` the candidate bodies (a body just created joins the groups it matches).
 */
export async function refreshGroupMembers(
  db: Db,
  options: { groupIds?: readonly number[]; memberIds?: readonly number[] } = {},
): Promise<number> {
  const groupFilter = options.groupIds ? sql`AND g.id = ANY(${[...options.groupIds]}::bigint[])` : sql.empty;
  const memberFilter = options.memberIds ? sql`AND m.id = ANY(${[...options.memberIds]}::bigint[])` : sql.empty;
  const rows = await db.query(sql`
    WITH g AS MATERIALIZED (
      SELECT g.id,
             g.member_selector ->> 'level' AS level,
             g.member_selector ->> 'kind' AS kind,
             ARRAY(SELECT jsonb_array_elements_text(coalesce(g.member_selector -> 'ids', '[]'::jsonb))) AS slugs,
             CASE WHEN g.member_selector ->> 'namePrefix' IS NULL THEN NULL
                  ELSE ARRAY(SELECT jsonb_array_elements_text(coalesce(g.member_selector -> 'namePrefixes',
                                    jsonb_build_array(g.member_selector ->> 'namePrefix')))) END AS prefixes,
             coalesce((g.member_selector ->> 'unit')::boolean, false) AS unit,
             (g.member_selector ?| ARRAY['level', 'kind', 'namePrefix', 'unit']) AS has_rule
      FROM agencies g
      WHERE g.kind = 'group' AND g.member_selector IS NOT NULL ${groupFilter}
    )
    INSERT INTO agency_group_members (group_id, member_id)
    SELECT g.id, m.id
    FROM g JOIN agencies m ON m.kind <> 'group' AND m.merged_into_id IS NULL ${memberFilter} AND (
      m.slug = ANY(g.slugs)
      OR (g.has_rule
        AND (g.level IS NULL OR m.level = g.level)
        AND (g.kind IS NULL OR m.kind = g.kind)
        AND (g.prefixes IS NULL OR EXISTS (
          SELECT 1 FROM unnest(g.prefixes) AS p(prefix) WHERE left(m.name, length(p.prefix)) = p.prefix))
        -- an administrative unit: no parent of its own level (a province, a commune; not their departments)
        AND (NOT g.unit OR NOT EXISTS (SELECT 1 FROM agencies up WHERE up.id = m.parent_id AND up.level = m.level))))
    ON CONFLICT DO NOTHING
    RETURNING group_id`);
  return rows.length;
}

// ── Merge ───────────────────────────────────────────────────────────────────────────────────

export interface TransferredTask {
  taskId: number;
  before: TaskAssignmentJson[];
  after: TaskAssignmentJson[];
}

type TaskAssignmentJson = { agencyId: number; role: string };

/** Each open task's assignments, as [{agencyId, role}], for the tasks the body is assigned to. */
async function openTaskAssignments(db: Db, taskIds: readonly number[]) {
  return db.query<{ task_id: number; assignments: TaskAssignmentJson[] }>(sql`
    SELECT ta.task_id,
           jsonb_agg(jsonb_build_object('agencyId', ta.agency_id, 'role', ta.role) ORDER BY ta.position, ta.role, ta.agency_id) AS assignments
    FROM task_assignments ta WHERE ta.task_id = ANY(${[...taskIds]}::bigint[])
    GROUP BY ta.task_id`);
}

/**
 * Passes a merged body's assignments on OPEN tasks (completed_on IS NULL) to its successor, in a
 * few set-based statements: a successor already on the task keeps its place (no duplicate), and
 * becomes lead when the merged body was lead. Done tasks keep the merged body (history). Returns each
 * changed task with its assignments before and after, for its history row.
 */
export async function transferOpenTasks(
  db: Db,
  input: { agencyId: number; successorId: number; at: Date },
): Promise<TransferredTask[]> {
  const taskRows = await db.query<{ task_id: number }>(sql`
    SELECT DISTINCT ta.task_id FROM task_assignments ta JOIN tasks t ON t.id = ta.task_id
    WHERE ta.agency_id = ${input.agencyId} AND t.completed_on IS NULL`);
  const taskIds = taskRows.map((r) => r.task_id);
  if (taskIds.length === 0) return [];
  const before = new Map((await openTaskAssignments(db, taskIds)).map((r) => [r.task_id, r.assignments]));
  await db.query(sql`
    WITH moved AS (
      DELETE FROM task_assignments
      WHERE agency_id = ${input.agencyId} AND task_id = ANY(${taskIds}::bigint[])
      RETURNING task_id, role, position)
    INSERT INTO task_assignments (task_id, agency_id, role, position)
    SELECT task_id, ${input.successorId}, role, position FROM moved
    ON CONFLICT DO NOTHING`);
  // The successor was coordinating and now inherits the lead: it is lead only.
  await db.query(sql`
    DELETE FROM task_assignments c
    WHERE c.agency_id = ${input.successorId} AND c.role = 'coordinating' AND c.task_id = ANY(${taskIds}::bigint[])
      AND EXISTS (SELECT 1 FROM task_assignments l
                  WHERE l.task_id = c.task_id AND l.agency_id = c.agency_id AND l.role = 'lead')`);
  await db.query(sql`
    UPDATE tasks SET version = version + 1, updated_at = ${input.at} WHERE id = ANY(${taskIds}::bigint[])`);
  const after = new Map((await openTaskAssignments(db, taskIds)).map((r) => [r.task_id, r.assignments]));
  return taskIds.map((taskId) => ({ taskId, before: before.get(taskId) ?? [], after: after.get(taskId) ?? [] }));
}

/** Moves the body's users (and offices scoped to it) to the successor; returns the users moved. */
export async function moveUsers(db: Db, agencyId: number, successorId: number, at: Date): Promise<number[]> {
  const moved = await db.query<{ id: number }>(sql`
    UPDATE users SET agency_id = ${successorId}, version = version + 1, updated_at = ${at}
    WHERE agency_id = ${agencyId} RETURNING id`);
  await db.query(sql`
    UPDATE users SET scope_agency_id = ${successorId}, updated_at = ${at}
    WHERE scope_agency_id = ${agencyId}`);
  return moved.map((r) => r.id);
}

/** Re-parents the body's children to the successor and rewrites the paths of their subtrees. */
export async function reparentChildren(
  db: Db,
  agency: { id: number; path: string },
  successor: { id: number; path: string },
  at: Date,
): Promise<number> {
  const children = await db.query<{ id: number }>(sql`
    UPDATE agencies SET parent_id = ${successor.id}, version = version + 1, updated_at = ${at}
    WHERE parent_id = ${agency.id} RETURNING id`);
  if (children.length === 0) return 0;
  // Every descendant's path "<body path>.<child>.…" becomes "<successor path>.<child>.…".
  await db.query(sql`
    UPDATE agencies SET path = ${successor.path}::ltree || subpath(path, nlevel(${agency.path}::ltree))
    WHERE path <@ ${agency.path}::ltree AND id <> ${agency.id}`);
  return children.length;
}

/** The successor joins every named group the merged body belonged to. */
export async function inheritGroups(db: Db, agencyId: number, successorId: number): Promise<void> {
  await db.query(sql`
    INSERT INTO agency_group_members (group_id, member_id)
    SELECT group_id, ${successorId} FROM agency_group_members WHERE member_id = ${agencyId}
    ON CONFLICT DO NOTHING`);
}

export async function markMerged(db: Db, agencyId: number, successorId: number, mergedOn: string, at: Date) {
  await db.query(sql`
    UPDATE agencies SET merged_into_id = ${successorId}, merged_on = ${mergedOn}, version = version + 1, updated_at = ${at}
    WHERE id = ${agencyId}`);
}

// ── Name resolution ─────────────────────────────────────────────────────────────────────────

/**
 * For each written name, the best matching body: 1 exact name, 2 exact alias, 3 name or alias in the
 * other tone-mark placement, 4 unaccented, case-insensitive equality (only when it points to a single body). Within
 * a tier a live body wins over a merged one, then the oldest. A merged body resolves to its final
 * successor when `followMerges`.
 * With `withinAgencyId` (the importing office's area) only the aliases that apply there count
 * (`alias_applies`).
 */
export async function resolveNames(
  db: Db,
  names: { written: string; variants: string[] }[],
  followMerges: boolean,
  withinAgencyId: number | null = null,
): Promise<(number | null)[]> {
  if (names.length === 0) return [];
  const written = names.map((n) => n.written);
  const variants = names.map((n) => JSON.stringify(n.variants));
  const rows = await db.query<{ ord: number; id: number | null }>(sql`
    WITH RECURSIVE input AS (
      SELECT i.ord, i.name, ARRAY(SELECT jsonb_array_elements_text(i.variants::jsonb)) AS variants
      FROM unnest(${written}::text[], ${variants}::text[]) WITH ORDINALITY AS i(name, variants, ord)
    ), aliases AS (
      SELECT al.* FROM agency_aliases al WHERE alias_applies(al.agency_id, ${withinAgencyId})
    ), candidates AS (
      SELECT i.ord, a.id, 1 AS tier FROM input i JOIN agencies a ON a.name = i.name
      UNION ALL
      SELECT i.ord, al.agency_id, 2 FROM input i JOIN aliases al ON al.alias = i.name
      UNION ALL
      SELECT i.ord, a.id, 3 FROM input i JOIN agencies a ON a.name = ANY(i.variants)
      UNION ALL
      SELECT i.ord, al.agency_id, 3 FROM input i JOIN aliases al ON al.alias = ANY(i.variants)
      UNION ALL
      SELECT i.ord, a.id, 4 FROM input i JOIN agencies a ON a.name_norm = search_norm(i.name)
      UNION ALL
      SELECT i.ord, al.agency_id, 4 FROM input i JOIN aliases al ON al.alias_norm = search_norm(i.name)
    ), best_tier AS (
      SELECT ord, min(tier) AS tier FROM candidates GROUP BY ord
    ), best AS (
      SELECT c.ord, c.id, c.tier FROM candidates c JOIN best_tier b ON b.ord = c.ord AND b.tier = c.tier
    ), choices AS (
      SELECT ord, count(DISTINCT id) AS n FROM best GROUP BY ord
    ), ranked AS (
      SELECT DISTINCT ON (b.ord) b.ord, b.id, b.tier, ch.n AS choices
      FROM best b JOIN choices ch ON ch.ord = b.ord JOIN agencies a ON a.id = b.id
      ORDER BY b.ord, (a.merged_into_id IS NOT NULL), a.id
    ), chosen AS (
      SELECT ord, CASE WHEN tier = 4 AND choices > 1 THEN NULL ELSE id END AS id FROM ranked
    ), successors AS (
      SELECT c.ord, c.id, 0 AS depth FROM chosen c WHERE c.id IS NOT NULL
      UNION ALL
      SELECT s.ord, a.merged_into_id, s.depth + 1 FROM successors s JOIN agencies a ON a.id = s.id
      WHERE ${followMerges} AND a.merged_into_id IS NOT NULL AND s.depth < 20
    )
    SELECT DISTINCT ON (ord) ord, id FROM successors ORDER BY ord, depth DESC`);
  const byOrd = new Map(rows.map((r) => [r.ord, r.id]));
  return names.map((_, i) => byOrd.get(i + 1) ?? null);
}

// ── Near-duplicates ─────────────────────────────────────────────────────────────────────────

interface DuplicateSide {
  id: number;
  name: string;
  level: AgencyLevel;
  parent_id: number | null;
  parent_name: string | null;
  version: number;
  open_tasks: number;
  active_accounts: number;
  committee: boolean;
}

export interface DuplicatePairRow {
  reason: 'committee' | 'same_name' | 'similar_name';
  similarity: number;
  first: DuplicateSide;
  second: DuplicateSide;
  total: number;
}

/**
 * Pairs of live bodies (groups aside) side by side in the tree — siblings, or a body and its child;
 * identical names under different parents are different bodies ("Xã Tân Phú" of two provinces) —
 * whose names, folded (name_norm) and without a People's Committee's leading words
 * (`committeeWords`, folded the same way), are equal or at least `threshold` similar (pg_trgm).
 * "committee": equal once one of them loses those words. Committee pairs first, then the closest.
 */
export async function listDuplicatePairs(
  db: Db,
  options: { committeeWords: readonly string[]; threshold: number; limit: number; offset: number },
): Promise<DuplicatePairRow[]> {
  const prefix = `^(${options.committeeWords.join('|')}) `;
  return db.query<DuplicatePairRow>(sql`
    WITH b AS MATERIALIZED (
      SELECT a.id, a.parent_id, a.name_norm ~ ${prefix} AS committee,
             regexp_replace(a.name_norm, ${prefix}, '') AS key
      FROM agencies a WHERE a.kind <> 'group' AND a.merged_into_id IS NULL
    ), near AS (
      SELECT x.id AS x_id, y.id AS y_id, x.key = y.key AS same, x.committee <> y.committee AS one_committee,
             similarity(x.key, y.key) AS sim
      FROM b x JOIN b y ON coalesce(x.parent_id, 0) = coalesce(y.parent_id, 0) AND x.id < y.id
      UNION ALL
      SELECT x.id, y.id, x.key = y.key, x.committee <> y.committee, similarity(x.key, y.key)
      FROM b x JOIN b y ON y.parent_id = x.id
    ), pairs AS (
      SELECT least(x_id, y_id) AS x_id, greatest(x_id, y_id) AS y_id,
             CASE WHEN same AND one_committee THEN 'committee' WHEN same THEN 'same_name' ELSE 'similar_name' END AS reason,
             CASE WHEN same THEN 1 ELSE sim END AS similarity
      FROM near WHERE same OR sim >= ${options.threshold}
    ), page AS (
      SELECT p.*, count(*) OVER () AS total FROM pairs p
      ORDER BY (p.reason = 'committee') DESC, p.similarity DESC, p.x_id, p.y_id
      LIMIT ${options.limit} OFFSET ${options.offset}
    ), side AS (
      SELECT a.id, json_build_object(
               'id', a.id, 'name', a.name, 'level', a.level, 'parent_id', a.parent_id, 'parent_name', pa.name,
               'version', a.version, 'committee', b.committee,
               'open_tasks', (SELECT count(DISTINCT ta.task_id) FROM task_assignments ta JOIN tasks t ON t.id = ta.task_id
                              WHERE ta.agency_id = a.id AND t.completed_on IS NULL),
               'active_accounts', (SELECT count(*) FROM users u WHERE u.agency_id = a.id AND u.is_active)) AS body
      FROM agencies a JOIN b ON b.id = a.id LEFT JOIN agencies pa ON pa.id = a.parent_id
      WHERE a.id IN (SELECT x_id FROM page UNION SELECT y_id FROM page)
    )
    SELECT p.reason, p.similarity, x.body AS first, y.body AS second, p.total
    FROM page p JOIN side x ON x.id = p.x_id JOIN side y ON y.id = p.y_id
    ORDER BY (p.reason = 'committee') DESC, p.similarity DESC, p.x_id, p.y_id`);
}

/**
 * Of these bodies, those with no active account able to report on the work given to them
 * (body_can_report()): a task they lead has no one to report on it.
 */
export async function listBodiesWithoutReporter(
  db: Db,
  agencyIds: readonly number[],
): Promise<{ id: number; name: string }[]> {
  if (agencyIds.length === 0) return [];
  return db.query<{ id: number; name: string }>(sql`
    SELECT id, name FROM agencies WHERE id = ANY(${agencyIds}::bigint[]) AND NOT body_can_report(id) ORDER BY id`);
}
