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
const FullName = z.string().trim().min(1).max(200);
const Email = z.email().max(200);

export const UserListQuery = z.object({
  agencyId: RowId.optional(),
  role: Role.optional(),
  /** Username or full name, with or without diacritics. */
  q: z.string().trim().max(200).optional(),
  isActive: QueryFlag.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const CreateUserBody = z.object({
  username: Username,
  fullName: FullName,
  email: Email.nullish(),
  password: NewPassword,
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
