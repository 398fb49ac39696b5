import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addEvidenceFiles,
  addEvidenceLink,
  downloadEvidence,
  removeEvidence,
  type UploadedFile,
} from './evidence.service.ts';
import { attachmentDisposition } from './evidence-types.ts';
import { decideExtension, listExtensionsOfTask, requestExtension } from './extension.service.ts';
import { getObligations } from './obligation.service.ts';
import { ProgressErrors } from './progress.errors.ts';
import { toEvidenceResponse, toExtensionResponse, toReportResponse } from './progress.responses.ts';
import {
  CreateReportBody,
  DecideExtensionBody,
  EvidenceLinkBody,
  EvidenceListResponse,
  EvidenceResponse,
  ExtensionListResponse,
  ExtensionResponse,
  IdParams,
  ObligationsQuery,
  ObligationsResponse,
  ReportListQuery,
  ReportListResponse,
  ReportPageResponse,
  ReportResponse,
  RequestExtensionBody,
  ReviewReportBody,
  SubmitReportBody,
  UpdateReportBody,
} from './progress.schemas.ts';
import {
  createReport,
  getReport,
  listReports,
  listReportsOfTask,
  reviewReport,
  submitReport,
  updateReport,
} from './report.service.ts';
import { listReportTasks } from './report-queue.queries.ts';

const MAX_FILES_PER_UPLOAD = 10;

/** Progress reports, their evidence, deadline extensions and recurring obligations. */
export const progressRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, storage } = app.ctx;
  const reports = { tags: ['progress'] };

  app.post(
    '/api/tasks/:id/reports',
    { schema: { ...reports, params: IdParams, body: CreateReportBody, response: { 201: ReportResponse } } },
    async (req, reply) =>
      reply.code(201).send(toReportResponse(await createReport(req.db, req.actor, req.params.id, req.body))),
  );

  app.get(
    '/api/tasks/:id/reports',
    { schema: { ...reports, params: IdParams, response: { 200: ReportListResponse } } },
    async (req) => ({ items: (await listReportsOfTask(req.db, req.actor, req.params.id)).map(toReportResponse) }),
  );

  app.get(
    '/api/reports',
    { schema: { ...reports, querystring: ReportListQuery, response: { 200: ReportPageResponse } } },
    async (req) => {
      const page = await listReports(req.db, req.actor, req.query);
      const tasks = await listReportTasks(
        req.db,
        req.actor,
        page.items.map((item) => item.report.task_id),
      );
      const taskById = new Map(tasks.map((task) => [task.id, task]));
      return {
        ...page,
        items: page.items.map((item) => ({
          ...toReportResponse(item),
          task: taskById.get(item.report.task_id) ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/reports/:id',
    { schema: { ...reports, params: IdParams, response: { 200: ReportResponse } } },
    async (req) => toReportResponse(await getReport(req.db, req.actor, req.params.id)),
  );

  app.patch(
    '/api/reports/:id',
    { schema: { ...reports, params: IdParams, body: UpdateReportBody, response: { 200: ReportResponse } } },
    async (req) => toReportResponse(await updateReport(req.db, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/reports/:id/submit',
    { schema: { ...reports, params: IdParams, body: SubmitReportBody, response: { 200: ReportResponse } } },
    async (req) => toReportResponse(await submitReport(req.db, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/reports/:id/review',
    { schema: { ...reports, params: IdParams, body: ReviewReportBody, response: { 200: ReportResponse } } },
    async (req) => toReportResponse(await reviewReport(req.db, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/reports/:id/evidence',
    {
      schema: {
        ...reports,
        description: `multipart/form-data with one or more files (at most ${MAX_FILES_PER_UPLOAD}); allowed: pdf, docx, xlsx, pptx, doc, xls, odt, png, jpg, zip, txt, csv`,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: EvidenceListResponse },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw ProgressErrors.multipartRequired();
      const files: UploadedFile[] = [];
      try {
        for await (const part of req.parts({ limits: { files: MAX_FILES_PER_UPLOAD } })) {
          if (part.type === 'file') files.push({ filename: part.filename, bytes: await part.toBuffer() });
        }
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError) {
          throw ProgressErrors.fileTooLarge(config.maxUploadBytes);
        }
        if (error instanceof app.multipartErrors.FilesLimitError)
          throw ProgressErrors.tooManyFiles(MAX_FILES_PER_UPLOAD);
        throw error;
      }
      const added = await addEvidenceFiles(req.db, storage, req.actor, req.params.id, files);
      return reply.code(201).send({ items: added.map(toEvidenceResponse) });
    },
  );

  app.post(
    '/api/reports/:id/links',
    { schema: { ...reports, params: IdParams, body: EvidenceLinkBody, response: { 201: EvidenceResponse } } },
    async (req, reply) =>
      reply.code(201).send(toEvidenceResponse(await addEvidenceLink(req.db, req.actor, req.params.id, req.body))),
  );

  app.get(
    '/api/evidence/:id/download',
    {
      schema: {
        ...reports,
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
    { schema: { ...reports, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removeEvidence(req.db, storage, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );

  const extensions = { tags: ['extensions'] };

  app.post(
    '/api/tasks/:id/extensions',
    { schema: { ...extensions, params: IdParams, body: RequestExtensionBody, response: { 201: ExtensionResponse } } },
    async (req, reply) =>
      reply.code(201).send(toExtensionResponse(await requestExtension(req.db, req.actor, req.params.id, req.body))),
  );

  app.get(
    '/api/tasks/:id/extensions',
    { schema: { ...extensions, params: IdParams, response: { 200: ExtensionListResponse } } },
    async (req) => ({ items: (await listExtensionsOfTask(req.db, req.actor, req.params.id)).map(toExtensionResponse) }),
  );

  app.post(
    '/api/extensions/:id/decide',
    { schema: { ...extensions, params: IdParams, body: DecideExtensionBody, response: { 200: ExtensionResponse } } },
    async (req) => toExtensionResponse(await decideExtension(req.db, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/tasks/:id/obligations',
    {
      schema: {
        tags: ['progress'],
        params: IdParams,
        querystring: ObligationsQuery,
        response: { 200: ObligationsResponse },
      },
    },
    async (req) => getObligations(req.db, req.actor, req.params.id, req.query),
  );
};
