import { IdParams } from '@giamsat/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uploadFilename } from '../http/input-text.ts';
import { toEvidenceResponse } from '../reports/report.responses.ts';
import { EvidenceLinkBody, EvidenceResponse } from '../reports/report.schemas.ts';
import { EvidenceErrors } from './evidence.errors.ts';
import { EvidenceListResponse, EvidenceUploadForm, MAX_FILES_PER_UPLOAD } from './evidence.schemas.ts';
import {
  addEvidenceFiles,
  addEvidenceLink,
  downloadEvidence,
  removeEvidence,
  type UploadedFile,
} from './evidence.service.ts';
import { attachmentDisposition } from './evidence-types.ts';

/** A report's evidence: files (checked, stored, downloaded as attachments) and links. */
export const evidenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, storage } = app.ctx;
  const tags = { tags: ['progress'] };

  app.post(
    '/api/reports/:id/evidence',
    {
      schema: {
        ...tags,
        description: `multipart/form-data with one or more files (at most ${MAX_FILES_PER_UPLOAD}); allowed: pdf, docx, xlsx, pptx, doc, xls, odt, png, jpg, zip, txt, csv`,
        consumes: ['multipart/form-data'],
        uploadForm: EvidenceUploadForm,
        params: IdParams,
        response: { 201: EvidenceListResponse },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw EvidenceErrors.multipartRequired();
      const files: UploadedFile[] = [];
      try {
        for await (const part of req.parts({ limits: { files: MAX_FILES_PER_UPLOAD } })) {
          if (part.type === 'file')
            files.push({ filename: uploadFilename(part.filename), bytes: await part.toBuffer() });
        }
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError) {
          throw EvidenceErrors.fileTooLarge(config.maxUploadBytes);
        }
        if (error instanceof app.multipartErrors.FilesLimitError)
          throw EvidenceErrors.tooManyFiles(MAX_FILES_PER_UPLOAD);
        throw error;
      }
      const added = await addEvidenceFiles(req.db, storage, req.actor, req.params.id, files);
      return reply.code(201).send({ items: added.map(toEvidenceResponse) });
    },
  );

  app.post(
    '/api/reports/:id/links',
    { schema: { ...tags, params: IdParams, body: EvidenceLinkBody, response: { 201: EvidenceResponse } } },
    async (req, reply) =>
      reply.code(201).send(toEvidenceResponse(await addEvidenceLink(req.db, req.actor, req.params.id, req.body))),
  );

  app.get(
    '/api/evidence/:id/download',
    {
      schema: {
        ...tags,
        description: 'The file, always as an attachment: never rendered by the browser.',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const file = await downloadEvidence(req.db, storage, req.actor, req.params.id);
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', attachmentDisposition(file.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', 'sandbox')
        .header('Cache-Control', 'private, no-cache')
        .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
    },
  );

  app.delete(
    '/api/evidence/:id',
    { schema: { ...tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removeEvidence(req.db, storage, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
