import { AppError } from '../errors/app-error.ts';

export const SsoErrors = {
  notConfigured: () => new AppError('SSO_NOT_CONFIGURED', { status: 404 }),
  /** The provider vouched for someone no account here belongs to: no account is made for them. */
  accountUnknown: () => new AppError('SSO_ACCOUNT_UNKNOWN', { status: 403 }),
  /** The answer from the provider could not be trusted or used (state, code, token): sign in again. */
  failed: (logDetail?: Record<string, unknown>) =>
    new AppError('SSO_FAILED', { status: 400, ...(logDetail ? { logDetail } : {}) }),
};
