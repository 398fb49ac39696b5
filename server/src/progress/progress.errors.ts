import { AppError } from '../errors/app-error.ts';

/** Error codes of progress reports, evidence, deadline extensions and obligations. */
export const ProgressErrors = {
  /** The actor's body is neither lead nor coordinating on the task (directly or through a group). */
  notAssigned: (taskId: number) => new AppError('PROGRESS_BODY_NOT_ASSIGNED', { status: 403, params: { taskId } }),
  /** Only a lead body may ask for a deadline extension. */
  notLead: (taskId: number) => new AppError('PROGRESS_BODY_NOT_LEAD', { status: 403, params: { taskId } }),
  /** The report belongs to another body: only its own focal point or head may change it. */
  notReportBody: (reportId: number) => new AppError('REPORT_NOT_OWN_BODY', { status: 403, params: { reportId } }),
  /** Only the office that manages the task's directive (or an administrator) reviews reports. */
  notReviewer: (reportId: number) => new AppError('REPORT_REVIEW_NOT_ALLOWED', { status: 403, params: { reportId } }),
  notDecider: (extensionId: number) =>
    new AppError('EXTENSION_DECISION_NOT_ALLOWED', { status: 403, params: { extensionId } }),
  /** Edits, evidence and submission only while the report is a draft or was returned. */
  reportNotEditable: (reportId: number, state: string) =>
    new AppError('REPORT_NOT_EDITABLE', { status: 409, params: { reportId, state } }),
  reportNotSubmitted: (reportId: number, state: string) =>
    new AppError('REPORT_NOT_SUBMITTED', { status: 409, params: { reportId, state } }),
  reviewCommentRequired: () => new AppError('REPORT_RETURN_COMMENT_REQUIRED', { status: 400 }),
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

  taskHasNoDueDate: (taskId: number) =>
    new AppError('EXTENSION_TASK_HAS_NO_DUE_DATE', { status: 409, params: { taskId } }),
  taskCompleted: (taskId: number, completedOn: string) =>
    new AppError('EXTENSION_TASK_COMPLETED', { status: 409, params: { taskId, completedOn } }),
  requestedDueNotLater: (currentDue: string, requestedDue: string) =>
    new AppError('EXTENSION_DUE_NOT_LATER', { status: 400, params: { currentDue, requestedDue } }),
  extensionPending: (taskId: number, extensionId: number) =>
    new AppError('EXTENSION_ALREADY_PENDING', { status: 409, params: { taskId, extensionId } }),
  extensionDecided: (extensionId: number, state: string) =>
    new AppError('EXTENSION_ALREADY_DECIDED', { status: 409, params: { extensionId, state } }),
  rejectCommentRequired: () => new AppError('EXTENSION_REJECT_COMMENT_REQUIRED', { status: 400 }),
};
