// The one place dates and numbers are formatted for people: dd/mm/yyyy everywhere, Vietnam's calendar.
import { formatDay, VIETNAM_TIME_ZONE } from '@giamsat/shared/dates';

const VIETNAM_TZ = VIETNAM_TIME_ZONE;

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
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
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

export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}
