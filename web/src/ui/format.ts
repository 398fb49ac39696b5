// The one place dates and numbers are formatted for people: dd/mm/yyyy everywhere, Vietnam's calendar.

const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

const dayFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 'yyyy-mm-dd' (a calendar day, no time zone) or an ISO timestamp → 'dd/mm/yyyy'. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '' : dayFormatter.format(date);
}

/** An instant → 'dd/mm/yyyy HH:mm' in Vietnam's time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return `${dayFormatter.format(date)} ${timeFormatter.format(date)}`;
}

/** A JS Date picked in a date input → 'yyyy-mm-dd' (its local calendar day). */
export function toIsoDate(value: Date | string | null): string | null {
  if (!value) return null;
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
  const y = value.getFullYear();
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

/** Today's calendar day in Vietnam as 'yyyy-mm-dd'. */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TZ }).format(new Date());
}
