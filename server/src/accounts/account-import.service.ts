import { checkZipArchive, isExtractionInputError } from '@giamsat/extraction';
import { z } from 'zod';
import { resolveAgencyNames } from '../agencies/agency.service.ts';
import { type Actor, requireRole, type UserActor } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { AppError, CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { defineJob, enqueueJob } from '../jobs/job.service.ts';
import { takenEmails } from './account.queries.ts';
import { Username } from './account.schemas.ts';
import { insertAccount } from './account.service.ts';
import {
  type AccountImportRecord,
  agencyNames,
  findAccountImport,
  insertAccountImport,
  liveBodiesNamed,
  markAccountImportConfirmed,
} from './account-import.queries.ts';
import type { AccountImportIssue, AccountImportResult, AccountImportRow } from './account-import.schemas.ts';
import {
  MAX_ACCOUNT_ROWS,
  readAccountRows,
  readRole,
  UnreadableSpreadsheet,
  type WrittenAccountRow,
} from './account-import.xlsx.ts';
import { issueAccountLink } from './invitation.service.ts';

// Accounts from a spreadsheet (one row per account): read and checked at upload, each line's problems
// shown in a preview; confirmed, a job creates the lines without problems and mails each new account its
// invitation to set a password. No password is ever in the file or in a mail.

/** An account spreadsheet is small (3,300 rows are about 150 KB): larger uploads are refused. */
export const MAX_ACCOUNT_FILE_BYTES = 5 * 1024 * 1024;
/** What the spreadsheet's archive may unpack to (a zip bomb is refused before ExcelJS reads it). */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

export const AccountImportErrors = {
  notXlsx: (filename: string) => new AppError('ACCOUNT_IMPORT_NOT_XLSX', { status: 415, params: { filename } }),
  tooLarge: (limitBytes: number) => new AppError('ACCOUNT_IMPORT_TOO_LARGE', { status: 413, params: { limitBytes } }),
  unreadable: () => new AppError('ACCOUNT_IMPORT_UNREADABLE', { status: 400 }),
  empty: () => new AppError('ACCOUNT_IMPORT_EMPTY', { status: 400 }),
  tooManyRows: (limit: number) => new AppError('ACCOUNT_IMPORT_TOO_MANY_ROWS', { status: 400, params: { limit } }),
  alreadyConfirmed: (id: number) => new AppError('ACCOUNT_IMPORT_CONFIRMED', { status: 409, params: { id } }),
  nothingReady: (id: number) => new AppError('ACCOUNT_IMPORT_NOTHING_READY', { status: 400, params: { id } }),
};

const EmailAddress = z.email().max(200);
const ROLES_IN_BULK = ['focal', 'head', 'inspector'] as const;

/** Reads, checks and keeps an uploaded spreadsheet of accounts; its preview lists every line's problems. */
export async function previewAccountImport(
  db: Db,
  actor: Actor,
  input: { bytes: Uint8Array; filename: string },
): Promise<AccountImportRecord> {
  const admin = requireRole(actor, ['admin'], 'users.import');
  if (!/\.xlsx$/i.test(input.filename)) throw AccountImportErrors.notXlsx(input.filename);
  if (input.bytes.length > MAX_ACCOUNT_FILE_BYTES) throw AccountImportErrors.tooLarge(MAX_ACCOUNT_FILE_BYTES);
  const zipSignature = input.bytes[0] === 0x50 && input.bytes[1] === 0x4b;
  if (!zipSignature) throw AccountImportErrors.notXlsx(input.filename);
  try {
    await checkZipArchive(input.bytes, MAX_UNPACKED_BYTES);
  } catch (error) {
    if (isExtractionInputError(error) && error.code === 'ARCHIVE_TOO_LARGE')
      throw AccountImportErrors.tooLarge(MAX_UNPACKED_BYTES);
    throw AccountImportErrors.unreadable();
  }
  let written: WrittenAccountRow[];
  try {
    written = await readAccountRows(input.bytes);
  } catch (error) {
    if (error instanceof UnreadableSpreadsheet) throw AccountImportErrors.unreadable();
    throw error;
  }
  if (written.length === 0) throw AccountImportErrors.empty();
  if (written.length > MAX_ACCOUNT_ROWS) throw AccountImportErrors.tooManyRows(MAX_ACCOUNT_ROWS);
  const rows = await checkAccountRows(db, written);
  return insertAccountImport(db, {
    createdBy: admin.kind === 'user' ? admin.userId : 0,
    filename: input.filename,
    rows,
  });
}

/**
 * Each line's body (matched as imports match written names: exact name, alias, tone-mark placement,
 * unaccented; a name several live bodies share needs its parent in the "under" column), name, e-mail (valid,
 * once in the file, no account's yet) and role (one a file may create).
 */
export async function checkAccountRows(db: Db, written: readonly WrittenAccountRow[]): Promise<AccountImportRow[]> {
  const parents = await resolveAgencyNames(
    db,
    written.map((row) => row.under || '-'),
  );
  const resolved = await resolveAgencyNames(
    db,
    written.map((row) => row.body || '-'),
  );
  const named = await liveBodiesNamed(
    db,
    written.map((row, i) => ({ name: row.body, underId: row.under ? (parents[i] ?? null) : null })),
  );
  const bodies = await agencyNames(
    db,
    resolved.filter((id): id is number => id !== null),
  );
  const emails = written.map((row) => row.email.toLowerCase());
  const taken = await takenEmails(
    db,
    emails.filter((email) => EmailAddress.safeParse(email).success),
  );
  const firstLine = new Map<string, number>();

  return written.map((row, i) => {
    const issues: AccountImportIssue[] = [];
    let agency: { id: number; name: string } | null = null;
    const candidates = named[i] ?? [];
    if (!row.body) issues.push({ code: 'body_missing' });
    else if (row.under && parents[i] === null) issues.push({ code: 'parent_unknown' });
    else if (row.under) {
      // The parent given: the body is the one of that name in its subtree.
      if (candidates.length === 1) agency = candidates[0]!;
      else issues.push({ code: candidates.length === 0 ? 'body_unknown' : 'body_ambiguous' });
    } else {
      const id = resolved[i] ?? null;
      const body = id !== null ? bodies.get(id) : undefined;
      if (id === null || !body) issues.push({ code: candidates.length > 1 ? 'body_ambiguous' : 'body_unknown' });
      else if (!body.live) issues.push({ code: 'body_not_live' });
      // Another live body folds to the same name: which one is meant is not for the app to guess.
      else if (candidates.some((c) => c.id !== id)) issues.push({ code: 'body_ambiguous' });
      else agency = { id, name: body.name };
    }

    if (!row.fullName) issues.push({ code: 'name_missing' });
    else if (row.fullName.length > 200) issues.push({ code: 'name_too_long' });

    const email = emails[i]!;
    if (!email) issues.push({ code: 'email_missing' });
    else if (!EmailAddress.safeParse(email).success || !Username.safeParse(email).success)
      issues.push({ code: 'email_invalid' });
    else if (firstLine.has(email)) issues.push({ code: 'email_duplicate', line: firstLine.get(email)! });
    else if (taken.has(email)) issues.push({ code: 'email_taken' });
    if (email && !firstLine.has(email)) firstLine.set(email, row.line);

    const role = row.role ? readRole(row.role) : null;
    if (!row.role) issues.push({ code: 'role_missing' });
    else if (!role) issues.push({ code: 'role_unknown' });
    else if (!(ROLES_IN_BULK as readonly string[]).includes(role)) issues.push({ code: 'role_not_in_bulk' });

    return {
      line: row.line,
      body: row.body,
      under: row.under,
      fullName: row.fullName,
      email,
      role: row.role,
      agency,
      resolvedRole: role,
      issues,
    };
  });
}

export async function getAccountImport(db: Db, actor: Actor, id: number): Promise<AccountImportRecord> {
  requireRole(actor, ['admin'], 'users.import');
  const record = await findAccountImport(db, id);
  if (!record) throw CommonErrors.notFound('account_import', id);
  return record;
}

/** Confirms a previewed spreadsheet: a job creates its accounts without problems (once; a second confirm is 409). */
export async function confirmAccountImport(db: Db, actor: Actor, id: number): Promise<AccountImportRecord> {
  requireRole(actor, ['admin'], 'users.import');
  return db.transaction(async (tx) => {
    const record = await findAccountImport(tx, id, { forUpdate: true });
    if (!record) throw CommonErrors.notFound('account_import', id);
    if (record.state !== 'preview') throw AccountImportErrors.alreadyConfirmed(id);
    const ready = record.rows.filter((row) => row.issues.length === 0).length;
    if (ready === 0) throw AccountImportErrors.nothingReady(id);
    const job = await enqueueJob(tx, actor, createAccountsJob, { importId: id });
    await markAccountImportConfirmed(tx, id, job.id);
    await recordEvent(tx, actor, {
      entityType: 'account_import',
      entityId: id,
      action: 'confirmed',
      after: { filename: record.filename, ready, jobId: job.id },
    });
    return { ...record, state: 'confirmed', job_id: job.id };
  });
}

/**
 * Creates the accounts of a confirmed spreadsheet, each with its invitation, one transaction per account.
 * Idempotent: after a crash the job runs again and lines whose account exists now are skipped. A line that
 * became impossible since the preview (its address taken meanwhile, its body merged) is skipped with why.
 */
export const createAccountsJob = defineJob({
  kind: 'accounts.import',
  payload: z.object({ importId: z.number().int() }),
  maxAttempts: 3,
  async run(ctx, payload): Promise<AccountImportResult> {
    const record = await findAccountImport(ctx.db, payload.importId);
    if (!record) throw CommonErrors.notFound('account_import', payload.importId);
    // The administrator who confirmed acts: history names them on every account created.
    const actor: UserActor = {
      kind: 'user',
      userId: record.created_by,
      role: 'admin',
      agencyId: 0,
      agencyPath: '',
      scopeAgencyId: null,
      scopePath: null,
    };
    const lines = record.rows.filter((row) => row.issues.length === 0 && row.agency && row.resolvedRole);
    const result: AccountImportResult = { created: 0, skipped: [] };
    let done = 0;
    for (const line of lines) {
      try {
        await ctx.db.transaction(async (tx) => {
          const user = await insertAccount(tx, actor, {
            username: line.email,
            fullName: line.fullName,
            email: line.email,
            agencyId: line.agency!.id,
            role: line.resolvedRole!,
            scopeAgencyId: null,
            passwordHash: null,
          });
          await issueAccountLink(
            tx,
            actor,
            { id: user.id, email: line.email, username: user.username, fullName: user.full_name },
            'invitation',
          );
        });
        result.created++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ line: line.line, code: error.code });
      }
      done++;
      if (done % 10 === 0 || done === lines.length)
        await ctx.progress((done / lines.length) * 100, undefined, { done, total: lines.length });
    }
    return result;
  },
});
