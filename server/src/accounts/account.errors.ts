import { AppError } from '../errors/app-error.ts';

export const AccountErrors = {
  usernameTaken: (username: string) => new AppError('USERNAME_TAKEN', { status: 409, params: { username } }),
  agencyInvalid: (agencyId: number, reason: 'not_found' | 'group' | 'merged') =>
    new AppError('USER_AGENCY_INVALID', { status: 400, params: { agencyId, reason } }),
  scopeInvalid: (scopeAgencyId: number, reason: 'not_found' | 'group' | 'merged') =>
    new AppError('USER_SCOPE_INVALID', { status: 400, params: { scopeAgencyId, reason } }),
  scopeOnlyForOffice: (role: string) => new AppError('USER_SCOPE_ONLY_FOR_OFFICE', { status: 400, params: { role } }),
  /** An administrator cannot lock themselves out (deactivate or demote their own account). */
  cannotChangeOwnAccess: () => new AppError('USER_CANNOT_CHANGE_OWN_ACCESS', { status: 400 }),
  currentPasswordRequired: () => new AppError('CURRENT_PASSWORD_REQUIRED', { status: 400 }),
  currentPasswordInvalid: () => new AppError('CURRENT_PASSWORD_INVALID', { status: 403 }),
};
