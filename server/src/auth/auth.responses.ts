import { toUserIdentity } from '../accounts/account.responses.ts';
import type { MeRow } from './auth.queries.ts';
import type { MeResponse } from './auth.schemas.ts';

/** The signed-in user, with the CSRF token the web app echoes on every change. */
export function toMeResponse(row: MeRow, csrfToken: string): MeResponse {
  return { user: toUserIdentity(row), csrfToken };
}
