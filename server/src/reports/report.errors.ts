import { AppError } from '../errors/app-error.ts';

/** Error codes of progress reports and their review. */
export const ReportErrors = {
  /** The actor's body is neither lead nor coordinating on the task (directly or through a group). */
  notAssigned: (taskId: number) => new AppError('PROGRESS_BODY_NOT_ASSIGNED', { status: 403, params: { taskId } }),
  /** The report belongs to another body: only its own focal point or head may change it. */
  notReportBody: (reportId: number) => new AppError('REPORT_NOT_OWN_BODY', { status: 403, params: { reportId } }),
  /** Only the office that manages the task's directive (or an administrator) reviews reports. */
  notReviewer: (reportId: number) => new AppError('REPORT_REVIEW_NOT_ALLOWED', { status: 403, params: { reportId } }),
  /** Nobody accepts or returns a report of their own body: an office above it or an administrator does. */
  ownBodyReport: (reportId: number) => new AppError('REPORT_REVIEW_OWN_BODY', { status: 403, params: { reportId } }),
  /** Edits, evidence and submission only while the report is a draft or was returned. */
  reportNotEditable: (reportId: number, state: string) =>
    new AppError('REPORT_NOT_EDITABLE', { status: 409, params: { reportId, state } }),
  reportNotSubmitted: (reportId: number, state: string) =>
    new AppError('REPORT_NOT_SUBMITTED', { status: 409, params: { reportId, state } }),
  reviewCommentRequired: () => new AppError('REPORT_RETURN_COMMENT_REQUIRED', { status: 400 }),
  /** Evidence is made public when its report is accepted, never on a return. */
  publicEvidenceOnReturn: () => new AppError('REPORT_PUBLIC_EVIDENCE_ON_RETURN', { status: 400 }),
  /** The ids marked public must be the reviewed report's own evidence. */
  publicEvidenceUnknown: (reportId: number, evidenceIds: number[]) =>
    new AppError('REPORT_PUBLIC_EVIDENCE_UNKNOWN', { status: 400, params: { reportId, evidenceIds } }),
  /** A report sent for review says what was done: a narrative or evidence (report.rules.ts). */
  contentRequired: () => new AppError('REPORT_CONTENT_REQUIRED', { status: 422 }),
  /** Going below the progress last accepted (`from`) needs a reason the reviewer reads. */
  loweredReasonRequired: (from: number, to: number) =>
    new AppError('REPORT_LOWERED_REASON_REQUIRED', { status: 422, params: { from, to } }),
};
