import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toNotificationResponse } from './notification.responses.ts';
import {
  ListNotificationsQuery,
  NotificationIdParams,
  NotificationListResponse,
  NotificationResponse,
  ReadAllResponse,
} from './notification.schemas.ts';
import { listNotifications, readAllNotifications, readNotification } from './notification.service.ts';

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: "My body's notifications, newest first, with the unread count",
        querystring: ListNotificationsQuery,
        response: { 200: NotificationListResponse },
      },
    },
    async (req) => {
      const page = await listNotifications(req.db, req.actor, req.query);
      return {
        items: page.rows.map(toNotificationResponse),
        total: page.total,
        unread: page.unread,
        limit: page.limit,
        offset: page.offset,
      };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: "Mark all my body's notifications read", response: { 200: ReadAllResponse } } },
    async (req) => ({ updated: await readAllNotifications(req.db, req.actor) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark a notification read',
        params: NotificationIdParams,
        response: { 200: NotificationResponse },
      },
    },
    async (req) => toNotificationResponse(await readNotification(req.db, req.actor, req.params.id)),
  );
};
