import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Actor } from '../auth/actor.ts';
import { authPlugin } from '../auth/auth.plugin.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import type { Storage } from '../storage/storage.ts';
import { AppError } from './app-error.ts';
import { registerRoutes } from './routes.ts';
import { webPlugin } from './web.ts';

declare module 'fastify' {
  interface FastifyRequest {
    db: Db;
    actor: Actor;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export interface AppContext {
  db: Db;
  config: Config;
  storage: Storage;
}

export type App = FastifyInstance;

/** Fastify's own refusals, renamed to the stable codes the web app translates. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'NOT_MULTIPART',
};

export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}) {
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
  app.decorateRequest<Actor | null>('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    req.db = ctx.db;
  });

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send({ code: error.code, params: error.params });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        code: 'VALIDATION_FAILED',
        params: { context: error.validationContext },
        issues: error.validation.map((v) => ({
          path: v.instancePath,
          message: v.message,
          params: v.params,
        })),
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx: malformed JSON, body too large, unsupported media type…
      const code = (error.code && FRAMEWORK_CODES[error.code]) ?? error.code ?? 'BAD_REQUEST';
      return reply.code(status).send({ code, params: { message: error.message } });
    }
    req.log.error({ err: error, reqId: req.id }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL_ERROR', params: { requestId: req.id } });
  });
  // The 404 handler (API codes, and the web app's index.html for its own addresses) is set in web.ts.

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: ctx.config.maxUploadBytes, files: 10, fields: 50, fieldSize: 1024 * 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'giamsat API', version: '0.1.0', description: 'Theo dõi nhiệm vụ — Nghị quyết 57-NQ/TW' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'giamsat_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin);
  await registerRoutes(app);
  await app.register(webPlugin);
  return app;
}
