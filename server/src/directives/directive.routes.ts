import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DirectiveRefRow, DirectiveRow } from './directive.queries.ts';
import {
  CreateDirectiveBody,
  DirectiveDetailQuery,
  DirectiveIdParams,
  DirectiveListResponse,
  DirectiveResponse,
  DirectiveSourceResponse,
  type DirectiveSummary,
  ListDirectivesQuery,
  PublishDirectiveBody,
  UpdateDirectiveBody,
} from './directive.schemas.ts';
import {
  createDirective,
  type DirectiveDetail,
  deleteDirective,
  getDirective,
  getDirectiveSource,
  listDirectives,
  publishDirective,
  updateDirective,
} from './directive.service.ts';

export function toDirectiveSummary(row: DirectiveRow): DirectiveSummary {
  return {
    id: row.id,
    number: row.number,
    docType: row.doc_type,
    issuedOn: row.issued_on,
    issuer: row.issuer_agency_id === null ? null : { id: row.issuer_agency_id, name: row.issuer_agency_name ?? '' },
    issuerName: row.issuer_name,
    level: row.level,
    title: row.title,
    programmeCode: row.programme_code,
    status: row.status,
    scopeAgency: row.scope_agency_id === null ? null : { id: row.scope_agency_id, name: row.scope_agency_name ?? '' },
    taskCount: row.task_count,
    publishedAt: row.published_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const toDirectiveRef = (r: DirectiveRefRow) => ({
  id: r.id,
  number: r.number,
  title: r.title,
  level: r.level,
  status: r.status,
});

export function toDirectiveResponse(detail: DirectiveDetail): z.infer<typeof DirectiveResponse> {
  const { row } = detail;
  return {
    ...toDirectiveSummary(row),
    sourceFileId: row.source_file_id,
    createdBy: row.created_by === null ? null : { id: row.created_by, name: row.created_by_name ?? '' },
    publishedBy: row.published_by === null ? null : { id: row.published_by, name: row.published_by_name ?? '' },
    implements: detail.implements.map((link) => ({
      number: link.number,
      directive:
        link.id === null || link.level === null || link.status === null
          ? null
          : toDirectiveRef({
              id: link.id,
              number: link.linked_number,
              title: link.title ?? '',
              level: link.level,
              status: link.status,
            }),
    })),
    implementedBy: detail.implementedBy.map(toDirectiveRef),
    taskCounts: detail.taskCounts,
    asOf: detail.asOf,
    abilities: detail.abilities,
  };
}

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
    async (req) => {
      const source = await getDirectiveSource(req.db, req.actor, req.params.id);
      return {
        text: source.text,
        filename: source.filename,
        tasks: source.tasks.map((t) => ({
          id: t.id,
          ref: t.ref,
          sourceLine: t.source_line,
          unresolvedBodies: t.unresolved_bodies,
        })),
      };
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
