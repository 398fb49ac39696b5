// Contracts of a body's response figures (issue 13, "một thước đo"). Only zod and the shared types here.
import { RowId } from '@giamsat/shared';
import { z } from 'zod';

export const FeedbackFiguresQuery = z.object({ agencyId: RowId });

/** A body's response figures (with the bodies under it): public, no personal data. */
export const FeedbackFiguresResponse = z.object({
  agency: z.object({ id: z.number(), name: z.string() }),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  /** answeredOnTime / answered; null with nothing answered. */
  onTimeShare: z.number().nullable(),
  rated: z.number().int(),
  /** The mean of the ratings (1–5); null with none. */
  averageRating: z.number().nullable(),
});
export type FeedbackFiguresResponse = z.infer<typeof FeedbackFiguresResponse>;
