import { type Actor, actorUserId, requireUser } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { ReportErrors } from '../reports/report.errors.ts';
import { type EvidenceRow, findReportContext } from '../reports/report.queries.ts';
import type { EvidenceLinkBody } from '../reports/report.schemas.ts';
import { assertOwnReport, isEditable } from '../reports/report.service.ts';
import type { Storage } from '../storage/storage.ts';
import { EvidenceErrors } from './evidence.errors.ts';
import {
  deleteEvidence,
  findEvidenceContext,
  insertFileEvidence,
  insertLinks,
  listEvidence,
} from './evidence.queries.ts';
import { ALLOWED_EXTENSIONS, cleanFilename, evidenceTypeFor, extensionOf, safeContentType } from './evidence-types.ts';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

/** The report must be the actor's body's and still open for changes (draft or returned). */
async function editableReport(db: Db, actor: Actor, reportId: number, action: string, forUpdate = true) {
  const report = await findReportContext(db, actor, reportId, { forUpdate });
  if (!report) throw CommonErrors.notFound('progress_report', reportId);
  assertOwnReport(actor, report, action);
  if (!isEditable(report.state)) throw ReportErrors.reportNotEditable(reportId, report.state);
  return report;
}

/**
 * Attach files to a report. Every file is checked (extension on the allowlist, bytes matching it)
 * before any is stored, so one bad file refuses the whole upload; the bytes go to storage first and
 * the rows follow in one transaction; if that fails, the stored bytes are removed again.
 */
export async function addEvidenceFiles(
  db: Db,
  storage: Storage,
  actor: Actor,
  reportId: number,
  files: readonly UploadedFile[],
): Promise<EvidenceRow[]> {
  requireUser(actor);
  // Refuse early (before storing anything); checked again under lock when the rows are written.
  await editableReport(db, actor, reportId, 'add_evidence', false);
  if (files.length === 0) throw EvidenceErrors.noFiles();
  const checked = files.map((file) => {
    const filename = cleanFilename(file.filename);
    const type = evidenceTypeFor(filename);
    if (!type) throw EvidenceErrors.typeNotAllowed(filename, ALLOWED_EXTENSIONS);
    if (!type.matches(file.bytes)) throw EvidenceErrors.contentMismatch(filename, extensionOf(filename));
    return { filename, contentType: type.contentType, bytes: file.bytes };
  });

  const stored: { key: string; sha256: string; size: number }[] = [];
  try {
    for (const file of checked) stored.push(await storage.put(file.bytes, { filename: file.filename }));
    return await db.transaction(async (tx) => {
      await editableReport(tx, actor, reportId, 'add_evidence');
      const added: { evidenceId: number; filename: string; sha256: string; size: number }[] = [];
      for (const [i, file] of checked.entries()) {
        const blob = stored[i]!;
        const { evidenceId } = await insertFileEvidence(tx, reportId, {
          storageKey: blob.key,
          filename: file.filename,
          contentType: file.contentType,
          size: blob.size,
          sha256: blob.sha256,
          uploadedBy: actorUserId(actor),
        });
        added.push({ evidenceId, filename: file.filename, sha256: blob.sha256, size: blob.size });
      }
      await recordEvent(tx, actor, {
        entityType: 'progress_report',
        entityId: reportId,
        action: 'add_evidence',
        after: { files: added },
      });
      const ids = new Set(added.map((a) => a.evidenceId));
      return (await listEvidence(tx, [reportId])).filter((e) => ids.has(e.id));
    });
  } catch (error) {
    await Promise.allSettled(stored.map((blob) => storage.delete(blob.key)));
    throw error;
  }
}

/** URL evidence (a published page, a shared folder): http and https only, checked by the schema. */
export async function addEvidenceLink(
  db: Db,
  actor: Actor,
  reportId: number,
  link: EvidenceLinkBody,
): Promise<EvidenceRow> {
  requireUser(actor);
  return db.transaction(async (tx) => {
    await editableReport(tx, actor, reportId, 'add_evidence');
    const [id] = await insertLinks(tx, reportId, [link]);
    await recordEvent(tx, actor, {
      entityType: 'progress_report',
      entityId: reportId,
      action: 'add_evidence',
      after: { links: [{ evidenceId: id, url: link.url, title: link.title }] },
    });
    const [row] = (await listEvidence(tx, [reportId])).filter((e) => e.id === id);
    return row!;
  });
}

/** The bytes of an evidence file, for an actor who can see its task and its report. */
export async function downloadEvidence(
  db: Db,
  storage: Storage,
  actor: Actor,
  evidenceId: number,
): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
  const evidence = await findEvidenceContext(db, actor, evidenceId);
  if (evidence?.kind !== 'file' || !evidence.storage_key) throw CommonErrors.notFound('evidence', evidenceId);
  const bytes = await storage.get(evidence.storage_key);
  return {
    filename: evidence.filename ?? `minh-chung-${evidenceId}`,
    contentType: safeContentType(evidence.content_type ?? 'application/octet-stream'),
    bytes,
  };
}

/** Remove an item from a report that is still a draft (or was returned for fixing). */
export async function removeEvidence(db: Db, storage: Storage, actor: Actor, evidenceId: number): Promise<void> {
  requireUser(actor);
  const storageKey = await db.transaction(async (tx) => {
    const evidence = await findEvidenceContext(tx, actor, evidenceId, { forUpdate: true });
    if (!evidence) throw CommonErrors.notFound('evidence', evidenceId);
    assertOwnReport(actor, { id: evidence.report_id, agency_id: evidence.report_agency_id }, 'remove_evidence');
    if (!isEditable(evidence.report_state))
      throw EvidenceErrors.evidenceNotDeletable(evidenceId, evidence.report_state);
    const key = await deleteEvidence(tx, evidenceId, evidence.file_id);
    await recordEvent(tx, actor, {
      entityType: 'progress_report',
      entityId: evidence.report_id,
      action: 'remove_evidence',
      before: {
        evidenceId,
        kind: evidence.kind,
        url: evidence.url,
        filename: evidence.filename,
        sha256: evidence.sha256,
      },
    });
    return key;
  });
  // After the commit: a failed delete leaves an orphan file, never a row pointing at missing bytes.
  if (storageKey) await storage.delete(storageKey).catch(() => {});
}
