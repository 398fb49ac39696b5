import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { matchWrittenBody } from './directive.bodies.ts';
import { toDirectiveResponse, toDirectiveSourceResponse, toDirectiveSummary } from './directive.responses.ts';
import {
  CreateDirectiveBody,
  DirectiveDetailQuery,
  DirectiveIdParams,
  DirectiveListResponse,
  DirectiveResponse,
  DirectiveSourceResponse,
  ListDirectivesQuery,
  MatchWrittenBodyBody,
  MatchWrittenBodyResponse,
  PublishDirectiveBody,
  PublishPreviewResponse,
  SourcePageParams,
  UpdateDirectiveBody,
} from './directive.schemas.ts';
import {
  createDirective,
  deleteDirective,
  getDirective,
  getDirectiveSource,
  getSourcePageImage,
  listDirectives,
  previewPublish,
  publishDirective,
  updateDirective,
} from './directive.service.ts';

export const directivesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['directives'];

  app.post(
    '/api/directives',
    {
      schema: {
        tags,
        summary: 'Create a draft directive',
        body: CreateDirectiveBody,
        response: { 201: DirectiveResponse },
      },
    },
    async (req, reply) => reply.code(201).send(toDirectiveResponse(await createDirective(req.db, req.actor, req.body))),
  );

  app.get(
    '/api/directives',
    {
      schema: {
        tags,
        summary: 'Directives visible to me',
        querystring: ListDirectivesQuery,
        response: { 200: DirectiveListResponse },
      },
    },
    async (req) => {
      const page = await listDirectives(req.db, req.actor, req.query);
      return { items: page.rows.map(toDirectiveSummary), total: page.total, limit: page.limit, offset: page.offset };
    },
  );

  app.get(
    '/api/directives/:id',
    {
      schema: {
        tags,
        summary: 'A directive with its links, task counts and what I may do',
        params: DirectiveIdParams,
        querystring: DirectiveDetailQuery,
        response: { 200: DirectiveResponse },
      },
    },
    async (req) => toDirectiveResponse(await getDirective(req.db, req.actor, req.params.id, req.query)),
  );

  app.get(
    '/api/directives/:id/source',
    {
      schema: {
        tags,
        summary: 'The text the directive was read from, and the line where each of its tasks starts',
        params: DirectiveIdParams,
        response: { 200: DirectiveSourceResponse },
      },
    },
    async (req) => toDirectiveSourceResponse(await getDirectiveSource(req.db, req.actor, req.params.id)),
  );

  app.get(
    '/api/directives/:id/source/pages/:page',
    {
      schema: {
        tags,
        summary: "One page of a scanned source, as the image OCR read (PNG), for the review's side-by-side view",
        params: SourcePageParams,
      },
    },
    async (req, reply) => {
      const image = await getSourcePageImage(req.db, app.ctx.storage, req.actor, req.params.id, req.params.page);
      // An image the server rendered itself, shown in an <img>: never sniffed as anything else, never
      // a document that could run script, never kept by a shared cache (a draft is its office's only).
      return reply
        .header('Content-Type', 'image/png')
        .header('Content-Disposition', `inline; filename="page-${req.params.page}.png"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, no-cache')
        .send(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    },
  );

  app.patch(
    '/api/directives/:id',
    {
      schema: {
        tags,
        summary: 'Edit a directive (send the version you read; a stale one gets 409)',
        params: DirectiveIdParams,
        body: UpdateDirectiveBody,
        response: { 200: DirectiveResponse },
      },
    },
    async (req) => toDirectiveResponse(await updateDirective(req.db, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/directives/:id/publish-preview',
    {
      schema: {
        tags,
        summary: 'What publishing the draft would do: how many tasks go live and how many bodies are notified',
        params: DirectiveIdParams,
        response: { 200: PublishPreviewResponse },
      },
    },
    async (req) => previewPublish(req.db, req.actor, req.params.id),
  );

  app.post(
    '/api/directives/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a reviewed draft and notify the assigned bodies',
        params: DirectiveIdParams,
        body: PublishDirectiveBody,
        response: { 200: DirectiveResponse },
      },
    },
    async (req) => toDirectiveResponse(await publishDirective(req.db, req.actor, req.params.id, req.body ?? {})),
  );

  app.post(
    '/api/directives/:id/match-body',
    {
      schema: {
        tags,
        summary: 'Match a written name to a body in every task of the directive that wrote it',
        params: DirectiveIdParams,
        body: MatchWrittenBodyBody,
        response: { 200: MatchWrittenBodyResponse },
      },
    },
    async (req) => matchWrittenBody(req.db, req.actor, req.params.id, req.body),
  );

  app.delete(
    '/api/directives/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft directive and its tasks',
        params: DirectiveIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteDirective(req.db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
