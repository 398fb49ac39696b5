import { AppError } from '../errors/app-error.ts';

export const ImportErrors = {
  /** The file could not be read as a directive; `reason` is the extraction library's code. */
  unreadable: (reason: string, detail?: string) =>
    new AppError('IMPORT_UNREADABLE', { status: 422, params: { reason, ...(detail ? { detail } : {}) } }),
  /** Over the upload limit; the limit goes with it, so the message can say it (in MB). */
  fileTooLarge: (maxBytes: number) => new AppError('FILE_TOO_LARGE', { status: 413, params: { maxBytes } }),
  noFile: () => new AppError('IMPORT_NO_FILE', { status: 400 }),
  unsupportedType: (filename: string) => new AppError('IMPORT_UNSUPPORTED_TYPE', { status: 415, params: { filename } }),
};
