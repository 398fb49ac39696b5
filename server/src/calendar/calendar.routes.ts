import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalendarDayListQuery,
  CalendarDayListResponse,
  CalendarDayParams,
  CalendarDayResponse,
  SetCalendarDayBody,
} from './calendar.schemas.ts';
import { listYearCalendar, removeCalendarDay, setCalendarDay } from './calendar.service.ts';

/** The working calendar: the law's days off, and the days an administrator adds or takes back. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['calendar'];

  app.get(
    '/api/calendar/days',
    { schema: { tags, querystring: CalendarDayListQuery, response: { 200: CalendarDayListResponse } } },
    async (req) => ({ items: await listYearCalendar(req.db, req.actor, req.query.year) }),
  );

  app.put(
    '/api/calendar/days/:day',
    { schema: { tags, params: CalendarDayParams, body: SetCalendarDayBody, response: { 200: CalendarDayResponse } } },
    async (req) => setCalendarDay(req.db, req.actor, req.params.day, req.body),
  );

  app.delete(
    '/api/calendar/days/:day',
    { schema: { tags, params: CalendarDayParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removeCalendarDay(req.db, req.actor, req.params.day);
      return reply.code(204).send(null);
    },
  );
};
