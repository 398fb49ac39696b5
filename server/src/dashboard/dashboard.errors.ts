import { CommonErrors } from '../errors/app-error.ts';

// A scope the caller may not see answers like a scope that does not exist: 404, no hint.
export const DashboardErrors = {
  agencyNotFound: (id: number) => CommonErrors.notFound('agency', id),
  directiveNotFound: (id: number) => CommonErrors.notFound('directive', id),
  programmeNotFound: (code: string) => CommonErrors.notFound('programme', code),
};
