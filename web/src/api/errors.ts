import type { TFunction } from 'i18next';
import { ApiError } from './client.ts';

/** The Vietnamese (or English) sentence for an error: `errors.<CODE>` with the error's params. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const params = Object.fromEntries(
      Object.entries(error.params).map(([key, value]) => [key, typeof value === 'object' ? '' : String(value)]),
    );
    if (error.code === 'VALIDATION_FAILED') {
      const fields = invalidFields(t, error);
      if (fields) return fields;
    }
    return t(`errors.${error.code}`, { ...params, defaultValue: t('errors.UNKNOWN', { code: error.code }) });
  }
  return t('errors.UNKNOWN', { code: error instanceof Error ? error.message : String(error) });
}

/**
 * What is wrong with a refused form, when a field of it has its own sentence (`errors.invalidField.<field>`,
 * the last named part of the issue's path: `/links/0/url` → url): "a link must start with https://"
 * says more than "some data is not valid".
 */
function invalidFields(t: TFunction, error: ApiError): string | null {
  const sentences = new Set<string>();
  for (const issue of error.issues) {
    const field = issue.path
      .split('/')
      .filter((part) => part && !/^\d+$/.test(part))
      .pop();
    const sentence = field ? t(`errors.invalidField.${field}`, { defaultValue: '' }) : '';
    if (sentence) sentences.add(sentence);
  }
  return sentences.size ? [...sentences].join(' ') : null;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'NOT_FOUND');
}
