import { AppError } from '../errors/app-error.ts';

/** Error codes of a report's evidence: files and links. */
export const EvidenceErrors = {
  evidenceNotDeletable: (evidenceId: number, state: string) =>
    new AppError('EVIDENCE_NOT_DELETABLE', { status: 409, params: { evidenceId, state } }),
  multipartRequired: () => new AppError('EVIDENCE_MULTIPART_REQUIRED', { status: 415 }),
  noFiles: () => new AppError('EVIDENCE_NO_FILES', { status: 400 }),
  fileTooLarge: (maxBytes: number) => new AppError('EVIDENCE_FILE_TOO_LARGE', { status: 413, params: { maxBytes } }),
  tooManyFiles: (maxFiles: number) => new AppError('EVIDENCE_TOO_MANY_FILES', { status: 413, params: { maxFiles } }),
  /** The file's extension is not on the allowlist (html, svg, js, exe… are never accepted). */
  typeNotAllowed: (filename: string, allowed: readonly string[]) =>
    new AppError('EVIDENCE_TYPE_NOT_ALLOWED', { status: 415, params: { filename, allowed } }),
  /** The bytes are not what the extension claims (an HTML page renamed .pdf). */
  contentMismatch: (filename: string, extension: string) =>
    new AppError('EVIDENCE_CONTENT_MISMATCH', { status: 415, params: { filename, extension } }),
};
