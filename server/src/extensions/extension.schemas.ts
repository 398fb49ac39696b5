// Contracts of deadline extensions (gia hạn). Only zod and the shared enums here, so the web app imports
// the same schemas for its forms.
import { ExtensionState, IsoDate } from '@giamsat/shared';
import { z } from 'zod';

const Ref = z.object({ id: z.number(), name: z.string() });

export const RequestExtensionBody = z.object({
  requestedDue: IsoDate,
  reason: z.string().trim().min(1).max(5000),
});
export type RequestExtensionBody = z.infer<typeof RequestExtensionBody>;

export const DecideExtensionBody = z.object({
  decision: z.enum(['accept', 'reject']),
  /** Required when rejecting. */
  comment: z.string().trim().max(5000).optional(),
});
export type DecideExtensionBody = z.infer<typeof DecideExtensionBody>;

export const ExtensionResponse = z.object({
  id: z.number(),
  taskId: z.number(),
  agency: Ref,
  requestedBy: Ref,
  /** The due date the request moves away from (refreshed when decided). */
  currentDue: z.string().nullable(),
  requestedDue: z.string(),
  reason: z.string(),
  state: ExtensionState,
  decidedBy: Ref.nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  createdAt: z.string(),
});
export type ExtensionResponse = z.infer<typeof ExtensionResponse>;

export const ExtensionListResponse = z.object({ items: z.array(ExtensionResponse) });
