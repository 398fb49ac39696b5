import { IsoDate } from '@giamsat/shared';
import { z } from 'zod';

export const CalendarDayKind = z.enum(['day_off', 'working_day']);

export const CalendarDayParams = z.object({ day: IsoDate });

export const CalendarDayListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const SetCalendarDayBody = z.object({
  kind: CalendarDayKind,
  note: z.string().trim().min(1).max(500),
});
export type SetCalendarDayBody = z.infer<typeof SetCalendarDayBody>;

export const CalendarDayResponse = z.object({
  day: IsoDate,
  kind: CalendarDayKind,
  /** Why: the administrator's note, or the holiday's name for a day the law gives off. */
  note: z.string(),
  source: z.enum(['law', 'administrator']),
});
export type CalendarDayResponse = z.infer<typeof CalendarDayResponse>;

export const CalendarDayListResponse = z.object({ items: z.array(CalendarDayResponse) });
