import { type Actor, requireRole } from '../auth/actor.ts';
import { addDays } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import type { EventListQuery } from './account.schemas.ts';
import { type EventRow, listEvents as listEventRows } from './audit.queries.ts';

// The audit trail (events): who changed what, when, before and after. Inspectors and administrators only.

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
// A calendar day is a day in Vietnam, whatever the server's time zone.
const startOfVietnamDay = (day: string) => new Date(`${day}T00:00:00+07:00`);

export function toEventResponse(row: EventRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor:
      row.actor_id !== null
        ? { id: row.actor_id, username: row.actor_username ?? '', fullName: row.actor_full_name ?? '' }
        : null,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}

export async function listEvents(db: Db, actor: Actor, query: EventListQuery) {
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
  return { items: rows.map(toEventResponse), total, limit: query.limit, offset: query.offset };
}
