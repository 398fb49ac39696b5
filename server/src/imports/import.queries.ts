import type { BodyRegistry, RegistryBody } from '@giamsat/extraction';
import { loadDefaultRegistry } from '../agencies/agency.seed.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

/**
 * The body registry as the database holds it now (aliases added by administrators included), in the
 * shape the extraction library takes: the extractor and the server know the same bodies. Only the
 * aliases that apply in the importing office's area (`scopeAgencyId`, null: the nation) are given.
 */
export async function loadRegistry(db: Db, scopeAgencyId: number | null): Promise<BodyRegistry> {
  const rows = await db.query<{
    slug: string;
    name: string;
    level: RegistryBody['level'];
    kind: RegistryBody['kind'] | 'group';
    parent_slug: string | null;
    aliases: string[];
    member_slugs: string[];
  }>(sql`
    SELECT a.slug, a.name, a.level, a.kind, p.slug AS parent_slug,
           coalesce((SELECT array_agg(al.alias ORDER BY al.alias) FROM agency_aliases al
                     WHERE al.agency_id = a.id AND alias_applies(a.id, ${scopeAgencyId})), '{}') AS aliases,
           coalesce((SELECT array_agg(m.slug) FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id
                     WHERE gm.group_id = a.id), '{}') AS member_slugs
    FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id
    WHERE a.merged_into_id IS NULL`);
  const registry: BodyRegistry = { bodies: [], groups: [] };
  for (const row of rows) {
    if (row.kind === 'group') {
      registry.groups.push({ id: row.slug, name: row.name, aliases: row.aliases, members: { ids: row.member_slugs } });
    } else {
      registry.bodies.push({
        id: row.slug,
        name: row.name,
        aliases: row.aliases,
        level: row.level,
        kind: row.kind,
        ...(row.parent_slug ? { parent: row.parent_slug } : {}),
      });
    }
  }
  // Department kinds named without their province ("Sở Tư pháp") are not bodies in the database, but
  // the extractor must still recognise them; the import resolves them within the importing province.
  const defaults = loadDefaultRegistry();
  registry.bodies.push(...defaults.bodies.filter((body) => body.generic));
  // Bodies written under a name they no longer carry ("Bộ Kế hoạch và Đầu tư") are recognised and
  // name today's successors, which the import assigns.
  registry.historical = defaults.historical ?? [];
  return registry;
}

/**
 * Names the registry could not place, resolved inside the importing office's province: "Sở Tư pháp"
 * in a province's plan is that province's Sở Tư pháp — the one body under the scope whose name
 * starts with the written name.
 */
export async function resolveWithinScope(db: Db, scopeAgencyId: number, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await db.query<{ name: string; id: number | null }>(sql`
    SELECT n.name, (
      SELECT CASE WHEN count(*) = 1 THEN min(a.id) END
      FROM agencies a, agencies s
      WHERE s.id = ${scopeAgencyId} AND a.path <@ s.path AND a.merged_into_id IS NULL AND a.kind <> 'group'
        AND left(search_norm(a.name), length(search_norm(n.name)) + 1) = search_norm(n.name) || ' ') AS id
    FROM unnest(${names}::text[]) AS n(name)`);
  return new Map(rows.flatMap((r) => (r.id === null ? [] : [[r.name, r.id] as const])));
}

export async function findDirectiveIdsByNumber(db: Db, numbers: string[]): Promise<Map<string, number>> {
  if (numbers.length === 0) return new Map();
  const rows = await db.query<{ id: number; number_norm: string }>(sql`
    SELECT id, number_norm FROM directives
    WHERE number_norm = ANY(SELECT upper(regexp_replace(n, '\s+', '', 'g')) FROM unnest(${numbers}::text[]) AS n)`);
  return new Map(rows.map((r) => [r.number_norm, r.id]));
}

export async function findImportedDirective(db: Db, jobId: number, number: string | null): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(sql`
    SELECT id FROM directives WHERE import_job_id = ${jobId}
      AND number_norm = upper(regexp_replace(coalesce(${number}::text, ''), '\s+', '', 'g'))`);
  return row?.id;
}

/** The level of a directive owned by this scope (a province's office writes provincial ones; none: central). */
export async function findScopeLevel(
  db: Db,
  scopeAgencyId: number | null,
): Promise<'central' | 'province' | 'commune'> {
  if (scopeAgencyId === null) return 'central';
  const [row] = await db.query<{ level: 'central' | 'province' | 'commune' }>(sql`
    SELECT level FROM agencies WHERE id = ${scopeAgencyId}`);
  return row?.level ?? 'central';
}

export interface DraftDirective {
  number: string | null;
  docType: string | null;
  issuedOn: string | null;
  issuerAgencyId: number | null;
  issuerName: string | null;
  level: 'central' | 'province' | 'commune';
  title: string;
  programmeCode: string | null;
  scopeAgencyId: number | null;
  sourceFileId: number;
  sourceText: string;
  createdBy: number | null;
  importJobId: number;
  implements: string[];
  issuerSuccessors: string[];
  confidence: unknown;
}

export async function insertDraftDirective(db: Db, d: DraftDirective): Promise<number> {
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO directives (number, doc_type, issued_on, issuer_agency_id, issuer_name, level, title, programme_code,
                            status, scope_agency_id, source_file_id, source_text, created_by, import_job_id,
                            issuer_successors, extraction_confidence)
    VALUES (${d.number}, ${d.docType}, ${d.issuedOn}, ${d.issuerAgencyId}, ${d.issuerName}, ${d.level}, ${d.title},
            ${d.programmeCode}, 'draft', ${d.scopeAgencyId}, ${d.sourceFileId}, ${d.sourceText}, ${d.createdBy}, ${d.importJobId},
            ${d.issuerSuccessors}::text[], ${JSON.stringify(d.confidence)}::jsonb)
    RETURNING id`);
  const id = row!.id;
  if (d.implements.length) {
    await db.query(sql`INSERT INTO directive_implements (directive_id, implements_number)
      SELECT ${id}, n FROM unnest(${d.implements}::text[]) AS n ON CONFLICT DO NOTHING`);
  }
  return id;
}

export interface DraftTask {
  ref: string;
  sourceLine: number;
  text: string;
  deliverable: string | null;
  deadlineKind: string;
  deadlineRaw: string;
  dueDate: string | null;
  recurrencePeriod: string | null;
  unresolvedBodies: string[];
  lead: number[];
  coordinating: number[];
  /** The extractor's {score, reason} per field. */
  confidence: unknown;
  /** Body names written under a pre-2025 name → today's bodies. */
  successors: Record<string, string[]>;
  /** Progress the task list recorded (0..100): the task starts there, marked as imported. */
  startingProgress: number | null;
}

/** All tasks of one draft in a few set-based statements: a 300-task plan is one round trip each. */
export async function insertDraftTasks(db: Db, directiveId: number, tasks: DraftTask[]): Promise<number[]> {
  if (tasks.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    INSERT INTO tasks (directive_id, ref, source_line, text, deliverable, deadline_kind, deadline_raw, due_date,
                       first_due_date, recurrence_period, unresolved_bodies, extraction_confidence, body_successors,
                       starting_progress, progress_percent)
    SELECT ${directiveId}, t.ref, t.source_line, t.text, t.deliverable, t.deadline_kind, t.deadline_raw, t.due_date,
           t.due_date, t.recurrence_period, ARRAY(SELECT jsonb_array_elements_text(t.unresolved)), t.confidence,
           t.successors, t.starting_progress, coalesce(t.starting_progress, 0)
    FROM jsonb_to_recordset(${JSON.stringify(
      tasks.map((t, ord) => ({
        ord,
        ref: t.ref,
        source_line: t.sourceLine,
        text: t.text,
        deliverable: t.deliverable,
        deadline_kind: t.deadlineKind,
        deadline_raw: t.deadlineRaw,
        due_date: t.dueDate,
        recurrence_period: t.recurrencePeriod,
        unresolved: t.unresolvedBodies,
        confidence: t.confidence,
        successors: t.successors,
        starting_progress: t.startingProgress,
      })),
    )}::jsonb) AS t(ord int, ref text, source_line int, text text, deliverable text, deadline_kind text,
                    deadline_raw text, due_date date, recurrence_period text, unresolved jsonb, confidence jsonb,
                    successors jsonb, starting_progress int)
    ORDER BY t.ord
    RETURNING id`);
  // Identity values are drawn in the order rows are inserted, which follows ORDER BY t.ord.
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  const assignments = tasks.flatMap((t, i) => [
    ...t.lead.map((agencyId, position) => ({ task_id: ids[i], agency_id: agencyId, role: 'lead', position })),
    ...t.coordinating.map((agencyId, position) => ({
      task_id: ids[i],
      agency_id: agencyId,
      role: 'coordinating',
      position: t.lead.length + position,
    })),
  ]);
  if (assignments.length) {
    await db.query(sql`
      INSERT INTO task_assignments (task_id, agency_id, role, position)
      SELECT a.task_id, a.agency_id, a.role, a.position
      FROM jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb) AS a(task_id bigint, agency_id bigint, role text, position int)
      ON CONFLICT DO NOTHING`);
  }
  return ids;
}

export async function insertStoredFile(
  db: Db,
  file: { key: string; filename: string; contentType: string; size: number; sha256: string; uploadedBy: number | null },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO stored_files (storage_key, filename, content_type, size_bytes, sha256, uploaded_by)
    VALUES (${file.key}, ${file.filename}, ${file.contentType}, ${file.size}, ${file.sha256}, ${file.uploadedBy})
    RETURNING id`);
  return row!.id;
}

export async function findStoredFile(db: Db, id: number) {
  const [row] = await db.query<{ storage_key: string; filename: string; content_type: string }>(
    sql`SELECT storage_key, filename, content_type FROM stored_files WHERE id = ${id}`,
  );
  return row;
}

/** A scan's pages (their images already in the file storage); a re-run of the job keeps the first set. */
export async function insertSourcePages(
  db: Db,
  fileId: number,
  pages: { page: number; key: string; size: number; startsAtLine: number }[],
): Promise<void> {
  if (pages.length === 0) return;
  await db.query(sql`
    INSERT INTO source_pages (file_id, page, storage_key, size_bytes, starts_at_line)
    SELECT ${fileId}, p.page, p.key, p.size, p.starts_at_line
    FROM jsonb_to_recordset(${JSON.stringify(pages.map((p) => ({ ...p, starts_at_line: p.startsAtLine })))}::jsonb)
      AS p(page int, key text, size bigint, starts_at_line int)
    ON CONFLICT DO NOTHING`);
}
