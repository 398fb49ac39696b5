import { checkZipArchive, type ExtractedDocument, extractFromFile, isExtractionInputError } from '@giamsat/extraction';
import { z } from 'zod';
import { resolveAgencyNames } from '../agencies/agency.service.ts';
import { type Actor, actorUserId, requireRole } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { recordEvent, recordEvents } from '../events/events.ts';
import { defineJob, enqueueJob } from '../jobs/job.service.ts';
import type { Storage } from '../storage/storage.ts';
import { ImportErrors } from './import.errors.ts';
import {
  findDirectiveIdsByNumber,
  findImportedDirective,
  findScopeLevel,
  findStoredFile,
  insertDraftDirective,
  insertDraftTasks,
  insertSourcePages,
  insertStoredFile,
  loadRegistry,
  resolveWithinScope,
} from './import.queries.ts';
import type { ImportResult } from './import.schemas.ts';

/**
 * What the extraction library reads: Word (.docx; old .doc, .odt and .rtf through LibreOffice), PDF,
 * plain text and task tables (.xlsx, .csv). The bytes decide in the job (a .png renamed .doc is refused there).
 */
const ACCEPTED_EXTENSIONS = ['docx', 'doc', 'odt', 'rtf', 'pdf', 'txt', 'md', 'xlsx', 'csv'];

/**
 * Starts importing a directive file: stores it, queues the extraction and returns at once. The
 * extraction runs as a background job (any app process), writing its progress to the job row.
 */
export async function startImport(
  db: Db,
  actor: Actor,
  storage: Storage,
  input: { bytes: Uint8Array; filename: string; contentType: string; programmeCode?: string | undefined },
): Promise<{ jobId: number; fileId: number }> {
  const user = requireRole(actor, ['admin', 'office'], 'directive.import');
  const extension = input.filename.toLowerCase().split('.').pop() ?? '';
  if (!ACCEPTED_EXTENSIONS.includes(extension)) throw ImportErrors.unsupportedType(input.filename);
  // A zip bomb is refused here, before it is stored and queued; the job's reader measures it again.
  await checkZipArchive(input.bytes).catch(unreadable);
  const stored = await storage.put(input.bytes, { filename: input.filename });
  return db.transaction(async (tx) => {
    const fileId = await insertStoredFile(tx, {
      ...stored,
      filename: input.filename,
      contentType: input.contentType,
      uploadedBy: actorUserId(actor),
    });
    const job = await enqueueJob(tx, actor, importDirectiveJob, {
      fileId,
      programmeCode: input.programmeCode ?? null,
      scopeAgencyId: user.kind === 'user' ? user.scopeAgencyId : null,
    });
    await recordEvent(tx, actor, {
      entityType: 'stored_file',
      entityId: fileId,
      action: 'directive.import.started',
      after: { jobId: job.id, filename: input.filename },
    });
    return { jobId: job.id, fileId };
  });
}

/** The extraction library's refusal of a file, as the import's own error. */
function unreadable(error: unknown): never {
  if (isExtractionInputError(error)) throw ImportErrors.unreadable(error.code, error.detail);
  throw error;
}

export const importDirectiveJob = defineJob({
  kind: 'directive.import',
  payload: z.object({ fileId: z.number(), programmeCode: z.string().nullable(), scopeAgencyId: z.number().nullable() }),
  maxAttempts: 3,
  async run(ctx, payload): Promise<ImportResult> {
    const file = await findStoredFile(ctx.db, payload.fileId);
    if (!file) throw ImportErrors.noFile();
    await ctx.progress(5, 'reading');
    const bytes = await ctx.storage.get(file.storage_key);
    const registry = await loadRegistry(ctx.db, payload.scopeAgencyId);
    await ctx.progress(15, 'extracting');
    let extraction: Awaited<ReturnType<typeof extractFromFile>>;
    try {
      // A scan (a PDF without text) is read by OCR page by page, seconds a page: each page read is
      // written to the job row, so the import page shows "page 3 of 7" from any process, after a reload.
      extraction = await extractFromFile(bytes, file.filename, {
        registry,
        ocr: {
          onProgress: (page, pages) =>
            ctx.progress(15 + Math.round((50 * page) / pages), 'ocr', { done: page, total: pages }),
        },
      });
    } catch (error) {
      unreadable(error);
    }
    await ctx.progress(70, 'saving');
    // The scan's page images go to the file storage (the review shows each beside its recognised text).
    const pages: Parameters<typeof insertSourcePages>[2] = [];
    for (const page of extraction.ocr?.pages ?? []) {
      const stored = await ctx.storage.put(page.image, { filename: `page-${page.page}.png` });
      pages.push({ page: page.page, key: stored.key, size: stored.size, startsAtLine: page.startsAtLine });
    }
    // Names as the extractor wrote them → bodies, the way the agencies concept resolves them (aliases,
    // both tone-mark placements, a merged body's successor). A name the registry knows as ended in the
    // 2025 reorganisation ("Bộ Kế hoạch và Đầu tư") goes to the one body that carries its work today;
    // one split between several stays unresolved, for review to choose.
    const documents = extraction.result.documents;
    const successorsOf = new Map<string, string[]>();
    for (const d of documents) {
      if (d.issuer && d.issuerSuccessors.length) successorsOf.set(d.issuer, d.issuerSuccessors);
      for (const task of d.tasks)
        for (const [name, today] of Object.entries(task.successors)) successorsOf.set(name, today);
    }
    const names = [
      ...new Set(
        documents.flatMap((d) => [
          ...(d.issuer ? [d.issuer] : []),
          ...d.tasks.flatMap((task) => [...task.lead, ...task.coordinating]),
        ]),
      ),
    ];
    const idByName = await placeNames(ctx.db, payload.scopeAgencyId, names);
    const renamed = names.flatMap((name) => {
      const today = successorsOf.get(name);
      return !idByName.has(name) && today?.length === 1 && today[0] ? [[name, today[0]] as const] : [];
    });
    const todayIds = await placeNames(
      ctx.db,
      payload.scopeAgencyId,
      renamed.map(([, today]) => today),
    );
    for (const [name, today] of renamed) {
      const id = todayIds.get(today);
      if (id !== undefined) idByName.set(name, id);
    }
    const actor: Actor = { kind: 'system' };
    const createdBy = ctx.job.created_by;
    const existing = await findDirectiveIdsByNumber(
      ctx.db,
      documents.flatMap((d) => (d.number ? [d.number] : [])),
    );
    const unknown = new Set<string>();
    const result: ImportResult = {
      directiveIds: [],
      documents: [],
      unknownBodies: [],
      warnings: extraction.result.warnings,
    };
    // Nothing recognised is still something to fix: such a file becomes one draft with its source text
    // (with the first document's header, if one was found), and the office adds the tasks by hand beside it.
    const recognised = documents.some((d) => d.tasks.length > 0);
    const toCreate: (ExtractedDocument | null)[] = documents.length > 0 ? documents : [null];
    await ctx.db.transaction(async (tx) => {
      await insertSourcePages(tx, payload.fileId, pages);
      for (const [index, document] of toCreate.entries()) {
        const number = document?.number ?? null;
        const taskCount = document?.tasks.length ?? 0;
        const summary = { number, type: document?.type ?? null, taskCount };
        const normalised = number?.replace(/\s+/g, '').toUpperCase();
        // A re-run of this job (after a crash) finds what it already made.
        const again = await findImportedDirective(tx, ctx.job.id, number);
        if (again) {
          result.directiveIds.push(again);
          result.documents.push({ ...summary, outcome: 'created', directiveId: again });
          continue;
        }
        if (normalised && existing.has(normalised)) {
          result.documents.push({
            ...summary,
            outcome: 'already_imported',
            directiveId: existing.get(normalised) ?? null,
          });
          continue;
        }
        if (taskCount === 0 && (recognised || index > 0)) {
          result.documents.push({ ...summary, outcome: 'no_tasks', directiveId: null });
          continue;
        }
        const directiveId = await insertDraftDirective(tx, {
          number,
          docType: summary.type,
          issuedOn: document?.date ?? null,
          issuerAgencyId: document?.issuer ? (idByName.get(document.issuer) ?? null) : null,
          issuerName: document?.issuer ?? null,
          level: document?.level ?? (await findScopeLevel(tx, payload.scopeAgencyId)),
          title: document?.title ?? document?.type ?? '',
          programmeCode: payload.programmeCode,
          scopeAgencyId: payload.scopeAgencyId,
          sourceFileId: payload.fileId,
          sourceText: extraction.text,
          createdBy,
          importJobId: ctx.job.id,
          implements: document?.implements ?? [],
          issuerSuccessors: document?.issuerSuccessors ?? [],
          confidence: document?.confidence ?? null,
        });
        const drafts = document ? toDraftTasks(document, idByName, unknown) : [];
        const taskIds = drafts.length ? await insertDraftTasks(tx, directiveId, drafts) : [];
        // A task list's progress figures: each task's history says where it started and from which file.
        await recordEvents(
          tx,
          actor,
          drafts.flatMap((task, i) =>
            task.startingProgress === null
              ? []
              : [
                  {
                    entityType: 'task' as const,
                    entityId: taskIds[i]!,
                    action: 'progress_imported' as const,
                    after: { percent: task.startingProgress, fileId: payload.fileId, filename: file.filename },
                  },
                ],
          ),
        );
        await recordEvent(tx, actor, {
          entityType: 'directive',
          entityId: directiveId,
          action: 'directive.imported',
          after: { number, tasks: taskCount, fileId: payload.fileId, documentIndex: index },
        });
        result.directiveIds.push(directiveId);
        result.documents.push({ ...summary, outcome: 'created', directiveId });
      }
    });
    result.unknownBodies = [...unknown].sort();
    return result;
  },
});

/** Names → bodies: the registry's way first, then (for a province's office) its own departments. */
async function placeNames(db: Db, scopeAgencyId: number | null, names: string[]): Promise<Map<string, number>> {
  const resolved = await resolveAgencyNames(db, names, { withinAgencyId: scopeAgencyId });
  const idByName = new Map<string, number>();
  names.forEach((name, i) => {
    const id = resolved[i];
    if (id !== null && id !== undefined) idByName.set(name, id);
  });
  if (scopeAgencyId !== null) {
    const unplaced = names.filter((name) => !idByName.has(name));
    for (const [name, id] of await resolveWithinScope(db, scopeAgencyId, unplaced)) idByName.set(name, id);
  }
  return idByName;
}

function toDraftTasks(document: ExtractedDocument, idByName: Map<string, number>, unknown: Set<string>) {
  return document.tasks.map((task) => {
    const resolve = (names: string[]) => {
      const ids: number[] = [];
      const unresolved: string[] = [];
      for (const name of names) {
        const id = idByName.get(name);
        if (id === undefined) unresolved.push(name);
        else if (!ids.includes(id)) ids.push(id);
      }
      return { ids, unresolved };
    };
    const lead = resolve(task.lead);
    const coordinating = resolve(task.coordinating);
    const unresolvedBodies = [...lead.unresolved, ...coordinating.unresolved];
    for (const name of unresolvedBodies) unknown.add(name);
    return {
      ref: task.ref,
      sourceLine: task.line,
      text: task.text,
      deliverable: task.deliverable,
      deadlineKind: task.deadline.kind,
      deadlineRaw: task.deadline.raw,
      dueDate: task.deadline.due,
      recurrencePeriod: task.deadline.period,
      unresolvedBodies,
      lead: lead.ids,
      coordinating: coordinating.ids.filter((id) => !lead.ids.includes(id)),
      confidence: task.confidence,
      successors: task.successors,
      startingProgress: task.startingProgress,
    };
  });
}
