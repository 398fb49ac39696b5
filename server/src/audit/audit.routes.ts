import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toEventResponse } from './audit.responses.ts';
import { EventListQuery, EventListResponse } from './audit.schemas.ts';
import { listEvents } from './audit.service.ts';

/** The audit trail: who changed what, when, before and after, why (inspectors and administrators). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/events',
    { schema: { tags: ['audit'], querystring: EventListQuery, response: { 200: EventListResponse } } },
    async (req) => {
      const { rows, ...page } = await listEvents(req.db, req.actor, req.query);
      return { ...page, items: rows.map(toEventResponse) };
    },
  );
};
