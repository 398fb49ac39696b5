import type { ResponseFiguresRow } from './satisfaction.queries.ts';
import type { FeedbackFiguresResponse } from './satisfaction.schemas.ts';

/** A body's response figures, field by field (nothing else of the rows behind them). */
export function toFeedbackFiguresResponse(row: ResponseFiguresRow): FeedbackFiguresResponse {
  return {
    agency: { id: row.agency_id, name: row.agency_name },
    answered: row.answered,
    answeredOnTime: row.answered_on_time,
    onTimeShare: row.on_time_share,
    rated: row.rated,
    averageRating: row.average_rating,
  };
}
