import { RowId } from '@giamsat/shared';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC } from '../auth/actor.ts';
import { AppError, CommonErrors } from '../errors/app-error.ts';
import { downloadEvidence } from '../evidence/evidence.service.ts';
import { attachmentDisposition } from '../evidence/evidence-types.ts';
import { EMBEDDABLE } from '../http/security-headers.ts';
import { cachedAnswer, PUBLIC_CACHE_CONTROL } from './public.cache.ts';
import type { Html } from './public.html.ts';
import { PublicLanguage, type Speech, speech } from './public.messages.ts';
import { loadBody, loadBodyCard, loadDirective, loadHome, loadTask, search } from './public.service.ts';
import {
  bodyCardPage,
  bodyPage,
  directivePage,
  homePage,
  notFoundPage,
  PUBLIC_ROOT,
  PUBLIC_SCRIPT,
  publicPaths,
  searchPage,
  taskPage,
} from './public.views.ts';

// A visitor's address is never refused with an API error: an unknown language is Vietnamese, a
// malformed id or a page not public is the site's own "not found" page.
const PageQuery = z.object({ lang: PublicLanguage.catch('vi') });
const SearchQuery = PageQuery.extend({ q: z.string().trim().max(200).catch('') });
const IdParams = z.object({ id: z.string() });

const pathOf = (url: string) => url.split('?')[0]!;

/** A page through the public cache (public.cache.ts): 304, this process's copy at the data's version, or rendered. */
function send(req: FastifyRequest, reply: FastifyReply, render: () => Promise<{ page: Html; status?: number }>) {
  return cachedAnswer(req, reply, async () => {
    const { page, status = 200 } = await render();
    return { status, type: 'text/html; charset=utf-8', body: page.markup };
  });
}

/** Renders the page of a published record, or the site's 404 page when it is not there or not public. */
function recordPage<V>(
  req: FastifyRequest,
  reply: FastifyReply,
  s: Speech,
  rawId: string,
  load: (id: number) => Promise<V>,
  render: (s: Speech, view: V) => Html,
) {
  const notFound = { page: notFoundPage(s, pathOf(req.url)), status: 404 };
  return send(req, reply, async () => {
    const id = RowId.safeParse(rawId);
    if (!id.success) return notFound;
    try {
      return { page: render(s, await load(id.data)) };
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return notFound;
      throw error;
    }
  });
}

/**
 * Every route of the public site and its open data answers everyone alike, read from the replica when
 * there is one (READ_DATABASE_URL).
 */
export function readAsThePublic(route: RouteOptions): void {
  route.config = { ...route.config, readsFromReplica: true, sameForEveryone: true };
}

/**
 * The public site ("Ba công khai"), server-rendered for anyone without sign-in: the national picture,
 * a body's page, a directive's, a task's, and search. Hidden from the API document: these are pages.
 */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRoute', readAsThePublic);
  const schema = { hide: true, querystring: PageQuery };

  app.get(PUBLIC_ROOT, { schema }, (req, reply) =>
    send(req, reply, async () => ({ page: homePage(speech(req.query.lang), await loadHome(req.db)) })),
  );

  app.get(publicPaths.search, { schema: { hide: true, querystring: SearchQuery } }, (req, reply) =>
    send(req, reply, async () => ({ page: searchPage(speech(req.query.lang), await search(req.db, req.query.q)) })),
  );

  app.get(`${PUBLIC_ROOT}/co-quan/:id`, { schema: { ...schema, params: IdParams } }, (req, reply) =>
    recordPage(
      req,
      reply,
      speech(req.query.lang),
      req.params.id,
      (id) => loadBody(req.db, id),
      (s, view) => bodyPage(s, view, app.ctx.config.appUrl),
    ),
  );

  // The body's card: the one address another site may frame (its own security headers: EMBEDDABLE).
  app.get(
    `${PUBLIC_ROOT}/nhung/co-quan/:id`,
    { schema: { ...schema, params: IdParams }, helmet: EMBEDDABLE },
    (req, reply) =>
      recordPage(req, reply, speech(req.query.lang), req.params.id, (id) => loadBodyCard(req.db, id), bodyCardPage),
  );

  app.get(publicPaths.script, { schema }, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PUBLIC_SCRIPT),
  );

  app.get(`${PUBLIC_ROOT}/van-ban/:id`, { schema: { ...schema, params: IdParams } }, (req, reply) =>
    recordPage(req, reply, speech(req.query.lang), req.params.id, (id) => loadDirective(req.db, id), directivePage),
  );

  app.get(`${PUBLIC_ROOT}/nhiem-vu/:id`, { schema: { ...schema, params: IdParams } }, (req, reply) =>
    recordPage(req, reply, speech(req.query.lang), req.params.id, (id) => loadTask(req.db, id), taskPage),
  );

  // A public evidence file (marked public by the reviewer of its accepted report, auth/scope.ts): always an
  // attachment, its type from the checked allowlist, sandboxed, so a file never runs as a page of the site.
  app.get(`${PUBLIC_ROOT}/minh-chung/:id`, { schema: { ...schema, params: IdParams } }, async (req, reply) => {
    const s = speech(req.query.lang);
    const id = RowId.safeParse(req.params.id);
    try {
      if (!id.success) throw CommonErrors.notFound('evidence', req.params.id);
      const file = await downloadEvidence(req.db, app.ctx.storage, PUBLIC, id.data);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', PUBLIC_CACHE_CONTROL)
        .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 404) throw error;
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(notFoundPage(s, pathOf(req.url)).markup);
    }
  });

  /** Any other address under the site: its own 404 page, never the web app. */
  app.get(`${PUBLIC_ROOT}/*`, { schema }, (req, reply) =>
    send(req, reply, async () => ({ page: notFoundPage(speech(req.query.lang), pathOf(req.url)), status: 404 })),
  );
};
