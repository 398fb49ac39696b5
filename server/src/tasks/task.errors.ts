import { AppError } from '../errors/app-error.ts';

/** The task concept's error codes (the web app turns each into Vietnamese text). */
export const TaskErrors = {
  agencyNotFound: (agencyIds: number[]) =>
    new AppError('TASK_AGENCY_NOT_FOUND', { status: 400, params: { agencyIds } }),
  /** A merged body no longer takes work: assign its successor. */
  agencyMerged: (agencyId: number, successorId: number) =>
    new AppError('TASK_AGENCY_MERGED', { status: 400, params: { agencyId, successorId } }),
  agencyBothRoles: (agencyIds: number[]) =>
    new AppError('TASK_AGENCY_BOTH_ROLES', { status: 400, params: { agencyIds } }),
  parentNotFound: (parentTaskId: number) =>
    new AppError('TASK_PARENT_NOT_FOUND', { status: 400, params: { parentTaskId } }),
  parentCycle: (parentTaskId: number) => new AppError('TASK_PARENT_CYCLE', { status: 400, params: { parentTaskId } }),
  /** Split, merge and delete are for reviewing a draft; published tasks carry reports and history. */
  directiveNotDraft: (directiveId: number) =>
    new AppError('TASK_DIRECTIVE_NOT_DRAFT', { status: 409, params: { directiveId } }),
  /** A published task's deadline moves only through an accepted deadline extension. */
  dueChangeNeedsExtension: (taskId: number, dueDate: string | null) =>
    new AppError('TASK_DUE_CHANGE_NEEDS_EXTENSION', { status: 409, params: { taskId, dueDate } }),
  /** A published task must keep a lead body. */
  leadRequired: (taskId: number) => new AppError('TASK_LEAD_REQUIRED', { status: 422, params: { taskId } }),
  mergeAcrossDirectives: (directiveIds: number[]) =>
    new AppError('TASK_MERGE_ACROSS_DIRECTIVES', { status: 400, params: { directiveIds } }),
  mergeDuplicateIds: () => new AppError('TASK_MERGE_DUPLICATE_IDS', { status: 400 }),
  twinSelf: (taskId: number) => new AppError('TASK_TWIN_SELF', { status: 400, params: { taskId } }),
  /** Twins link the same work tracked in two programmes; within one programme it is a duplicate. */
  twinSameProgramme: (programmeCode: string | null) =>
    new AppError('TASK_TWIN_SAME_PROGRAMME', { status: 422, params: { programmeCode } }),
  twinNotLinked: (taskId: number, twinId: number) =>
    new AppError('TASK_TWIN_NOT_LINKED', { status: 404, params: { taskId, twinId } }),
  mineNeedsSignIn: () => new AppError('UNAUTHENTICATED', { status: 401, params: { filter: 'mine' } }),
};
