import { AppError } from '../errors/app-error.ts';

/** The directive concept's error codes (the web app turns each into Vietnamese text). */
export const DirectiveErrors = {
  scopeNotFound: (scopeAgencyId: number) =>
    new AppError('DIRECTIVE_SCOPE_NOT_FOUND', { status: 400, params: { scopeAgencyId } }),
  /** The office may not create or move a directive into a scope outside its own. */
  scopeForbidden: (scopeAgencyId: number | null) =>
    new AppError('DIRECTIVE_SCOPE_FORBIDDEN', { status: 403, params: { scopeAgencyId } }),
  issuerNotFound: (issuerAgencyId: number) =>
    new AppError('DIRECTIVE_ISSUER_NOT_FOUND', { status: 400, params: { issuerAgencyId } }),
  programmeNotFound: (programmeCode: string) =>
    new AppError('PROGRAMME_NOT_FOUND', { status: 400, params: { programmeCode } }),
  notDraft: (id: number) => new AppError('DIRECTIVE_NOT_DRAFT', { status: 409, params: { id } }),
  alreadyPublished: (id: number) => new AppError('DIRECTIVE_ALREADY_PUBLISHED', { status: 409, params: { id } }),
  /** Publishing would put tasks live that nobody owns. */
  tasksWithoutLead: (tasks: { id: number; ref: string }[]) =>
    new AppError('DIRECTIVE_TASKS_WITHOUT_LEAD', { status: 422, params: { tasks } }),
  /** Publishing would put tasks live whose bodies the review has not matched to the registry yet. */
  tasksWithUnresolvedBodies: (tasks: { id: number; ref: string; unresolvedBodies: string[] }[]) =>
    new AppError('DIRECTIVE_TASKS_UNRESOLVED_BODIES', { status: 422, params: { tasks } }),
};
