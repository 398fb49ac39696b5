// Working days (ngày làm việc) as Vietnamese administrative deadlines count them: Monday to Friday,
// less the public holidays of the Labour Code 2019 (art. 112), with a holiday that falls on a weekend
// made up on the next working day (art. 112 cl. 3), plus the days an administrator records (the Prime
// Minister's yearly arrangement: a bridging day off, and the Saturday worked in exchange).
import { addDays } from './calendar.ts';
import { solarDateOfLunar } from './lunar.ts';

export type HolidayName = 'new_year' | 'tet' | 'hung_kings' | 'reunification' | 'labour' | 'national' | 'make_up';

export interface Holiday {
  day: string;
  name: HolidayName;
}

/** What an administrator recorded, which overrides the rules: a day off, or a day worked (làm bù). */
export interface CalendarOverrides {
  daysOff: ReadonlySet<string>;
  workingDays: ReadonlySet<string>;
}

export const NO_OVERRIDES: CalendarOverrides = { daysOff: new Set(), workingDays: new Set() };

const isWeekend = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/**
 * National Day's second day: the law gives "one day immediately before or after 2/9" and the
 * Government picks it each year. The rule it has followed since 2021: the day that joins the holiday
 * to a weekend (1/9 when that is a Monday or a Friday, or when 3/9 is a weekend day), else 3/9.
 * An administrator corrects a year that differs.
 */
function nationalDaySecondDay(year: number): string {
  const before = `${year}-09-01`;
  const after = `${year}-09-03`;
  const beforeWeekday = weekday(before);
  if (beforeWeekday === 1 || beforeWeekday === 5 || isWeekend(after)) return before;
  return after;
}

const holidayCache = new Map<number, readonly Holiday[]>();

/** The public holidays of a Gregorian year by the law's rules, with the make-up days for those on a weekend. */
export function publicHolidays(year: number): readonly Holiday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const tet = solarDateOfLunar(1, 1, year);
  const hungKings = solarDateOfLunar(10, 3, year);
  if (!tet || !hungKings) throw new Error(`no lunar new year in ${year}`);
  const statutory: Holiday[] = [
    { day: `${year}-01-01`, name: 'new_year' },
    // Tết: five days, the last day of the old lunar year and the first four of the new one (the
    // arrangement the Government has kept for officials: from "30 Tết" to mùng 4).
    ...[-1, 0, 1, 2, 3].map((offset) => ({ day: addDays(tet, offset), name: 'tet' as const })),
    { day: hungKings, name: 'hung_kings' },
    { day: `${year}-04-30`, name: 'reunification' },
    { day: `${year}-05-01`, name: 'labour' },
    { day: `${year}-09-02`, name: 'national' },
    { day: nationalDaySecondDay(year), name: 'national' },
  ];
  statutory.sort((a, b) => a.day.localeCompare(b.day));
  const taken = new Set(statutory.map((h) => h.day));
  const makeUp: Holiday[] = [];
  for (const holiday of statutory) {
    if (!isWeekend(holiday.day)) continue;
    let day = addDays(holiday.day, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    makeUp.push({ day, name: 'make_up' });
  }
  const holidays = [...statutory, ...makeUp].sort((a, b) => a.day.localeCompare(b.day));
  holidayCache.set(year, holidays);
  return holidays;
}

function isHoliday(day: string): boolean {
  const year = Number(day.slice(0, 4));
  // Every holiday and make-up day of a year falls within it (Tết is never before 21/1, no holiday is
  // in late December), so the day's own year answers.
  return publicHolidays(year).some((h) => h.day === day);
}

export function isWorkingDay(day: string, overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  if (overrides.workingDays.has(day)) return true;
  if (overrides.daysOff.has(day)) return false;
  return !isWeekend(day) && !isHoliday(day);
}

/**
 * The day `count` working days after `from` (before it when negative): the day itself is not counted,
 * as "within 15 working days of receipt" starts the day after. Zero gives `from`.
 */
export function addWorkingDays(from: string, count: number, overrides: CalendarOverrides = NO_OVERRIDES): string {
  if (!Number.isInteger(count)) throw new Error(`a whole number of working days, not ${count}`);
  const step = count < 0 ? -1 : 1;
  let day = from;
  for (let left = Math.abs(count); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day, overrides)) left--;
  }
  return day;
}
