import { Role, RowId } from '@giamsat/shared';
import { z } from 'zod';
import { FileField } from '../http/upload-form.ts';

// Contracts of creating accounts from a spreadsheet (.xlsx, one row per account). Only zod + shared enums.

/** Why a line of the spreadsheet cannot become an account; the web app words each code. */
export const AccountImportProblem = z.enum([
  'body_missing',
  'body_unknown',
  /** Several bodies have this name: the "under" column (the province, …) tells them apart. */
  'body_ambiguous',
  /** The name is a named group or a body merged away, not a body people work in. */
  'body_not_live',
  'parent_unknown',
  'name_missing',
  'name_too_long',
  'email_missing',
  'email_invalid',
  /** The same address on an earlier line of the file (`line`). */
  'email_duplicate',
  /** An account has this address (or it as a username) already. */
  'email_taken',
  'role_missing',
  'role_unknown',
  /** Administrators and standing offices (with their scope) are created one by one, not from a file. */
  'role_not_in_bulk',
]);
export type AccountImportProblem = z.infer<typeof AccountImportProblem>;

export const AccountImportIssue = z.object({
  code: AccountImportProblem,
  /** email_duplicate: the earlier line with the same address. */
  line: z.number().int().optional(),
});
export type AccountImportIssue = z.infer<typeof AccountImportIssue>;

/** One line of the spreadsheet as read, what it matched, and its problems (none: it will be created). */
export const AccountImportRow = z.object({
  /** The spreadsheet's row number, as the person sees it in their spreadsheet program. */
  line: z.number().int(),
  body: z.string(),
  under: z.string(),
  fullName: z.string(),
  email: z.string(),
  role: z.string(),
  agency: z.object({ id: z.number(), name: z.string() }).nullable(),
  resolvedRole: Role.nullable(),
  issues: z.array(AccountImportIssue),
});
export type AccountImportRow = z.infer<typeof AccountImportRow>;

export const AccountImportParams = z.object({ id: RowId });

export const AccountImportUploadForm = z.object({ file: FileField });

export const AccountImportResponse = z.object({
  id: z.number(),
  filename: z.string(),
  state: z.enum(['preview', 'confirmed']),
  rows: z.array(AccountImportRow),
  /** Lines that will become accounts, and lines with problems (left out when confirmed). */
  ready: z.number().int(),
  withProblems: z.number().int(),
  /** The job creating the accounts, once confirmed: follow GET /api/jobs/:id. */
  jobId: z.number().nullable(),
  createdAt: z.string(),
});
export type AccountImportResponse = z.infer<typeof AccountImportResponse>;

/** What the creating job reports when done: accounts created, lines skipped at that moment and why. */
export const AccountImportResult = z.object({
  created: z.number().int(),
  skipped: z.array(z.object({ line: z.number().int(), code: z.string() })),
});
export type AccountImportResult = z.infer<typeof AccountImportResult>;
