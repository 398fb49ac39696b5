import { withQuery } from '../api/client.ts';

/** A body's score page for the same period as the ranking it is opened from. */
export const scorePagePath = (agencyId: number, period: { from: string; to: string }) =>
  withQuery(`/scores/${agencyId}`, { from: period.from, to: period.to });
