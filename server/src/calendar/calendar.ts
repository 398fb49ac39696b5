// Deadlines live in Asia/Ho_Chi_Minh: "today" is the Vietnamese calendar day, whatever the server's zone
// (one definition, in @giamsat/shared/dates, shared with the web app's file names and "today").
export { vietnamDate } from '@giamsat/shared/dates';

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The instant a Vietnamese calendar day (yyyy-mm-dd) begins: Vietnam keeps UTC+7, with no summer time. */
export function startOfVietnamDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+07:00`);
}
