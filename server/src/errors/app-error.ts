/**
 * The one error type services throw. `code` is stable (the web app turns it into Vietnamese text);
 * `params` say what exactly was wrong. Each concept lists its own codes in its *.errors.ts.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Record<string, unknown>;
  /** Facts for the operator, written to the log by the error handler and never sent to the client. */
  readonly logDetail: Record<string, unknown> | undefined;

  constructor(
    code: string,
    options: { status?: number; params?: Record<string, unknown>; logDetail?: Record<string, unknown> } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 400;
    this.params = options.params ?? {};
    this.logDetail = options.logDetail;
  }
}

/** Cross-cutting codes; concept-specific ones live beside the concept. */
export const CommonErrors = {
  notFound: (entity: string, id?: unknown) => new AppError('NOT_FOUND', { status: 404, params: { entity, id } }),
  unauthenticated: () => new AppError('UNAUTHENTICATED', { status: 401 }),
  forbidden: (action: string) => new AppError('FORBIDDEN', { status: 403, params: { action } }),
  /** A NUL character or a lone UTF-16 surrogate in text sent to the API (see http/input-text.ts). */
  invalidText: (context: string, path: string) =>
    new AppError('INVALID_TEXT', { status: 400, params: { context, path } }),
  versionConflict: (entity: string, id: unknown, currentVersion: number) =>
    new AppError('VERSION_CONFLICT', { status: 409, params: { entity, id, currentVersion } }),
};
