import { IdParams } from '@giamsat/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toFeedbackHistoryItem, toFeedbackResponse, toFeedbackTrackResponse } from './feedback.responses.ts';
import {
  AnswerFeedbackBody,
  AssignFeedbackBody,
  FeedbackFieldListResponse,
  FeedbackHistoryResponse,
  FeedbackListQuery,
  FeedbackListResponse,
  FeedbackResponse,
  FeedbackTrackResponse,
  RateAnswerBody,
  SubmitFeedbackBody,
  SubmitFeedbackResponse,
  TrackingCodeParams,
  TransferFeedbackBody,
} from './feedback.schemas.ts';
import {
  answerFeedback,
  assignFeedback,
  getFeedback,
  getFeedbackHistory,
  listFeedback,
  listFields,
  rateAnswer,
  submitFeedback,
  trackFeedback,
  transferFeedback,
} from './feedback.service.ts';

/** Feedback and recommendations: anyone submits and tracks by code; the staff route and answer. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['feedback'];

  app.get('/api/feedback/fields', { schema: { tags, response: { 200: FeedbackFieldListResponse } } }, async (req) => ({
    items: await listFields(req.db),
  }));

  app.post(
    '/api/feedback',
    {
      config: { openToVisitors: true },
      bodyLimit: 64 * 1024,
      schema: { tags, body: SubmitFeedbackBody, response: { 201: SubmitFeedbackResponse } },
    },
    async (req, reply) => {
      const { trackingCode } = await submitFeedback(req.db, req.actor, { ...req.body, ip: req.ip });
      return reply.code(201).send({ trackingCode });
    },
  );

  app.get(
    '/api/feedback/track/:code',
    { schema: { tags, params: TrackingCodeParams, response: { 200: FeedbackTrackResponse } } },
    async (req) => {
      const { row, history } = await trackFeedback(req.db, req.params.code);
      return toFeedbackTrackResponse(row, history);
    },
  );

  // The tracking code is the submitter's proof, so this is open like the submission itself.
  app.post(
    '/api/feedback/track/:code/rating',
    {
      config: { openToVisitors: true },
      bodyLimit: 16 * 1024,
      schema: { tags, params: TrackingCodeParams, body: RateAnswerBody, response: { 201: FeedbackTrackResponse } },
    },
    async (req, reply) => {
      const { row, history } = await rateAnswer(req.db, req.actor, req.params.code, req.body);
      return reply.code(201).send(toFeedbackTrackResponse(row, history));
    },
  );

  app.get(
    '/api/feedback',
    { schema: { tags, querystring: FeedbackListQuery, response: { 200: FeedbackListResponse } } },
    async (req) => {
      const { rows, ...page } = await listFeedback(req.db, req.actor, req.query);
      return { ...page, items: rows.map((row) => toFeedbackResponse(row, req.actor)) };
    },
  );

  app.get(
    '/api/feedback/:id',
    { schema: { tags, params: IdParams, response: { 200: FeedbackResponse } } },
    async (req) => toFeedbackResponse(await getFeedback(req.db, req.actor, req.params.id), req.actor),
  );

  app.get(
    '/api/feedback/:id/history',
    { schema: { tags, params: IdParams, response: { 200: FeedbackHistoryResponse } } },
    async (req) => ({
      items: (await getFeedbackHistory(req.db, req.actor, req.params.id)).map(toFeedbackHistoryItem),
    }),
  );

  app.post(
    '/api/feedback/:id/assign',
    { schema: { tags, params: IdParams, body: AssignFeedbackBody, response: { 200: FeedbackResponse } } },
    async (req) => toFeedbackResponse(await assignFeedback(req.db, req.actor, req.params.id, req.body), req.actor),
  );

  app.post(
    '/api/feedback/:id/transfer',
    { schema: { tags, params: IdParams, body: TransferFeedbackBody, response: { 200: FeedbackResponse } } },
    async (req) => toFeedbackResponse(await transferFeedback(req.db, req.actor, req.params.id, req.body), req.actor),
  );

  app.post(
    '/api/feedback/:id/answer',
    { schema: { tags, params: IdParams, body: AnswerFeedbackBody, response: { 200: FeedbackResponse } } },
    async (req) => toFeedbackResponse(await answerFeedback(req.db, req.actor, req.params.id, req.body), req.actor),
  );
};
