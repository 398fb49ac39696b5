import { z } from 'zod';

/** A history row as every reader answers it (`toEventFields`); each reader adds the actor as it may show it. */
export const EventFieldsResponse = z.object({
  id: z.number(),
  at: z.string(),
  entityType: z.string(),
  entityId: z.number(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
