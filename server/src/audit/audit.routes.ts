import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentDisposition } from '../evidence/evidence-types.ts';
import { toEventChainHeadResponse, toEventChainVerificationResponse, toEventResponse } from './audit.responses.ts';
import {
  EventChainHeadResponse,
  EventChainVerificationResponse,
  EventExportQuery,
  EventListQuery,
  EventListResponse,
} from './audit.schemas.ts';
import { eventChainHead, exportEvents, listEvents, verifyEventChain } from './audit.service.ts';

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
  app.get(
    '/api/events/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The events the filters match as an .xlsx file (at most 20,000 rows; narrow the filter past that)',
        description: 'The file, always as an attachment.',
        querystring: EventExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exportEvents(req.db, req.actor, req.query);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', attachmentDisposition(file.filename))
        .header('Cache-Control', 'private, no-cache')
        .send(file.bytes);
    },
  );
  // Walks the whole hash chain of history: administrators only (it reads every row).
  app.get(
    '/api/audit/verify',
    { schema: { tags: ['audit'], response: { 200: EventChainVerificationResponse } } },
    async (req) => toEventChainVerificationResponse(await verifyEventChain(req.db, req.actor)),
  );
  // The head hash is public on purpose: published (open data, the public site), it makes a rewrite show.
  app.get('/api/audit/head', { schema: { tags: ['audit'], response: { 200: EventChainHeadResponse } } }, async (req) =>
    toEventChainHeadResponse(await eventChainHead(req.db)),
  );
};
