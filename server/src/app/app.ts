import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { authPlugin } from '../auth/auth.plugin.ts';
import type { AppContext } from '../context/app-context.ts';
import type { Db } from '../db/db.ts';
import { errorHandler } from '../errors/error-handler.ts';
import { guardInputText } from '../http/input-text.ts';
import { securityHeaders } from '../http/security-headers.ts';
import { openApiOptions } from './openapi.ts';
import { registerRoutes } from './routes.ts';
import { webPlugin } from './web.ts';

/**
 * The composition root: one app process's Fastify instance with its plugins, the one error handler,
 * every concept's routes (routes.ts) and the built web app.
 */
export async function buildApp(ctx: AppContext, options: { logger?: boolean; webDist?: string } = {}) {
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Request ids appear in error logs, so a user's 500 can be found.
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorateRequest('db', null as unknown as Db);
  // A route marked `readsFromReplica` (public pages, open data, dashboards) reads from the replica when
  // there is one; everything else, every write included, goes to the primary.
  const readDb = ctx.readDb ?? ctx.db;
  app.addHook('onRequest', async (req) => {
    req.db = req.routeOptions.config.readsFromReplica ? readDb : ctx.db;
  });

  app.setErrorHandler(errorHandler);
  guardInputText(app);
  // The 404 handler (API codes, and the web app's index.html for its own addresses) is set in web.ts.

  await securityHeaders(app);
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: ctx.config.maxUploadBytes, files: 10, fields: 50, fieldSize: 1024 * 1024 },
  });
  await app.register(swagger, openApiOptions);
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin);
  await registerRoutes(app);
  await app.register(webPlugin, { dist: options.webDist });
  return app;
}
