import { toUserIdentity } from '../auth/auth.responses.ts';
import type { UserRow } from './account.queries.ts';
import type { UserResponse } from './account.schemas.ts';

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
