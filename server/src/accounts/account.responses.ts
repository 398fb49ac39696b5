import type { UserRow } from './account.queries.ts';
import type { UserResponse } from './account.schemas.ts';

/** The columns that say who a user is and where they work. */
export type UserIdentityRow = Pick<
  UserRow,
  | 'id'
  | 'username'
  | 'full_name'
  | 'role'
  | 'agency_id'
  | 'agency_name'
  | 'agency_level'
  | 'scope_agency_id'
  | 'scope_agency_name'
>;

/** Who a user is and where they work: what the account list and the signed-in user both show. */
export function toUserIdentity(row: UserIdentityRow) {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    agency: { id: row.agency_id, name: row.agency_name, level: row.agency_level },
    scopeAgency: row.scope_agency_id !== null ? { id: row.scope_agency_id, name: row.scope_agency_name ?? '' } : null,
  };
}

export function toUserResponse(row: UserRow): UserResponse {
  return {
    ...toUserIdentity(row),
    email: row.email,
    isActive: row.is_active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
