import { AppError } from '../errors/app-error.ts';

/** Error codes of deadline extensions. */
export const ExtensionErrors = {
  /** Only a lead body may ask for a deadline extension. */
  notLead: (taskId: number) => new AppError('PROGRESS_BODY_NOT_LEAD', { status: 403, params: { taskId } }),
  notDecider: (extensionId: number) =>
    new AppError('EXTENSION_DECISION_NOT_ALLOWED', { status: 403, params: { extensionId } }),
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
