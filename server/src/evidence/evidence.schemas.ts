// Contracts of the evidence routes. An evidence item's shape (EvidenceResponse) is the reports': a report
// is read, and created, with its evidence.
import { z } from 'zod';
import { FileField } from '../http/upload-form.ts';
import { EvidenceResponse } from '../reports/report.schemas.ts';

export const EvidenceListResponse = z.object({ items: z.array(EvidenceResponse) });

export const MAX_FILES_PER_UPLOAD = 10;

/** The upload form of POST /api/reports/:id/evidence (multipart/form-data; for the OpenAPI document). */
export const EvidenceUploadForm = z.object({
  file: z.array(FileField).min(1).max(MAX_FILES_PER_UPLOAD).describe('One part per file, each named `file`'),
});
