import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toHistoryItem, toTaskResponse, toTaskRow } from './task.responses.ts';
import {
  AsOfQuery,
  CreateTaskBody,
  DirectiveTasksParams,
  HistoryQuery,
  ListTasksQuery,
  MergeTasksBody,
  SplitTaskBody,
  TaskHistoryResponse,
  TaskIdParams,
  TaskListOnlyResponse,
  TaskListResponse,
  TaskResponse,
  TwinParams,
  UpdateTaskBody,
} from './task.schemas.ts';
import {
  createTask,
  deleteTask,
  getTask,
  getTaskHistory,
  linkTwin,
  listTasks,
  mergeTasks,
  splitTask,
  unlinkTwin,
  updateTask,
} from './task.service.ts';

export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tasks'];

  app.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'Tasks visible to me, filtered, sorted and paged; timeliness as of `asOf` (default: today in Vietnam)',
        querystring: ListTasksQuery,
        response: { 200: TaskListResponse },
      },
    },
    async (req) => {
      const page = await listTasks(req.db, req.actor, req.query);
      return {
        items: page.rows.map(toTaskRow),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
        asOf: page.asOf,
      };
    },
  );

  app.post(
    '/api/directives/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add a task to a directive',
        params: DirectiveTasksParams,
        body: CreateTaskBody,
        response: { 201: TaskResponse },
      },
    },
    async (req, reply) =>
      reply.code(201).send(toTaskResponse(await createTask(req.db, req.actor, req.params.id, req.body))),
  );

  app.post(
    '/api/tasks/merge',
    {
      schema: {
        tags,
        summary: 'Merge tasks of a draft into the first one listed',
        body: MergeTasksBody,
        response: { 200: TaskResponse },
      },
    },
    async (req) => toTaskResponse(await mergeTasks(req.db, req.actor, req.body)),
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'A task with its bodies, deadline, timeliness, parent, lower tasks, twins and what I may do',
        params: TaskIdParams,
        querystring: AsOfQuery,
        response: { 200: TaskResponse },
      },
    },
    async (req) => toTaskResponse(await getTask(req.db, req.actor, req.params.id, req.query)),
  );

  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Edit a task (send the version you read; a stale one gets 409 VERSION_CONFLICT)',
        params: TaskIdParams,
        body: UpdateTaskBody,
        response: { 200: TaskResponse },
      },
    },
    async (req) => toTaskResponse(await updateTask(req.db, req.actor, req.params.id, req.body)),
  );

  app.delete(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a task of a draft directive',
        params: TaskIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteTask(req.db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/tasks/:id/split',
    {
      schema: {
        tags,
        summary: 'Split a task of a draft into parts (the first part keeps the task)',
        params: TaskIdParams,
        body: SplitTaskBody,
        response: { 201: TaskListOnlyResponse },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ items: (await splitTask(req.db, req.actor, req.params.id, req.body)).map(toTaskRow) }),
  );

  app.post(
    '/api/tasks/:id/twins/:twinId',
    {
      schema: {
        tags,
        summary: 'Link a twin task of another programme',
        params: TwinParams,
        response: { 200: TaskListOnlyResponse },
      },
    },
    async (req) => ({ items: (await linkTwin(req.db, req.actor, req.params.id, req.params.twinId)).map(toTaskRow) }),
  );

  app.delete(
    '/api/tasks/:id/twins/:twinId',
    {
      schema: { tags, summary: 'Remove a twin link', params: TwinParams, response: { 200: TaskListOnlyResponse } },
    },
    async (req) => ({ items: (await unlinkTwin(req.db, req.actor, req.params.id, req.params.twinId)).map(toTaskRow) }),
  );

  app.get(
    '/api/tasks/:id/history',
    {
      schema: {
        tags,
        summary: "The task's history and that of its reports and extensions, newest first",
        params: TaskIdParams,
        querystring: HistoryQuery,
        response: { 200: TaskHistoryResponse },
      },
    },
    async (req) => {
      const page = await getTaskHistory(req.db, req.actor, req.params.id, req.query);
      return { items: page.rows.map(toHistoryItem), limit: page.limit, offset: page.offset };
    },
  );
};
