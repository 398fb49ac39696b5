import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uploadFilename } from '../http/input-text.ts';
import { ImportErrors } from './import.errors.ts';
import { ImportAccepted, ImportUploadForm, PasteImportBody } from './import.schemas.ts';
import { startImport } from './import.service.ts';

export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { storage, config } = app.ctx;

  // Upload: multipart/form-data with one `file` (.docx, .pdf, .txt, .md) and an optional `programmeCode`.
  app.post(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        consumes: ['multipart/form-data'],
        uploadForm: ImportUploadForm,
        description: 'Upload a directive file; extraction runs in the background — follow GET /api/jobs/:jobId.',
        response: { 202: ImportAccepted },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw ImportErrors.noFile();
      const part = await req.file();
      if (!part) throw ImportErrors.noFile();
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await part.toBuffer());
      } catch (error) {
        // The multipart limit stops the stream: say so with the limit, not as Fastify's bare code.
        if (error instanceof app.multipartErrors.RequestFileTooLargeError)
          throw ImportErrors.fileTooLarge(config.maxUploadBytes);
        throw error;
      }
      if (part.file.truncated) throw ImportErrors.fileTooLarge(config.maxUploadBytes);
      const programmeField = part.fields.programmeCode;
      const programmeCode =
        programmeField && 'value' in programmeField && typeof programmeField.value === 'string'
          ? programmeField.value
          : undefined;
      const accepted = await startImport(req.db, req.actor, storage, {
        bytes,
        filename: uploadFilename(part.filename),
        contentType: part.mimetype,
        programmeCode,
      });
      return reply.code(202).send(accepted);
    },
  );

  app.post(
    '/api/imports/paste',
    {
      schema: { tags: ['imports'], body: PasteImportBody, response: { 202: ImportAccepted } },
      bodyLimit: 6 * 1024 * 1024,
    },
    async (req, reply) => {
      const accepted = await startImport(req.db, req.actor, storage, {
        bytes: new TextEncoder().encode(req.body.text),
        filename: req.body.filename?.replace(/\.[^.]*$/, '').concat('.txt') ?? 'van-ban-dan.txt',
        contentType: 'text/plain; charset=utf-8',
        programmeCode: req.body.programmeCode,
      });
      return reply.code(202).send(accepted);
    },
  );
};
