// Contracts of the audit trail (GET /api/events). Only zod + shared enums, so the web app can import them.
import { HISTORY_ACTIONS, type HistoryEntity, IsoDate, ListPage, RowId } from '@giamsat/shared';
import { z } from 'zod';
import { EventFieldsResponse } from '../events/events.schemas.ts';

/** A calendar day (whole day in Asia/Ho_Chi_Minh) or an ISO instant with its offset. */
const DayOrInstant = z.union([IsoDate, z.iso.datetime({ offset: true })]);

/** The filters of the audit trail, shared by its pages and its .xlsx export. */
export const EventFilterQuery = z.object({
  entityType: z.enum(Object.keys(HISTORY_ACTIONS) as [HistoryEntity, ...HistoryEntity[]]).optional(),
  entityId: RowId.optional(),
  actorId: RowId.optional(),
  /** Who acted, by a part of their name or user name (tone marks and case ignored). */
  actor: z.string().trim().min(1).max(100).optional(),
  /** A body: events by the people of this body or the bodies under it, and events about the body itself. */
  agencyId: RowId.optional(),
  /** One of the changes history records (HISTORY_ACTIONS), so an imported directive can be asked for too. */
  action: z.enum([...new Set(Object.values(HISTORY_ACTIONS).flat())] as [string, ...string[]]).optional(),
  /** From this day (inclusive) or instant. */
  from: DayOrInstant.optional(),
  /** Up to this day (inclusive) or instant (exclusive). */
  to: DayOrInstant.optional(),
});
export type EventFilterQuery = z.infer<typeof EventFilterQuery>;

export const EventListQuery = EventFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type EventListQuery = z.infer<typeof EventListQuery>;

/** The most rows one .xlsx export holds: past it, the filter must be narrowed (AUDIT_EXPORT_TOO_LARGE). */
export const AUDIT_EXPORT_MAX_ROWS = 20_000;

export const EventExportQuery = EventFilterQuery.extend({
  lang: z.enum(['vi', 'en']).default('vi'),
});
export type EventExportQuery = z.infer<typeof EventExportQuery>;

export const EventResponse = EventFieldsResponse.extend({
  actor: z
    .object({
      id: z.number(),
      username: z.string(),
      fullName: z.string(),
      agency: z.object({ id: z.number(), name: z.string() }).nullable(),
    })
    .nullable(),
});
export type EventResponse = z.infer<typeof EventResponse>;

export const EventListResponse = ListPage(EventResponse);

/** The hash chain's head: the last event chained and the hash that pins it and every event before it (hex). */
export const EventChainHeadResponse = z.object({
  lastId: z.number().nullable(),
  hash: z.string().nullable(),
  at: z.string().nullable(),
});

/** GET /api/audit/verify: the chain intact, or its first broken link. */
export const EventChainVerificationResponse = z.object({
  intact: z.boolean(),
  checked: z.number(),
  firstBreak: z
    .object({ problem: z.enum(['hash', 'tail']), eventId: z.number(), at: z.string().nullable() })
    .nullable(),
  head: EventChainHeadResponse,
});
export type EventChainHeadResponse = z.infer<typeof EventChainHeadResponse>;
export type EventChainVerificationResponse = z.infer<typeof EventChainVerificationResponse>;
