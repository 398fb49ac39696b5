import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toJobResponse } from './job.responses.ts';
import { JobParams, JobResponse } from './job.schemas.ts';
import { getJob } from './job.service.ts';

export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/jobs/:id',
    { schema: { tags: ['jobs'], params: JobParams, response: { 200: JobResponse } } },
    async (req) => toJobResponse(await getJob(req.db, req.actor, req.params.id)),
  );
};
