import type { Actor } from '../auth/actor.ts';
import { evidenceVisibility, reportVisibility, taskVisibility } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import type { EvidenceRow, ReportState } from '../reports/report.queries.ts';

const selectEvidence = sql`
  SELECT e.id, e.report_id, e.kind, e.url, e.title, e.created_at, e.file_id, f.filename, f.content_type, f.size_bytes, f.sha256,
         e.public
  FROM evidence e LEFT JOIN stored_files f ON f.id = e.file_id`;

/** Evidence of several reports in one query (lists never query per report). */
export async function listEvidence(db: Db, reportIds: readonly number[]): Promise<EvidenceRow[]> {
  if (reportIds.length === 0) return [];
  return db.query<EvidenceRow>(sql`
    ${selectEvidence} WHERE e.report_id = ANY(${reportIds}::bigint[]) ORDER BY e.report_id, e.id`);
}

export async function insertLinks(
  db: Db,
  reportId: number,
  links: readonly { url: string; title: string }[],
): Promise<number[]> {
  if (links.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    INSERT INTO evidence (report_id, kind, url, title)
    SELECT ${reportId}, 'link', link.url, link.title
    FROM unnest(${links.map((l) => l.url)}::text[], ${links.map((l) => l.title)}::text[]) AS link(url, title)
    RETURNING id`);
  return rows.map((r) => r.id);
}

export async function insertFileEvidence(
  db: Db,
  reportId: number,
  file: {
    storageKey: string;
    filename: string;
    contentType: string;
    size: number;
    sha256: string;
    uploadedBy: number | null;
  },
): Promise<{ evidenceId: number; fileId: number }> {
  const [row] = await db.query<{ evidence_id: number; file_id: number }>(sql`
    WITH f AS (
      INSERT INTO stored_files (storage_key, filename, content_type, size_bytes, sha256, uploaded_by)
      VALUES (${file.storageKey}, ${file.filename}, ${file.contentType}, ${file.size}, ${file.sha256}, ${file.uploadedBy})
      RETURNING id)
    INSERT INTO evidence (report_id, kind, file_id, title)
    SELECT ${reportId}, 'file', f.id, ${file.filename} FROM f
    RETURNING id AS evidence_id, file_id`);
  return { evidenceId: row!.evidence_id, fileId: row!.file_id };
}

export interface EvidenceContextRow extends EvidenceRow {
  storage_key: string | null;
  report_agency_id: number;
  report_state: ReportState;
}

/** One evidence item the actor can see (its task and its report visible to them). */
export async function findEvidenceContext(
  db: Db,
  actor: Actor,
  evidenceId: number,
  options: { forUpdate?: boolean } = {},
): Promise<EvidenceContextRow | undefined> {
  const [row] = await db.query<EvidenceContextRow>(sql`
    SELECT e.id, e.report_id, e.kind, e.url, e.title, e.created_at, e.file_id, f.filename, f.content_type, f.size_bytes,
           f.sha256, e.public, f.storage_key, r.agency_id AS report_agency_id, r.state AS report_state
    FROM evidence e
    LEFT JOIN stored_files f ON f.id = e.file_id
    JOIN progress_reports r ON r.id = e.report_id
    JOIN tasks t ON t.id = r.task_id
    JOIN directives d ON d.id = t.directive_id
    WHERE e.id = ${evidenceId} AND ${taskVisibility(actor)} AND ${reportVisibility(actor)} AND ${evidenceVisibility(actor)}
    ${options.forUpdate ? sql`FOR UPDATE OF r` : sql.empty}`);
  return row;
}

/**
 * Removes the evidence row and its file record (a file belongs to one evidence item). Returns the storage
 * key when the file record went too, so the caller deletes the bytes after the transaction commits.
 */
export async function deleteEvidence(db: Db, evidenceId: number, fileId: number | null): Promise<string | null> {
  await db.query(sql`DELETE FROM evidence WHERE id = ${evidenceId}`);
  if (fileId === null) return null;
  const [file] = await db.query<{ storage_key: string }>(sql`
    DELETE FROM stored_files f WHERE f.id = ${fileId}
      AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.file_id = f.id)
      AND NOT EXISTS (SELECT 1 FROM directives d WHERE d.source_file_id = f.id)
    RETURNING f.storage_key`);
  return file?.storage_key ?? null;
}
