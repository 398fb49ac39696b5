import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toDirectiveResponse } from '../directives/directive.responses.ts';
import { CreatePlanBody, PlanResponse } from './plan.schemas.ts';
import { createPlan } from './plan.service.ts';

export const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/plans',
    {
      schema: {
        tags: ['directives'],
        summary: 'Create an implementation plan with its tasks, and publish it if asked, in one transaction',
        body: CreatePlanBody,
        response: { 201: PlanResponse },
      },
    },
    async (req, reply) => {
      const { plan, taskIds, warnings } = await createPlan(req.db, req.actor, req.body);
      return reply.code(201).send({ plan: toDirectiveResponse(plan), taskIds, warnings });
    },
  );
};
