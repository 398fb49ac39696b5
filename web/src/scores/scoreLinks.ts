import { withQuery } from '../api/client.ts';

/** A body's score page for the same period as the ranking it is opened from. */
export const scorePagePath = (agencyId: number, period: { from: string; to: string }) =>
  withQuery(`/scores/${agencyId}`, { from: period.from, to: period.to });

/** A body's yearly evaluation file for the page's period, in the reader's language. */
export const evaluationPath = (
  agencyId: number,
  period: { from: string; to: string },
  format: 'xlsx' | 'docx',
  language: string,
) =>
  withQuery(`/api/scores/bodies/${agencyId}/evaluation`, {
    from: period.from,
    to: period.to,
    format,
    lang: language === 'en' ? 'en' : 'vi',
  });
