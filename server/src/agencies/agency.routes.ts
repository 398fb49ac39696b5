import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const agenciesRoutes: FastifyPluginAsyncZod = async () => {};
