// Calendar days as Vietnam counts and writes them, everywhere: which days exist, how a day typed by
// hand is read (day first: dd/mm/yyyy), and which day it is in Vietnam now. The server, the web app and
// the extraction library import it as '@giamsat/shared/dates' (no dependencies).

/** Deadlines live in Vietnam's time zone (UTC+7, no summer time), whatever the server's or browser's. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const pad = (n: number) => String(n).padStart(2, '0');

/** A year a directive or a deadline can mean (a typed "0027" or a document number's "9999" is not one). */
export function isPlausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2200;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'yyyy-mm-dd', or null when that day does not exist (31/02, month 13, day 0): never rolled over. */
export function calendarDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (!isPlausibleYear(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** What a typed day says: the day, or why it is not one (not written dd/mm/yyyy, or no such day). */
export type TypedDay = { day: string } | { problem: 'format' | 'no_such_day' };

// Day first, as Vietnamese writes it: 5/6/2027, 05/06/2027, 05-06-2027, 05.06.2027 (one separator).
const TYPED_DAY = /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\s*$/;

/** A day typed by hand, read day first. */
export function readTypedDay(text: string): TypedDay {
  const match = TYPED_DAY.exec(text);
  if (!match) return { problem: 'format' };
  const day = calendarDay(Number(match[4]), Number(match[3]), Number(match[1]));
  return day ? { day } : { problem: 'no_such_day' };
}

/** A day typed by hand → 'yyyy-mm-dd', or null when it is not a day (see readTypedDay for why). */
export function parseTypedDay(text: string): string | null {
  const read = readTypedDay(text);
  return 'day' in read ? read.day : null;
}

/** 'yyyy-mm-dd' → 'dd/mm/yyyy', the only way a day is shown. */
export function formatDay(isoDay: string): string {
  const [year, month, day] = isoDay.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (yyyy-mm-dd) in Vietnam at the given instant: "today" for deadlines and file names. */
export function vietnamDate(instant: Date = new Date()): string {
  return VIETNAM_DAY.format(instant);
}
