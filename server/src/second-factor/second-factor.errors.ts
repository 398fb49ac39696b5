import { AppError } from '../errors/app-error.ts';

export const SecondFactorErrors = {
  /** The code (or recovery code) does not match, or was used already. */
  codeInvalid: () => new AppError('SECOND_FACTOR_CODE_INVALID', { status: 400 }),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError('TOO_MANY_CODE_ATTEMPTS', { status: 429, params: { retryAfterSeconds } }),
  notEnrolled: () => new AppError('SECOND_FACTOR_NOT_ENROLLED', { status: 409 }),
  alreadyEnabled: () => new AppError('SECOND_FACTOR_ALREADY_ENABLED', { status: 409 }),
  /** Administrators and standing offices (SECOND_FACTOR_REQUIRED_ROLES) cannot turn it off. */
  required: () => new AppError('SECOND_FACTOR_REQUIRED', { status: 403 }),
  /** No half-done sign-in behind the cookie (never started, expired, or too many wrong codes): sign in again. */
  signInExpired: () => new AppError('SIGN_IN_STEP_EXPIRED', { status: 401 }),
};
