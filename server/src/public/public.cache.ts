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

/** Primaries a replica's reader has asked to fold the rows, until they have. */
const compactingOn = new WeakSet<Db>();

/** The version as the database has it now (and the table folded when it has grown). */
async function readVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ version: string; rows: number }>(
    sql`SELECT coalesce(sum(weight), 0)::text AS version, count(*)::int AS rows FROM public_data_changes`,
  );
  if ((row?.rows ?? 0) > COMPACT_ABOVE) {
    // A replica cannot write: its primary folds the rows (housekeeping; a primary that is down skips it).
    const primary = db.primary;
    if (!primary) await compactPublicChanges(db);
    else if (!compactingOn.has(primary)) {
      compactingOn.add(primary);
      void compactPublicChanges(primary)
        .catch(() => {})
        .finally(() => compactingOn.delete(primary));
    }
  }
  return row?.version ?? '0';
}

/** Per database: the read in flight, and the one queued after it for requests that came meanwhile. */
const readers = new WeakMap<Db, { running?: Promise<string>; queued?: Promise<string> }>();

/**
 * The version of what the public sees: changes with every committed write to it, never goes back.
 * Read before the data, so a page is never older than the version it is cached under.
 *
 * Requests arriving together share a read, but only one that starts after they arrived: a request
 * that comes while a read is running waits for the next, so it sees every write committed before
 * it came. Under load a process asks once per round trip instead of once per request.
 */
export function publicDataVersion(db: Db): Promise<string> {
  let reader = readers.get(db);
  if (!reader) {
    reader = {};
    readers.set(db, reader);
  }
  const r = reader;
  const start = () => {
    const read = readVersion(db).finally(() => {
      if (r.running === read) r.running = undefined;
    });
    r.running = read;
    return read;
  };
  if (!r.running) return start();
  r.queued ??= r.running
    .catch(() => undefined)
    .then(() => {
      r.queued = undefined;
      return start();
    });
  return r.queued;
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

/**
 * Rendered answers per database (a test process opens several), by address, at most MAX_BYTES in all
 * (any query string is an address, so a visitor could otherwise fill the memory); the oldest go first.
 */
interface Cache {
  entries: Map<string, Entry>;
  bytes: number;
}
const caches = new WeakMap<Db, Cache>();
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_BODY = 2 * 1024 * 1024;

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { entries: new Map(), bytes: 0 };
    caches.set(db, cache);
  }
  return cache;
}

function remember(cache: Cache, key: string, entry: Entry): void {
  const old = cache.entries.get(key);
  if (old) {
    cache.entries.delete(key);
    cache.bytes -= old.body.length;
  }
  if (entry.body.length > MAX_BODY) return;
  cache.entries.set(key, entry);
  cache.bytes += entry.body.length;
  for (const [oldest, { body }] of cache.entries) {
    if (cache.bytes <= MAX_BYTES) break;
    cache.entries.delete(oldest);
    cache.bytes -= body.length;
  }
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
  let entry = cache.entries.get(req.url);
  if (entry?.etag !== etag) {
    const answer = await render();
    // Kept as bytes: each answer from the copy then costs no encoding.
    entry = { ...answer, body: Buffer.from(answer.body), etag };
    remember(cache, req.url, entry);
  }
  return reply.code(entry.status).type(entry.type).send(entry.body);
}
