import type { FastifyInstance } from 'fastify';
import { authRoutes } from '../auth/auth.routes.ts';

/** Every concept's routes, in one list so the API's surface is visible at a glance. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }));
  await app.register(authRoutes);
}
