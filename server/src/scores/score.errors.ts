import { CommonErrors } from '../errors/app-error.ts';

// A body the caller may not see answers like a body that does not exist: 404, no hint.
export const ScoreErrors = {
  agencyNotFound: (id: number) => CommonErrors.notFound('agency', id),
  programmeNotFound: (code: string) => CommonErrors.notFound('programme', code),
};
