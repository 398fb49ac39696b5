import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobRow } from './job.queries.ts';
import { JobParams, JobResponse } from './job.schemas.ts';
import { getJob } from './job.service.ts';

export function toJobResponse(job: JobRow): JobResponse {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    progressMessage: job.progress_message,
    result: job.result ?? null,
    error: (job.error as JobResponse['error']) ?? null,
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}

export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/jobs/:id',
    { schema: { tags: ['jobs'], params: JobParams, response: { 200: JobResponse } } },
    async (req) => toJobResponse(await getJob(req.db, req.actor, req.params.id)),
  );
};
