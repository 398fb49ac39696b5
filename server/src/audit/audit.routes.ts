import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toEventChainHeadResponse, toEventChainVerificationResponse, toEventResponse } from './audit.responses.ts';
import {
  EventChainHeadResponse,
  EventChainVerificationResponse,
  EventListQuery,
  EventListResponse,
} from './audit.schemas.ts';
import { eventChainHead, listEvents, verifyEventChain } from './audit.service.ts';

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
