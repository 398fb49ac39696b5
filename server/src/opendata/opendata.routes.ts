import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vietnamDate } from '../calendar/calendar.ts';
import { cachedAnswer, notModified, publicEtag } from '../public/public.cache.ts';
import { PublicLanguage, speech } from '../public/public.messages.ts';
import { readAsThePublic } from '../public/public.routes.ts';
import { notFoundPage } from '../public/public.views.ts';
import { dataSetHead } from './opendata.dictionary.ts';
import { csvStream, jsonStream, xlsxStream } from './opendata.formats.ts';
import { openDataWords } from './opendata.messages.ts';
import {
  DataSetName,
  DownloadFormat,
  OpenBodiesPage,
  OpenBodiesQuery,
  OpenDirectivesPage,
  OpenDirectivesQuery,
  OpenTasksPage,
  OpenTasksQuery,
} from './opendata.schemas.ts';
import { loadFeed, openBodies, openDirectives, openTasks, wholeDataSet } from './opendata.service.ts';
import { atomFeed, openDataPage, openDataPaths } from './opendata.views.ts';

const PageQuery = z.object({ lang: PublicLanguage.catch('vi') });
const FileParams = z.object({ file: z.string().max(100) });
const DOWNLOAD = new RegExp(`^(${DataSetName.options.join('|')})\\.(${DownloadFormat.options.join('|')})$`);

const CONTENT_TYPES: Record<DownloadFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A page of the API through the public cache; the page goes through its schema, so no other field leaves. */
async function apiPage<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  schema: z.ZodType<T>,
  load: () => Promise<unknown>,
): Promise<void> {
  await cachedAnswer(req, reply, async () => ({
    status: 200,
    type: 'application/json; charset=utf-8',
    body: JSON.stringify(schema.parse(await load())),
  }));
}

const notModifiedResponse = z.null().describe('Not modified: the data has not changed since the ETag sent');

/**
 * The open data (issue 12): its page with the data dictionary, whole data sets as CSV, JSON and .xlsx
 * (streamed), an Atom feed, and the paging JSON API. Everything is read as the PUBLIC actor and carries
 * the public data's ETag (public.cache.ts).
 */
export const openDataRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRoute', readAsThePublic);
  app.get(openDataPaths.page, { schema: { hide: true, querystring: PageQuery } }, (req, reply) =>
    cachedAnswer(req, reply, async () => ({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: openDataPage(speech(req.query.lang), vietnamDate()).markup,
    })),
  );

  app.get(
    `${openDataPaths.page}/:file`,
    { schema: { hide: true, querystring: PageQuery, params: FileParams } },
    async (req, reply) => {
      const s = speech(req.query.lang);
      if (`${openDataPaths.page}/${req.params.file}` === openDataPaths.feed) {
        // The site's own address (APP_URL), never the request's Host: the feed is cached for every reader.
        const appUrl = new URL(app.ctx.config.appUrl);
        const site = { origin: appUrl.origin, host: appUrl.hostname };
        return cachedAnswer(req, reply, async () => ({
          status: 200,
          type: 'application/atom+xml; charset=utf-8',
          body: atomFeed(s, await loadFeed(req.db), site).markup,
        }));
      }
      const match = DOWNLOAD.exec(req.params.file);
      if (!match) {
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(notFoundPage(s, `${openDataPaths.page}/${req.params.file}`).markup);
      }
      const set = match[1] as DataSetName;
      const format = match[2] as DownloadFormat;
      // Whole sets are streamed, never held: only the validator is checked, the body is written afresh.
      if (notModified(req, reply, await publicEtag(req.db))) return reply;
      const head = dataSetHead(s, set, vietnamDate());
      const pages = wholeDataSet(req.db, set);
      const od = openDataWords(s.lang);
      const body =
        format === 'csv'
          ? csvStream(head, pages)
          : format === 'json'
            ? jsonStream(head, pages)
            : xlsxStream(head, pages, { sheet: od.dictionary, column: od.column, type: od.type, meaning: od.meaning });
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${set}-${head.asOf}.${format}"`)
        .send(body);
    },
  );

  const tags = ['public'];
  const responses = <T extends z.ZodType>(page: T) => ({ 200: page, 304: notModifiedResponse });

  app.get(
    openDataPaths.api('tasks'),
    {
      schema: {
        tags,
        summary: 'Published tasks, a page at a time in id order (open data)',
        querystring: OpenTasksQuery,
        response: responses(OpenTasksPage),
      },
    },
    (req, reply) => apiPage(req, reply, OpenTasksPage, () => openTasks(req.db, req.query)),
  );

  app.get(
    openDataPaths.api('directives'),
    {
      schema: {
        tags,
        summary: 'Published directives, a page at a time in id order (open data)',
        querystring: OpenDirectivesQuery,
        response: responses(OpenDirectivesPage),
      },
    },
    (req, reply) => apiPage(req, reply, OpenDirectivesPage, () => openDirectives(req.db, req.query)),
  );

  for (const set of ['bodies', 'provinces'] as const) {
    app.get(
      openDataPaths.api(set),
      {
        schema: {
          tags,
          summary:
            set === 'bodies'
              ? "Each body's figures over the tasks it leads, a page at a time in id order (open data)"
              : "Each province's figures, its bodies included, a page at a time in id order (open data)",
          querystring: OpenBodiesQuery,
          response: responses(OpenBodiesPage),
        },
      },
      (req, reply) => apiPage(req, reply, OpenBodiesPage, () => openBodies(req.db, set, req.query)),
    );
  }
};
