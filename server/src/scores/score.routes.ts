import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentDisposition } from '../evidence/evidence-types.ts';
import { getBodyEvaluation } from './score.evaluation.ts';
import { toBodyScoreResponse, toScoreRankingResponse, toScoreWeightsResponse } from './score.responses.ts';
import {
  BodyEvaluationQuery,
  BodyScoreParams,
  BodyScoreQuery,
  BodyScoreResponse,
  ScoreRankingQuery,
  ScoreRankingResponse,
  ScoreWeightsHistoryResponse,
  ScoreWeightsQuery,
  ScoreWeightsResponse,
  SetScoreWeightsBody,
} from './score.schemas.ts';
import { getBodyScore, getScoreRanking, getScoreWeights, setScoreWeights } from './score.service.ts';

export const scoresRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/scores',
    {
      schema: {
        tags: ['scores'],
        summary:
          'The bodies of a level ranked by score (fair by workload), as the caller may see them; paged, any column either way',
        querystring: ScoreRankingQuery,
        response: { 200: ScoreRankingResponse },
      },
    },
    async (req) => toScoreRankingResponse(await getScoreRanking(req.db, req.actor, req.query)),
  );
  app.get(
    '/api/scores/bodies/:agencyId',
    {
      schema: {
        tags: ['scores'],
        summary: "A body's score: each component, its weight, raw and adjusted figures, and the tasks behind each",
        params: BodyScoreParams,
        querystring: BodyScoreQuery,
        response: { 200: BodyScoreResponse },
      },
    },
    async (req) => toBodyScoreResponse(await getBodyScore(req.db, req.actor, req.params.agencyId, req.query)),
  );
  app.get(
    '/api/scores/bodies/:agencyId/evaluation',
    {
      schema: {
        tags: ['scores'],
        summary:
          "A body's yearly evaluation as a file (.xlsx, or .docx in the administrative layout): score, components, tasks",
        description: 'The file, always as an attachment.',
        params: BodyScoreParams,
        querystring: BodyEvaluationQuery,
      },
    },
    async (req, reply) => {
      const file = await getBodyEvaluation(req.db, req.actor, req.params.agencyId, req.query);
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', attachmentDisposition(file.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-cache')
        .send(file.bytes);
    },
  );
  app.get(
    '/api/scores/weights',
    {
      schema: {
        tags: ['scores'],
        summary: 'The score weights in force for a level (and programme), and the history of their settings',
        querystring: ScoreWeightsQuery,
        response: { 200: ScoreWeightsHistoryResponse },
      },
    },
    async (req) => {
      const { current, history } = await getScoreWeights(req.db, req.actor, req.query);
      return { current: toScoreWeightsResponse(current), history: history.map(toScoreWeightsResponse) };
    },
  );
  app.put(
    '/api/scores/weights',
    {
      schema: {
        tags: ['scores'],
        summary: 'Set the score weights of a level (and programme); administrators only, the earlier ones are kept',
        body: SetScoreWeightsBody,
        response: { 201: ScoreWeightsResponse },
      },
    },
    async (req, reply) =>
      reply.code(201).send(toScoreWeightsResponse(await setScoreWeights(req.db, req.actor, req.body))),
  );
};
