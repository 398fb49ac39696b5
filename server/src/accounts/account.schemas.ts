import { AgencyLevel, ListPage, Role, RowId } from '@giamsat/shared';
import { z } from 'zod';

// Contracts of the accounts API. Only zod + shared enums, so the web app can import them.

const QueryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const UserIdParams = z.object({ id: RowId });

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters without diacritics, digits, ".", "_", "-", "@"');
export const NewPassword = z.string().min(10, 'at least 10 characters').max(200);

/** What makes a password set through an e-mailed link too weak; the web form shows each one it breaks. */
export const PASSWORD_MIN = 10;
export type PasswordProblem = 'too_short' | 'too_long' | 'no_letter' | 'no_digit' | 'contains_name';

/**
 * The password rule, written once: the server refuses and the set-password page explains with it. At
 * least 10 characters, a letter and a digit, and not the account's own name (its part before any "@").
 */
export function passwordProblems(password: string, username = ''): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN) problems.push('too_short');
  if (password.length > 200) problems.push('too_long');
  if (!/\p{L}/u.test(password)) problems.push('no_letter');
  if (!/\p{N}/u.test(password)) problems.push('no_digit');
  const name = username.split('@')[0]?.toLowerCase() ?? '';
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_name');
  return problems;
}
const FullName = z.string().trim().min(1).max(200);
const Email = z.email().max(200);

export const UserListQuery = z.object({
  agencyId: RowId.optional(),
  role: Role.optional(),
  /** Username, full name or e-mail, with or without diacritics. */
  q: z.string().trim().max(200).optional(),
  isActive: QueryFlag.optional(),
  /** true: accounts whose owner has not set a password yet (invited, never signed in). */
  invited: QueryFlag.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const CreateUserBody = z.object({
  /** Absent: the e-mail address (lowercase) is the username. */
  username: Username.optional(),
  fullName: FullName,
  email: Email.nullish(),
  /**
   * Absent (the browser's way): the account gets no password and its owner an e-mailed invitation to
   * set one; an e-mail address is then required. A password is never sent to anyone by the app.
   */
  password: NewPassword.optional(),
  agencyId: RowId,
  role: Role,
  /** A standing office's scope (a body and its subtree); absent or null = the whole nation. Office only. */
  scopeAgencyId: RowId.nullish(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    version: z.number().int().min(1),
    fullName: FullName.optional(),
    email: Email.nullable().optional(),
    role: Role.optional(),
    agencyId: RowId.optional(),
    scopeAgencyId: RowId.nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ChangePasswordBody = z.object({
  /** Required when users change their own password; an administrator resetting another's omits it. */
  currentPassword: z.string().min(1).max(200).optional(),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const UserResponse = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: Role,
  agency: z.object({ id: z.number(), name: z.string(), level: AgencyLevel }),
  scopeAgency: z.object({ id: z.number(), name: z.string() }).nullable(),
  isActive: z.boolean(),
  /** true: invited, and its owner has not yet set a password through the mailed link (cannot sign in). */
  invitationPending: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserResponse = z.infer<typeof UserResponse>;

export const UserListResponse = ListPage(UserResponse);

/** A counter slowing sign-in down (see auth/login-limit.ts): whom, from where, how many failures, until when. */
export const LoginBlockResponse = z.object({
  id: z.number(),
  /** The username tried (as typed, without case); null: every account from `ip`. */
  account: z.string().nullable(),
  /** The account's user, when the username names one. */
  user: z.object({ id: z.number(), fullName: z.string() }).nullable(),
  /** null: every address the account never signed in from. */
  ip: z.string().nullable(),
  /** Whether the account signed in successfully from `ip` lately (there the delay stays short). */
  usualAddress: z.boolean(),
  failures: z.number().int(),
  lastFailureAt: z.string(),
  /** The end of the delay set at the last failure; in the past, the next failure brings a longer one. */
  blockedUntil: z.string(),
});
export type LoginBlockResponse = z.infer<typeof LoginBlockResponse>;

export const LoginBlockListResponse = z.object({ items: z.array(LoginBlockResponse) });

/** Why a link to set a password is sent: a new account's invitation, or a reset by an administrator. */
export const AccountTokenPurpose = z.enum(['invitation', 'reset']);
export type AccountTokenPurpose = z.infer<typeof AccountTokenPurpose>;

/** The link's token, as the set-password page read it from its address (never a path segment: no logs). */
const AccountToken = z.string().trim().min(20).max(100);

export const AccountTokenBody = z.object({ token: AccountToken });

export const SetPasswordBody = z
  .object({ token: AccountToken, password: z.string().max(200) })
  .refine((body) => passwordProblems(body.password).length === 0, {
    path: ['password'],
    message: 'too weak: at least 10 characters with a letter and a digit',
  });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;

/** What the set-password page shows before the password is chosen: whose account, until when. */
export const AccountTokenResponse = z.object({
  purpose: AccountTokenPurpose,
  username: z.string(),
  fullName: z.string(),
  expiresAt: z.string(),
});
export type AccountTokenResponse = z.infer<typeof AccountTokenResponse>;

/** An invitation or reset link just mailed: when it stops working (the link itself is only in the mail). */
export const AccountTokenSentResponse = z.object({ purpose: AccountTokenPurpose, expiresAt: z.string() });
