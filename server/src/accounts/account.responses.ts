import { toUserIdentity } from '../auth/auth.responses.ts';
import type { LoginBlockRow } from '../auth/login-limit.queries.ts';
import { EVERY } from '../auth/login-limit.ts';
import type { UserRow } from './account.queries.ts';
import type { LoginBlockResponse, UserResponse } from './account.schemas.ts';

export function toUserResponse(row: UserRow): UserResponse {
  return {
    ...toUserIdentity(row),
    email: row.email,
    isActive: row.is_active,
    invitationPending: !row.password_set,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toLoginBlockResponse(row: LoginBlockRow): LoginBlockResponse {
  return {
    id: row.id,
    account: row.account === EVERY ? null : row.account,
    user: row.user_id !== null ? { id: row.user_id, fullName: row.user_full_name ?? '' } : null,
    ip: row.ip === EVERY ? null : row.ip,
    usualAddress: row.usual_address,
    failures: row.failures,
    lastFailureAt: row.last_failure_at.toISOString(),
    blockedUntil: row.blocked_until.toISOString(),
  };
}
