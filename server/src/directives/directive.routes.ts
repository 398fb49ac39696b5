import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const directivesRoutes: FastifyPluginAsyncZod = async () => {};
