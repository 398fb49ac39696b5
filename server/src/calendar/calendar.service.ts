import { type Actor, actorUserId, requireRole } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { deleteCalendarDay, listCalendarDays, upsertCalendarDay } from './calendar.queries.ts';
import type { CalendarDayResponse, SetCalendarDayBody } from './calendar.schemas.ts';
import { type CalendarOverrides, publicHolidays } from './working-days.ts';

/** What the administrators recorded, for the working-day arithmetic (a small table: read whole). */
export async function loadCalendarOverrides(db: Db): Promise<CalendarOverrides> {
  const rows = await listCalendarDays(db);
  return {
    daysOff: new Set(rows.filter((r) => r.kind === 'day_off').map((r) => r.day)),
    workingDays: new Set(rows.filter((r) => r.kind === 'working_day').map((r) => r.day)),
  };
}

/** A year's days off by law and the administrators' entries over them (anyone signed in may read). */
export async function listYearCalendar(db: Db, actor: Actor, year: number): Promise<CalendarDayResponse[]> {
  requireRole(actor, ['admin', 'office', 'focal', 'head', 'inspector'], 'calendar.read');
  const recorded = await listCalendarDays(db, year);
  const byAdministrator = new Set(recorded.map((r) => r.day));
  const days: CalendarDayResponse[] = [
    ...publicHolidays(year)
      .filter((h) => !byAdministrator.has(h.day))
      .map((h) => ({ day: h.day, kind: 'day_off' as const, note: h.name, source: 'law' as const })),
    ...recorded.map((r) => ({ ...r, source: 'administrator' as const })),
  ];
  return days.sort((a, b) => a.day.localeCompare(b.day));
}

export async function setCalendarDay(
  db: Db,
  actor: Actor,
  day: string,
  input: SetCalendarDayBody,
): Promise<CalendarDayResponse> {
  requireRole(actor, ['admin'], 'calendar.edit');
  const saved = await upsertCalendarDay(db, { day, ...input, createdBy: actorUserId(actor) });
  return { ...saved, source: 'administrator' };
}

export async function removeCalendarDay(db: Db, actor: Actor, day: string): Promise<void> {
  requireRole(actor, ['admin'], 'calendar.edit');
  if (!(await deleteCalendarDay(db, day))) throw CommonErrors.notFound('calendar_day', day);
}
