import type { UserRow } from './account.queries.ts';
import type { UserResponse } from './account.schemas.ts';

export function toUserResponse(row: UserRow): UserResponse {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    email: row.email,
    role: row.role,
    agency: { id: row.agency_id, name: row.agency_name, level: row.agency_level },
    scopeAgency: row.scope_agency_id !== null ? { id: row.scope_agency_id, name: row.scope_agency_name ?? '' } : null,
    isActive: row.is_active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
