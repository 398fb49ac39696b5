import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toFeedbackFiguresResponse } from './satisfaction.responses.ts';
import { FeedbackFiguresQuery, FeedbackFiguresResponse } from './satisfaction.schemas.ts';
import { getResponseFigures } from './satisfaction.service.ts';

/** A body's response figures, public (its page on the public site shows the same), for the dashboard. */
export const satisfactionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/feedback/figures',
    { schema: { tags: ['feedback'], querystring: FeedbackFiguresQuery, response: { 200: FeedbackFiguresResponse } } },
    async (req) => toFeedbackFiguresResponse(await getResponseFigures(req.db, req.query.agencyId)),
  );
};
