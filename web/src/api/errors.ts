import type { TFunction } from 'i18next';
import { ApiError } from './client.ts';

/** The Vietnamese (or English) sentence for an error: `errors.<CODE>` with the error's params. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const params = Object.fromEntries(
      Object.entries(error.params).map(([key, value]) => [key, typeof value === 'object' ? '' : String(value)]),
    );
    return t(`errors.${error.code}`, { ...params, defaultValue: t('errors.UNKNOWN', { code: error.code }) });
  }
  return t('errors.UNKNOWN', { code: error instanceof Error ? error.message : String(error) });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'NOT_FOUND');
}
