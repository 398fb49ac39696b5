import type { MeRow } from './auth.queries.ts';
import type { MeResponse } from './auth.schemas.ts';

/** Who a user is and where they work: what the signed-in user and the account list both show. */
export function toUserIdentity(row: MeRow) {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    agency: { id: row.agency_id, name: row.agency_name, level: row.agency_level },
    scopeAgency: row.scope_agency_id !== null ? { id: row.scope_agency_id, name: row.scope_agency_name ?? '' } : null,
  };
}

/** The signed-in user, with the CSRF token the web app echoes on every change. */
export function toMeResponse(row: MeRow, csrfToken: string, limits: MeResponse['limits']): MeResponse {
  return { user: toUserIdentity(row), csrfToken, limits };
}
