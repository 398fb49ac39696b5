import { IdParams } from '@giamsat/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toExtensionResponse } from './extension.responses.ts';
import {
  DecideExtensionBody,
  ExtensionListResponse,
  ExtensionResponse,
  RequestExtensionBody,
} from './extension.schemas.ts';
import { decideExtension, listExtensionsOfTask, requestExtension } from './extension.service.ts';

/** Deadline extensions: the lead body asks, the managing office decides. */
export const extensionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const extensions = { tags: ['extensions'] };

  app.post(
    '/api/tasks/:id/extensions',
    { schema: { ...extensions, params: IdParams, body: RequestExtensionBody, response: { 201: ExtensionResponse } } },
    async (req, reply) =>
      reply.code(201).send(toExtensionResponse(await requestExtension(req.db, req.actor, req.params.id, req.body))),
  );

  app.get(
    '/api/tasks/:id/extensions',
    { schema: { ...extensions, params: IdParams, response: { 200: ExtensionListResponse } } },
    async (req) => ({ items: (await listExtensionsOfTask(req.db, req.actor, req.params.id)).map(toExtensionResponse) }),
  );

  app.post(
    '/api/extensions/:id/decide',
    { schema: { ...extensions, params: IdParams, body: DecideExtensionBody, response: { 200: ExtensionResponse } } },
    async (req) => toExtensionResponse(await decideExtension(req.db, req.actor, req.params.id, req.body)),
  );
};
