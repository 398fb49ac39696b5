import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PeriodicReportAccepted, PeriodicReportParams, RequestPeriodicReportBody } from './periodic-report.schemas.ts';
import { downloadPeriodicReport, requestPeriodicReport } from './periodic-report.service.ts';

export const periodicReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['periodic-reports'];
  const { storage } = app.ctx;

  app.post(
    '/api/periodic-reports',
    {
      schema: {
        tags,
        summary:
          'Ask for a periodic report of a scope and period; made in the background (follow GET /api/jobs/:jobId)',
        body: RequestPeriodicReportBody,
        response: { 202: PeriodicReportAccepted },
      },
    },
    async (req, reply) => reply.code(202).send(await requestPeriodicReport(req.db, req.actor, req.body)),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `/api/periodic-reports/:id/${format}`,
      {
        schema: {
          tags,
          summary: `A made report as .${format}`,
          description: 'The file, always as an attachment.',
          params: PeriodicReportParams,
        },
      },
      async (req, reply) => {
        const file = await downloadPeriodicReport(req.db, storage, req.actor, req.params.id, format);
        return reply
          .header('Content-Type', file.contentType)
          .header('Content-Disposition', file.disposition)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'private, no-cache')
          .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
      },
    );
  }
};
