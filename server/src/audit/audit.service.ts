import { type Actor, requireRole } from '../auth/actor.ts';
import { addDays, startOfVietnamDay } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import { auditXlsx } from './audit.export.ts';
import {
  type AuditEventRow,
  chainHead,
  type EventFilter,
  listEvents as listEventRows,
  verifyChainBatch,
} from './audit.queries.ts';
import {
  AUDIT_EXPORT_MAX_ROWS,
  type EventExportQuery,
  type EventFilterQuery,
  type EventListQuery,
} from './audit.schemas.ts';

// The audit trail (events): who changed what, when, before and after. Inspectors and administrators only.

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The query's filters as the queries take them: a day is the whole Vietnamese calendar day. */
function toFilter(query: EventFilterQuery, page: { limit: number; offset: number }): EventFilter {
  const from =
    query.from === undefined ? undefined : isDay(query.from) ? startOfVietnamDay(query.from) : new Date(query.from);
  const before =
    query.to === undefined ? undefined : isDay(query.to) ? startOfVietnamDay(addDays(query.to, 1)) : new Date(query.to);
  return { ...query, from, before, ...page };
}

/** A page of the trail, newest first, with the count of all rows that match. */
export async function listEvents(
  db: Db,
  actor: Actor,
  query: EventListQuery,
): Promise<{ rows: AuditEventRow[]; total: number; limit: number; offset: number }> {
  requireRole(actor, ['admin', 'inspector'], 'events.read');
  const filter = toFilter(query, query);
  const rows = await listEventRows(db, filter);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.offset > 0)
    total = (await listEventRows(db, { ...filter, limit: 1, offset: 0 }))[0]?.total ?? 0;
  return { rows, total, limit: query.limit, offset: query.offset };
}

/**
 * Every event the filters match, as an .xlsx (newest first, before and after side by side). Refused past
 * AUDIT_EXPORT_MAX_ROWS rows: the filter must be narrowed (a file of millions of rows helps nobody).
 */
export async function exportEvents(
  db: Db,
  actor: Actor,
  query: EventExportQuery,
): Promise<{ bytes: Buffer; filename: string }> {
  requireRole(actor, ['admin', 'inspector'], 'events.read');
  const rows = await listEventRows(db, toFilter(query, { limit: AUDIT_EXPORT_MAX_ROWS + 1, offset: 0 }));
  if (rows.length > AUDIT_EXPORT_MAX_ROWS) {
    throw new AppError('AUDIT_EXPORT_TOO_LARGE', {
      status: 422,
      params: { total: rows[0]!.total, max: AUDIT_EXPORT_MAX_ROWS },
    });
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    bytes: await auditXlsx(rows, query.lang),
    filename: `${query.lang === 'vi' ? 'nhat-ky' : 'audit-trail'}-${stamp}.xlsx`,
  };
}

/** Where the chain first fails: see EventChainVerification. */
export interface ChainBreak {
  /**
   * `hash`: this event's stored hash is not the hash of its content over the previous row's (this event
   * was edited, or rows just before it were removed). `tail`: the rows end before the head the writers
   * left, event `eventId` (the last one written, and maybe others before it, were removed).
   */
  problem: 'hash' | 'tail';
  eventId: number;
  at: Date | null;
}

export interface EventChainVerification {
  intact: boolean;
  /** Rows walked (all of them: a break is named, the walk goes on to count). */
  checked: number;
  firstBreak: ChainBreak | null;
  head: { lastId: number | null; hash: string | null; at: Date | null };
}

/**
 * Walks the whole hash chain of history in id order, `batchSize` rows at a time (so a long chain is never
 * held in memory), and names the first broken link. Administrators only (and the command line).
 */
export async function verifyEventChain(
  db: Db,
  actor: Actor,
  options: { batchSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<EventChainVerification> {
  requireRole(actor, ['admin'], 'events.verify');
  const batchSize = options.batchSize ?? 10_000;
  let afterId: number | null = null;
  let prevHash: string | null = null;
  let checked = 0;
  let firstBreak: ChainBreak | null = null;
  for (;;) {
    const batch = await verifyChainBatch(db, afterId, prevHash, batchSize);
    if (batch.checked === 0) break;
    checked += batch.checked;
    if (!firstBreak && batch.broken_id !== null)
      firstBreak = { problem: 'hash', eventId: batch.broken_id, at: batch.broken_at };
    afterId = batch.last_id;
    prevHash = batch.last_hash;
    options.onProgress?.(checked);
    if (batch.checked < batchSize) break;
  }
  const head = await chainHead(db);
  if (!firstBreak && (head.last_id !== afterId || head.hash !== prevHash))
    firstBreak = { problem: 'tail', eventId: head.last_id ?? 0, at: head.at };
  return {
    intact: firstBreak === null,
    checked,
    firstBreak,
    head: { lastId: head.last_id, hash: head.hash, at: head.at },
  };
}

/** The chain's head now: the hash that pins every event up to it, fit to publish (it tells nothing else). */
export async function eventChainHead(db: Db): Promise<EventChainVerification['head']> {
  const head = await chainHead(db);
  return { lastId: head.last_id, hash: head.hash, at: head.at };
}
