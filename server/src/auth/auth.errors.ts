import { AppError } from '../errors/app-error.ts';

export const AuthErrors = {
  invalidCredentials: () => new AppError('INVALID_CREDENTIALS', { status: 401 }),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError('TOO_MANY_LOGIN_ATTEMPTS', { status: 429, params: { retryAfterSeconds } }),
  csrfMismatch: () => new AppError('CSRF_TOKEN_INVALID', { status: 403 }),
};
