// The public site's HTTP cache (issue 12): every public page, open data set and public API answer is
// stamped with the version of what the public sees (migration 0120: a row per writing transaction,
// added by triggers in the same transaction as the write) and the day deadlines are judged on. A
// request asks the database for the version — one cheap query, so every app process agrees at once
// after a write, with nothing to invalidate by hand — and answers 304 to a client (or CDN) that holds
// that version, the copy this process already rendered at that version, or renders it afresh.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

/**
 * Caches (a CDN, a browser) may keep a copy but must ask again each time (`no-cache`): the answer is a
 * 304 until the data changes, so nobody is shown figures a timer let go stale.
 */
export const PUBLIC_CACHE_CONTROL = 'public, no-cache';

/** Above this many rows the version's table is folded into one (a read then costs as little as ever). */
const COMPACT_ABOVE = 500;

/**
 * The version of what the public sees: changes with every committed write to it, never goes back.
 * Read before the data, so a page is never older than the version it is cached under.
 */
export async function publicDataVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ version: string; rows: number }>(
    sql`SELECT coalesce(sum(weight), 0)::text AS version, count(*)::int AS rows FROM public_data_changes`,
  );
  if ((row?.rows ?? 0) > COMPACT_ABOVE) await compactPublicChanges(db);
  return row?.version ?? '0';
}

/**
 * Folds the version's rows into one with their summed weight, in one statement: readers see the sum
 * before or after (the same), writers meanwhile add rows it does not see and keep them.
 */
export async function compactPublicChanges(db: Db): Promise<void> {
  await db.query(sql`
    WITH gone AS (DELETE FROM public_data_changes RETURNING weight)
    INSERT INTO public_data_changes (xact, weight)
    SELECT -txid_current(), sum(weight) FROM gone HAVING count(*) > 0`);
}

/** The validator of a public answer: the data's version and the day its deadlines are judged on. */
export async function publicEtag(db: Db): Promise<string> {
  return `W/"${await publicDataVersion(db)}-${vietnamDate()}"`;
}

export interface PublicAnswer {
  status: number;
  type: string;
  body: string | Buffer;
}

interface Entry extends PublicAnswer {
  etag: string;
}

/** Rendered answers per database (a test process opens several), by address; the oldest go first. */
const caches = new WeakMap<Db, Map<string, Entry>>();
const MAX_ENTRIES = 2_000;
const MAX_BODY = 2 * 1024 * 1024;

function cacheOf(db: Db): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** Did the client send back this validator (If-None-Match, a list or `*`)? */
export function clientHolds(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}

/** Sets the validator and caching headers; answers 304 when the client holds the version. Returns whether it did. */
export function notModified(req: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag).header('cache-control', PUBLIC_CACHE_CONTROL);
  if (!clientHolds(req, etag)) return false;
  reply.code(304).send();
  return true;
}

/**
 * Answers a public GET through the cache: 304 when the client holds the current version, this
 * process's copy rendered at that version, or `render()` (cached when small enough).
 */
export async function cachedAnswer(
  req: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<PublicAnswer>,
): Promise<FastifyReply> {
  const etag = await publicEtag(req.db);
  if (notModified(req, reply, etag)) return reply;
  const cache = cacheOf(req.db);
  let entry = cache.get(req.url);
  if (entry?.etag !== etag) {
    entry = { ...(await render()), etag };
    cache.delete(req.url);
    if (entry.body.length <= MAX_BODY) {
      cache.set(req.url, entry);
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    }
  }
  return reply.code(entry.status).type(entry.type).send(entry.body);
}
