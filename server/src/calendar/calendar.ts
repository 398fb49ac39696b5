// Deadlines live in Asia/Ho_Chi_Minh: "today" is the Vietnamese calendar day, whatever the server's zone.
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (yyyy-mm-dd) in Vietnam at the given instant. */
export function vietnamDate(instant: Date = new Date()): string {
  return VIETNAM_DAY.format(instant);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The instant a Vietnamese calendar day (yyyy-mm-dd) begins: Vietnam keeps UTC+7, with no summer time. */
export function startOfVietnamDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+07:00`);
}
