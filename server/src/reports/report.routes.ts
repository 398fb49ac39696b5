import { IdParams } from '@giamsat/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getObligations } from './obligation.service.ts';
import { toReportListResponse, toReportPageResponse, toReportResponse } from './report.responses.ts';
import {
  CreateReportBody,
  ObligationsQuery,
  ObligationsResponse,
  ReportListQuery,
  ReportListResponse,
  ReportPageResponse,
  ReportResponse,
  ReviewReportBody,
  SubmitReportBody,
  UpdateReportBody,
} from './report.schemas.ts';
import {
  createReport,
  getReport,
  listReports,
  listReportsOfTask,
  reviewReport,
  submitReport,
  updateReport,
} from './report.service.ts';

/** Progress reports, the review queue and recurring reporting obligations. */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
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
    async (req) => toReportListResponse(await listReportsOfTask(req.db, req.actor, req.params.id)),
  );

  app.get(
    '/api/reports',
    { schema: { ...reports, querystring: ReportListQuery, response: { 200: ReportPageResponse } } },
    async (req) => toReportPageResponse(await listReports(req.db, req.actor, req.query)),
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
