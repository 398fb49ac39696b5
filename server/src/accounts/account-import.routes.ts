import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/actor.ts';
import { attachmentDisposition } from '../evidence/evidence-types.ts';
import { uploadFilename } from '../http/input-text.ts';
import type { AccountImportRecord } from './account-import.queries.ts';
import { AccountImportParams, AccountImportResponse, AccountImportUploadForm } from './account-import.schemas.ts';
import {
  AccountImportErrors,
  confirmAccountImport,
  getAccountImport,
  MAX_ACCOUNT_FILE_BYTES,
  previewAccountImport,
} from './account-import.service.ts';
import { accountImportTemplate } from './account-import.xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function toAccountImportResponse(record: AccountImportRecord): AccountImportResponse {
  const ready = record.rows.filter((row) => row.issues.length === 0).length;
  return {
    id: record.id,
    filename: record.filename,
    state: record.state,
    rows: record.rows,
    ready,
    withProblems: record.rows.length - ready,
    jobId: record.job_id,
    createdAt: record.created_at.toISOString(),
  };
}

/** Administrators create accounts from a spreadsheet: template, upload and preview, confirm (a job). */
export const accountImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['users'];

  app.get(
    '/api/account-imports/template',
    {
      schema: {
        tags,
        summary: 'The .xlsx template of accounts to create (body, full name, e-mail, role, under)',
        querystring: z.object({ language: z.enum(['vi', 'en']).default('vi') }),
      },
    },
    async (req, reply) => {
      requireRole(req.actor, ['admin'], 'users.import');
      const bytes = await accountImportTemplate(req.query.language);
      const filename = req.query.language === 'en' ? 'accounts-template.xlsx' : 'mau-tai-khoan.xlsx';
      return reply
        .header('Content-Type', XLSX)
        .header('Content-Disposition', attachmentDisposition(filename))
        .header('X-Content-Type-Options', 'nosniff')
        .send(bytes);
    },
  );

  app.post(
    '/api/account-imports',
    {
      schema: {
        tags,
        summary: 'Upload a spreadsheet of accounts: it is read and checked, and its preview answered',
        consumes: ['multipart/form-data'],
        uploadForm: AccountImportUploadForm,
        response: { 201: AccountImportResponse },
      },
    },
    async (req, reply) => {
      // Who may is checked before the upload is read.
      requireRole(req.actor, ['admin'], 'users.import');
      if (!req.isMultipart()) throw AccountImportErrors.unreadable();
      const part = await req.file({ limits: { fileSize: MAX_ACCOUNT_FILE_BYTES } });
      if (!part) throw AccountImportErrors.unreadable();
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await part.toBuffer());
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError)
          throw AccountImportErrors.tooLarge(MAX_ACCOUNT_FILE_BYTES);
        throw error;
      }
      if (part.file.truncated) throw AccountImportErrors.tooLarge(MAX_ACCOUNT_FILE_BYTES);
      const record = await previewAccountImport(req.db, req.actor, {
        bytes,
        filename: uploadFilename(part.filename),
      });
      return reply.code(201).send(toAccountImportResponse(record));
    },
  );

  app.get(
    '/api/account-imports/:id',
    { schema: { tags, params: AccountImportParams, response: { 200: AccountImportResponse } } },
    async (req) => toAccountImportResponse(await getAccountImport(req.db, req.actor, req.params.id)),
  );

  app.post(
    '/api/account-imports/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Create the accounts of a previewed spreadsheet (its lines without problems), in a job',
        params: AccountImportParams,
        response: { 202: AccountImportResponse },
      },
    },
    async (req, reply) =>
      reply.code(202).send(toAccountImportResponse(await confirmAccountImport(req.db, req.actor, req.params.id))),
  );
};
