import type { Role } from '@giamsat/shared';
import { type Actor, requireRole, requireUser } from '../auth/actor.ts';
import { deleteSessions } from '../auth/auth.queries.ts';
import { hashToken } from '../auth/auth.service.ts';
import { deleteThrottleById, listLoginBlocks as listLoginBlockRows } from '../auth/login-limit.queries.ts';
import { EVERY, LOGIN_LIMITS, loginCountersSince } from '../auth/login-limit.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { AccountErrors } from './account.errors.ts';
import {
  emailTaken,
  findAgencyForAccount,
  findPasswordHash,
  findUser,
  insertUser,
  listUsers as listUserRows,
  setPasswordHash,
  type UserRow,
  updateUser as updateUserRow,
  usernameTaken,
} from './account.queries.ts';
import {
  type ChangePasswordBody,
  type CreateUserBody,
  type UpdateUserBody,
  type UserListQuery,
  Username,
} from './account.schemas.ts';
import { issueAccountLink } from './invitation.service.ts';

// Accounts: administrators create and change them; inspectors may read them. The password hash never
// leaves this module: rows carry no hash, responses are built field by field (account.responses.ts),
// and events carry no hash.

const READERS = ['admin', 'inspector'] as const;

/** What the audit trail keeps of an account (never the hash). */
const auditView = (row: UserRow) => ({
  username: row.username,
  fullName: row.full_name,
  email: row.email,
  role: row.role,
  agencyId: row.agency_id,
  scopeAgencyId: row.scope_agency_id,
  isActive: row.is_active,
});

/** Users belong to a live body: not a named group, not a body merged away. */
async function checkAgency(db: Db, agencyId: number, kind: 'agency' | 'scope') {
  const agency = await findAgencyForAccount(db, agencyId);
  const reason = !agency ? 'not_found' : agency.kind === 'group' ? 'group' : agency.merged_into_id ? 'merged' : null;
  if (reason)
    throw kind === 'agency'
      ? AccountErrors.agencyInvalid(agencyId, reason)
      : AccountErrors.scopeInvalid(agencyId, reason);
}

async function userOrThrow(db: Db, id: number): Promise<UserRow> {
  const row = await findUser(db, id);
  if (!row) throw CommonErrors.notFound('user', id);
  return row;
}

export async function listUsers(db: Db, actor: Actor, query: UserListQuery) {
  requireRole(actor, READERS, 'users.read');
  const rows = await listUserRows(db, query);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.offset > 0)
    total = (await listUserRows(db, { ...query, limit: 1, offset: 0 }))[0]?.total ?? 0;
  return { rows, total, limit: query.limit, offset: query.offset };
}

/** One account: administrators and inspectors see any; a user sees their own; others get 404. */
export async function getUser(db: Db, actor: Actor, id: number): Promise<UserRow> {
  const user = requireUser(actor);
  if (!READERS.includes(user.role as (typeof READERS)[number]) && user.userId !== id) {
    throw CommonErrors.notFound('user', id);
  }
  return userOrThrow(db, id);
}

/**
 * Creates an account. Without a password (the browser's way) the account gets none and its owner an
 * e-mailed invitation to set one, queued in the same transaction. The username defaults to the e-mail.
 */
export async function createUser(db: Db, actor: Actor, input: CreateUserBody): Promise<UserRow> {
  requireRole(actor, ['admin'], 'users.create');
  if (input.role !== 'office' && input.scopeAgencyId != null) throw AccountErrors.scopeOnlyForOffice(input.role);
  const email = input.email?.trim().toLowerCase() || null;
  if (!input.password && !email) throw AccountErrors.emailRequired();
  const username = input.username ?? email;
  if (!username) throw AccountErrors.emailRequired();
  if (!Username.safeParse(username).success) throw AccountErrors.usernameInvalid(username);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const row = await insertAccount(tx, actor, {
      username,
      fullName: input.fullName,
      email,
      agencyId: input.agencyId,
      role: input.role,
      scopeAgencyId: input.scopeAgencyId ?? null,
      passwordHash,
    });
    if (!passwordHash && email) {
      await issueAccountLink(
        tx,
        actor,
        { id: row.id, email, username: row.username, fullName: row.full_name },
        'invitation',
      );
    }
    return row;
  });
}

/**
 * One account written with its history row, in the caller's transaction: the checks every creation makes
 * (a live body, a free username and e-mail), whether one account is created or a spreadsheet's.
 */
export async function insertAccount(
  tx: Db,
  actor: Actor,
  account: {
    username: string;
    fullName: string;
    email: string | null;
    agencyId: number;
    role: Role;
    scopeAgencyId: number | null;
    passwordHash: string | null;
  },
): Promise<UserRow> {
  await checkAgency(tx, account.agencyId, 'agency');
  if (account.scopeAgencyId !== null) await checkAgency(tx, account.scopeAgencyId, 'scope');
  if (await usernameTaken(tx, account.username)) throw AccountErrors.usernameTaken(account.username);
  if (account.email && (await emailTaken(tx, account.email))) throw AccountErrors.emailTaken(account.email);
  const id = await insertUser(tx, account);
  const row = await userOrThrow(tx, id);
  await recordEvent(tx, actor, { entityType: 'user', entityId: id, action: 'created', after: auditView(row) });
  return row;
}

export async function updateUser(db: Db, actor: Actor, id: number, input: UpdateUserBody): Promise<UserRow> {
  const admin = requireRole(actor, ['admin'], 'users.update');
  return db.transaction(async (tx) => {
    const current = await findUser(tx, id, { forUpdate: true });
    if (!current) throw CommonErrors.notFound('user', id);
    if (current.version !== input.version) throw CommonErrors.versionConflict('user', id, current.version);
    const role = input.role ?? current.role;
    if (role !== 'office' && input.scopeAgencyId != null) throw AccountErrors.scopeOnlyForOffice(role);
    const next = {
      fullName: input.fullName ?? current.full_name,
      email: input.email !== undefined ? input.email : current.email,
      role,
      agencyId: input.agencyId ?? current.agency_id,
      // Only a standing office has a scope; changing to another role clears it.
      scopeAgencyId:
        role !== 'office' ? null : input.scopeAgencyId !== undefined ? input.scopeAgencyId : current.scope_agency_id,
      isActive: input.isActive ?? current.is_active,
    };
    const isSelf = admin.kind === 'user' && admin.userId === id;
    if (isSelf && (next.role !== current.role || !next.isActive)) throw AccountErrors.cannotChangeOwnAccess();
    if (next.agencyId !== current.agency_id) await checkAgency(tx, next.agencyId, 'agency');
    if (next.scopeAgencyId !== null && next.scopeAgencyId !== current.scope_agency_id) {
      await checkAgency(tx, next.scopeAgencyId, 'scope');
    }
    await updateUserRow(tx, id, next, new Date());
    // A deactivated account is signed out everywhere at once: its sessions are deleted.
    if (current.is_active && !next.isActive) await deleteSessions(tx, id);
    const updated = await userOrThrow(tx, id);
    const action =
      current.is_active && !next.isActive
        ? 'deactivated'
        : !current.is_active && next.isActive
          ? 'reactivated'
          : 'updated';
    await recordEvent(tx, actor, {
      entityType: 'user',
      entityId: id,
      action,
      before: auditView(current),
      after: auditView(updated),
    });
    return updated;
  });
}

/**
 * Sets a new password: users change their own with their current password; an administrator resets
 * anyone else's. Other sessions of the account end (the user's current one survives a self-change).
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  id: number,
  input: ChangePasswordBody,
  currentSessionToken: string | null = null,
): Promise<void> {
  const user = requireUser(actor);
  const isSelf = user.userId === id;
  if (!isSelf && user.role !== 'admin') throw CommonErrors.forbidden('users.password');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const target = await findUser(tx, id, { forUpdate: true });
    if (!target) throw CommonErrors.notFound('user', id);
    if (isSelf) {
      if (!input.currentPassword) throw AccountErrors.currentPasswordRequired();
      const stored = await findPasswordHash(tx, id);
      if (!stored || !(await verifyPassword(stored, input.currentPassword)))
        throw AccountErrors.currentPasswordInvalid();
    }
    await setPasswordHash(tx, id, passwordHash, new Date());
    await deleteSessions(tx, id, isSelf && currentSessionToken ? hashToken(currentSessionToken) : null);
    await recordEvent(tx, actor, {
      entityType: 'user',
      entityId: id,
      action: isSelf ? 'password_changed' : 'password_reset',
    });
  });
}

/**
 * The sign-in blocks (auth/login-limit.ts) for administrators: the counters slowing sign-in down, whether
 * their delay is running now or would come again at the next failure.
 */
export async function listLoginBlocks(db: Db, actor: Actor) {
  requireRole(actor, ['admin'], 'login_blocks.read');
  const now = new Date();
  return listLoginBlockRows(db, loginCountersSince(now), new Date(now.getTime() - LOGIN_LIMITS.usualForMs));
}

/** Lifts one sign-in block: its counter starts again from nothing. The account's history says who lifted it. */
export async function liftLoginBlock(db: Db, actor: Actor, id: number): Promise<void> {
  requireRole(actor, ['admin'], 'login_blocks.lift');
  await db.transaction(async (tx) => {
    const lifted = await deleteThrottleById(tx, id);
    if (!lifted) throw CommonErrors.notFound('login_block', id);
    if (lifted.user_id !== null) {
      await recordEvent(tx, actor, {
        entityType: 'user',
        entityId: lifted.user_id,
        action: 'login_block_lifted',
        before: {
          ip: lifted.ip === EVERY ? null : lifted.ip,
          failures: lifted.failures,
          blockedUntil: lifted.blocked_until,
        },
      });
    }
  });
}
