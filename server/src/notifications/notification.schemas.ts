// Contracts of the in-app notifications API. Only zod and the shared package: the web app imports this file.
import { BoolString, ListPage, RowId } from '@giamsat/shared';
import { z } from 'zod';

export const NotificationIdParams = z.object({ id: RowId });

export const ListNotificationsQuery = z
  .object({
    unreadOnly: BoolString.default(false),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationResponse = z.object({
  id: z.number(),
  /** `directive_published`: a directive assigning tasks to the body went live. */
  kind: z.string(),
  directive: z.object({ id: z.number(), number: z.string().nullable(), title: z.string() }).nullable(),
  leadTaskCount: z.number(),
  coordinatingTaskCount: z.number(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationResponse = z.infer<typeof NotificationResponse>;

export const NotificationListResponse = ListPage(NotificationResponse).extend({ unread: z.number() });

export const ReadAllResponse = z.object({ updated: z.number() });
