import { randomBytes } from 'node:crypto';
import { type Actor, actorUserId, requireRole } from '../auth/actor.ts';
import { deleteSessions } from '../auth/auth.queries.ts';
import { hashToken } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { findMailPreferences } from '../mail/mail.queries.ts';
import { queueMail } from '../mail/mail.service.ts';
import { AccountErrors } from './account.errors.ts';
import { findUser, setPasswordHash } from './account.queries.ts';
import { type AccountTokenPurpose, passwordProblems, type SetPasswordBody } from './account.schemas.ts';
import {
  type AccountTokenRow,
  findAccountToken,
  markAccountTokenUsed,
  replaceAccountToken,
} from './invitation.queries.ts';

// The single-use links that let a person set their own password: a new account's invitation and an
// administrator's reset. The app never chooses, shows or mails a password. The token exists in clear only
// in the mail (its outbox row forgets it once sent, MAIL_SECRETS); the database keeps its sha256.

/** How long a link works: a week to accept an invitation, a day for a reset. */
export const ACCOUNT_LINK_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  invitation: 7 * 24 * 3600 * 1000,
  reset: 24 * 3600 * 1000,
};

/**
 * Issues a link for the account and queues its mail, in the caller's transaction `tx` (the account's
 * creation, a reset): the mail exists exactly when the change commits. Earlier unused links stop working.
 */
export async function issueAccountLink(
  tx: Db,
  actor: Actor,
  user: { id: number; email: string; username: string; fullName: string },
  purpose: AccountTokenPurpose,
  now: Date = new Date(),
): Promise<{ purpose: AccountTokenPurpose; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ACCOUNT_LINK_LIFETIME_MS[purpose]);
  await replaceAccountToken(tx, {
    userId: user.id,
    purpose,
    tokenHash: hashToken(token),
    createdBy: actorUserId(actor),
    expiresAt,
  });
  const preferences = await findMailPreferences(tx, user.id);
  await queueMail(tx, {
    to: user.email,
    userId: user.id,
    language: preferences?.language ?? 'vi',
    template: 'account_link',
    data: { purpose, token, fullName: user.fullName, username: user.username, expiresAt: expiresAt.toISOString() },
  });
  await recordEvent(tx, actor, {
    entityType: 'user',
    entityId: user.id,
    action: purpose === 'invitation' ? 'invitation_sent' : 'password_reset_sent',
    after: { to: user.email, expiresAt: expiresAt.toISOString() },
  });
  return { purpose, expiresAt };
}

/**
 * An administrator mails the account a link to set its password: an invitation again while its owner never
 * set one, a reset otherwise. The current password keeps working until the link is used.
 */
export async function sendAccountLink(db: Db, actor: Actor, userId: number) {
  requireRole(actor, ['admin'], 'users.reset');
  return db.transaction(async (tx) => {
    const user = await findUser(tx, userId, { forUpdate: true });
    if (!user) throw CommonErrors.notFound('user', userId);
    if (!user.email) throw AccountErrors.emailRequired();
    if (!user.is_active) throw AccountErrors.inactive(userId);
    return issueAccountLink(
      tx,
      actor,
      { id: user.id, email: user.email, username: user.username, fullName: user.full_name },
      user.password_set ? 'reset' : 'invitation',
    );
  });
}

/** Whether a link still works: known, unused, unexpired, for an active account. Throws why not. */
function checkUsable(row: AccountTokenRow | undefined, now: Date): AccountTokenRow {
  if (!row) throw AccountErrors.linkInvalid('unknown');
  if (row.used_at) throw AccountErrors.linkInvalid('used');
  if (row.expires_at.getTime() <= now.getTime()) throw AccountErrors.linkInvalid('expired');
  if (!row.is_active) throw AccountErrors.linkInvalid('inactive');
  return row;
}

/** What the set-password page shows before anything is typed: whose account, and until when it may. */
export async function lookupAccountLink(db: Db, token: string): Promise<AccountTokenRow> {
  return checkUsable(await findAccountToken(db, hashToken(token)), new Date());
}

/**
 * Sets the account's password through its link, once: the link is used up, and every session of the
 * account ends (whoever knew the old password is signed out). Anyone holding the link may do this — the
 * link is the proof — so it needs no session.
 */
export async function setPasswordWithLink(db: Db, input: SetPasswordBody): Promise<{ username: string }> {
  const tokenHash = hashToken(input.token);
  const seen = checkUsable(await findAccountToken(db, tokenHash), new Date());
  const problems = passwordProblems(input.password, seen.username);
  if (problems.length > 0) throw AccountErrors.passwordTooWeak(problems);
  // Hashing takes a moment: done before the transaction, whose lock then settles a race for the same link.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const now = new Date();
    const row = checkUsable(await findAccountToken(tx, tokenHash, { forUpdate: true }), now);
    await setPasswordHash(tx, row.user_id, passwordHash, now);
    await markAccountTokenUsed(tx, row.id, now);
    await deleteSessions(tx, row.user_id);
    // The account's owner acted, proven by the link rather than a session.
    const owner: Actor = {
      kind: 'user',
      userId: row.user_id,
      role: 'focal',
      agencyId: 0,
      agencyPath: '',
      scopeAgencyId: null,
      scopePath: null,
    };
    await recordEvent(tx, owner, {
      entityType: 'user',
      entityId: row.user_id,
      action: 'password_set',
      after: { purpose: row.purpose },
    });
    return { username: row.username };
  });
}
