// Contracts of the periodic reports API. Only zod and the shared package: the web app imports this file.
import { IsoDate, RowId } from '@giamsat/shared';
import { z } from 'zod';

export const RequestPeriodicReportBody = z
  .object({
    /** The body whose tasks (led within its subtree) the report covers; unset: the office's own scope. */
    agencyId: RowId.optional(),
    /** The period, both days included (a month, a quarter, a half-year, a year or any range). */
    from: IsoDate,
    to: IsoDate,
  })
  .strict()
  .refine((b) => b.from <= b.to, { path: ['to'], message: 'the period ends before it starts' });
export type RequestPeriodicReportBody = z.infer<typeof RequestPeriodicReportBody>;

export const PeriodicReportAccepted = z.object({ id: z.number(), jobId: z.number() });

export const PeriodicReportParams = z.object({ id: RowId });
