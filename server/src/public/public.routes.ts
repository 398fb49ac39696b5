import { RowId } from '@giamsat/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import type { Html } from './public.html.ts';
import { PublicLanguage, type Speech, speech } from './public.messages.ts';
import { loadBody, loadDirective, loadHome, loadTask, search } from './public.service.ts';
import {
  bodyPage,
  directivePage,
  homePage,
  notFoundPage,
  PUBLIC_ROOT,
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

function send(reply: FastifyReply, page: Html, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page.markup);
}

/** Renders the page of a published record, or the site's 404 page when it is not there or not public. */
async function recordPage<V>(
  reply: FastifyReply,
  s: Speech,
  path: string,
  rawId: string,
  load: (id: number) => Promise<V>,
  render: (s: Speech, view: V) => Html,
) {
  const id = RowId.safeParse(rawId);
  if (!id.success) return send(reply, notFoundPage(s, path), 404);
  try {
    return send(reply, render(s, await load(id.data)));
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return send(reply, notFoundPage(s, path), 404);
    throw error;
  }
}

/**
 * The public site ("Ba công khai"), server-rendered for anyone without sign-in: the national picture,
 * a body's page, a directive's, a task's, and search. Hidden from the API document: these are pages.
 */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { hide: true, querystring: PageQuery };

  app.get(PUBLIC_ROOT, { schema }, async (req, reply) =>
    send(reply, homePage(speech(req.query.lang), await loadHome(req.db))),
  );

  app.get(publicPaths.search, { schema: { hide: true, querystring: SearchQuery } }, async (req, reply) =>
    send(reply, searchPage(speech(req.query.lang), await search(req.db, req.query.q))),
  );

  app.get(`${PUBLIC_ROOT}/co-quan/:id`, { schema: { ...schema, params: IdParams } }, (req, reply) =>
    recordPage(reply, speech(req.query.lang), pathOf(req.url), req.params.id, (id) => loadBody(req.db, id), bodyPage),
  );

  app.get(`${PUBLIC_ROOT}/van-ban/:id`, { schema: { ...schema, params: IdParams } }, (req, reply) =>
    recordPage(
      reply,
      speech(req.query.lang),
      pathOf(req.url),
      req.params.id,
      (id) => loadDirective(req.db, id),
      directivePage,
    ),
  );

  app.get(`${PUBLIC_ROOT}/nhiem-vu/:id`, { schema: { ...schema, params: IdParams } }, (req, reply) =>
    recordPage(reply, speech(req.query.lang), pathOf(req.url), req.params.id, (id) => loadTask(req.db, id), taskPage),
  );

  /** Any other address under the site: its own 404 page, never the web app. */
  app.get(`${PUBLIC_ROOT}/*`, { schema }, (req, reply) =>
    send(reply, notFoundPage(speech(req.query.lang), pathOf(req.url)), 404),
  );
};
