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

/** The locale numbers are written in for the UI's language: 1.816 and 25,7 in Vietnamese, 1,816 and 25.7 in English. */
function numberLocale(language: string): string {
  return language === 'vi' ? 'vi-VN' : 'en-GB';
}

/** A count or a measure with the language's separators, with exactly `digits` decimals when given. */
export function formatNumber(value: number, language: string, digits?: number): string {
  const decimals = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return new Intl.NumberFormat(numberLocale(language), decimals).format(value);
}

/**
 * A fraction (0.257) as a percentage in the language: "25,7 %" in Vietnamese (a no-break space before
 * the sign, as Vietnamese writes it; ICU's vi pattern has none), "25.7%" in English.
 */
export function formatPercent(value: number | null | undefined, language: string, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${formatNumber(value * 100, language, digits)}${percentSuffix(language)}`;
}

/** What follows a percentage's number: " %" (no-break space) in Vietnamese, "%" in English. */
export function percentSuffix(language: string): string {
  return language === 'vi' ? '\u00a0%' : '%';
}

/** A file's size in the language: 850 B, 12 KB, 1,5 MB (whole megabytes without decimals: "30 MB"). */
export function formatFileSize(bytes: number, language: string): string {
  if (bytes < 1024) return `${formatNumber(bytes, language)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024), language)} KB`;
  const megabytes = bytes / 1024 / 1024;
  return `${formatNumber(megabytes, language, Number.isInteger(megabytes) ? 0 : 1)} MB`;
}
