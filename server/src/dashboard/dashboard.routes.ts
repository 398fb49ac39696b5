import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toDashboardResponse } from './dashboard.responses.ts';
import { DashboardQuery, DashboardResponse } from './dashboard.schemas.ts';
import { getDashboard } from './dashboard.service.ts';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    {
      // Figures a moment behind the primary are fine here: read from the replica when there is one.
      config: { readsFromReplica: true },
      schema: {
        tags: ['dashboard'],
        summary: 'Monitoring figures for a scope (no login needed: the public sees published data)',
        querystring: DashboardQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (req) => toDashboardResponse(await getDashboard(req.db, req.actor, req.query)),
  );
};
