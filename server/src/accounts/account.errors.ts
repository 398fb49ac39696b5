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
  /** An account without a password needs an address to receive its invitation (and a reset one too). */
  usernameInvalid: (username: string) => new AppError('USERNAME_INVALID', { status: 400, params: { username } }),
  emailRequired: () => new AppError('USER_EMAIL_REQUIRED', { status: 400 }),
  emailTaken: (email: string) => new AppError('USER_EMAIL_TAKEN', { status: 409, params: { email } }),
  inactive: (userId: number) => new AppError('USER_INACTIVE', { status: 409, params: { userId } }),
  /** A link to set a password that does not work: never issued (404), or used, expired, its account off (410). */
  linkInvalid: (reason: 'unknown' | 'used' | 'expired' | 'inactive') =>
    new AppError('ACCOUNT_LINK_INVALID', { status: reason === 'unknown' ? 404 : 410, params: { reason } }),
  passwordTooWeak: (problems: readonly string[]) =>
    new AppError('PASSWORD_TOO_WEAK', { status: 400, params: { problems } }),
};
