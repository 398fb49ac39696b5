import { type Actor, requireRole } from '../auth/actor.ts';
import { addDays, startOfVietnamDay } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import type { EventRow } from '../events/events.ts';
import { listEvents as listEventRows } from './audit.queries.ts';
import type { EventListQuery } from './audit.schemas.ts';

// The audit trail (events): who changed what, when, before and after. Inspectors and administrators only.

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A page of the trail, newest first, with the count of all rows that match. */
export async function listEvents(
  db: Db,
  actor: Actor,
  query: EventListQuery,
): Promise<{ rows: EventRow[]; total: number; limit: number; offset: number }> {
  requireRole(actor, ['admin', 'inspector'], 'events.read');
  const from =
    query.from === undefined ? undefined : isDay(query.from) ? startOfVietnamDay(query.from) : new Date(query.from);
  const before =
    query.to === undefined ? undefined : isDay(query.to) ? startOfVietnamDay(addDays(query.to, 1)) : new Date(query.to);
  const filter = { ...query, from, before };
  const rows = await listEventRows(db, filter);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.offset > 0)
    total = (await listEventRows(db, { ...filter, limit: 1, offset: 0 }))[0]?.total ?? 0;
  return { rows, total, limit: query.limit, offset: query.offset };
}
