import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

export interface CalendarDayRow {
  day: string;
  kind: 'day_off' | 'working_day';
  note: string;
}

export function listCalendarDays(db: Db, year?: number): Promise<CalendarDayRow[]> {
  const inYear = year === undefined ? sql`TRUE` : sql`extract(year FROM day) = ${year}`;
  return db.query<CalendarDayRow>(sql`SELECT day, kind, note FROM calendar_days WHERE ${inYear} ORDER BY day`);
}

export async function upsertCalendarDay(
  db: Db,
  row: CalendarDayRow & { createdBy: number | null },
): Promise<CalendarDayRow> {
  const [saved] = await db.query<CalendarDayRow>(sql`
    INSERT INTO calendar_days (day, kind, note, created_by)
    VALUES (${row.day}, ${row.kind}, ${row.note}, ${row.createdBy})
    ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note,
      created_by = EXCLUDED.created_by, created_at = now()
    RETURNING day, kind, note`);
  return saved!;
}

export async function deleteCalendarDay(db: Db, day: string): Promise<boolean> {
  const rows = await db.query(sql`DELETE FROM calendar_days WHERE day = ${day} RETURNING day`);
  return rows.length > 0;
}
