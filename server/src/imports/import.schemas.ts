import { z } from 'zod';
import { FileField } from '../http/upload-form.ts';

/** Pasted text (the upload form sends a file through multipart instead). */
export const PasteImportBody = z.object({
  text: z.string().min(1).max(5_000_000),
  filename: z.string().max(200).optional(),
  programmeCode: z.string().max(20).optional(),
});

export const ImportAccepted = z.object({
  jobId: z.number(),
  fileId: z.number(),
});

/** The job's result once it succeeded: the drafts made, for review. */
export const ImportResult = z.object({
  directiveIds: z.array(z.number()),
  documents: z.array(
    z.object({
      number: z.string().nullable(),
      type: z.string().nullable(),
      taskCount: z.number(),
      /** Created as a new draft, or skipped (why). */
      outcome: z.enum(['created', 'already_imported', 'no_tasks']),
      directiveId: z.number().nullable(),
    }),
  ),
  unknownBodies: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** The upload form of POST /api/imports (multipart/form-data; for the OpenAPI document). */
export const ImportUploadForm = z.object({
  file: FileField.describe('The directive: .docx, .pdf (text or scanned), .txt or .md'),
  programmeCode: z.string().optional().describe('The programme the directive belongs to, e.g. NQ57'),
});
