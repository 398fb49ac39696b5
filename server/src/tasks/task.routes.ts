import { type Timeliness, Timeliness as TimelinessEnum } from '@giamsat/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HistoryRow, TaskListRow } from './task.queries.ts';
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
  type TaskRow,
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
  type TaskDetail,
  unlinkTwin,
  updateTask,
} from './task.service.ts';

const toTimeliness = (value: string): Timeliness => TimelinessEnum.parse(value);

function toDeadline(
  r: Pick<TaskListRow, 'deadline_kind' | 'deadline_raw' | 'due_date' | 'first_due_date' | 'recurrence_period'>,
) {
  return {
    kind: r.deadline_kind,
    raw: r.deadline_raw,
    due: r.due_date,
    firstDue: r.first_due_date,
    period: r.recurrence_period,
  };
}

export function toTaskRow(r: TaskListRow): TaskRow {
  return {
    id: r.id,
    ref: r.ref,
    text: r.text,
    directive: {
      id: r.directive_id,
      number: r.directive_number,
      programmeCode: r.programme_code,
      level: r.directive_level,
      status: r.directive_status,
    },
    lead: r.lead.map((a) => ({ id: a.id, name: a.name })),
    coordinating: r.coordinating.map((a) => ({ id: a.id, name: a.name })),
    deadline: toDeadline(r),
    timeliness: toTimeliness(r.timeliness),
    dueSoon: r.due_soon,
    daysOverdue: r.days_overdue,
    progressPercent: r.progress_percent,
    completedOn: r.completed_on,
    lastAcceptedReportAt: r.last_accepted_report_at?.toISOString() ?? null,
    parentTaskId: r.parent_task_id,
    version: r.version,
  };
}

export function toTaskResponse(detail: TaskDetail): z.infer<typeof TaskResponse> {
  const r = detail.record;
  const toAgency = (a: TaskDetail['record']['lead'][number]) => ({
    id: a.id,
    name: a.name,
    shortName: a.short_name,
    level: a.level,
    kind: a.kind,
  });
  return {
    id: r.id,
    ref: r.ref,
    text: r.text,
    deliverable: r.deliverable,
    note: r.note,
    sourceLine: r.source_line,
    unresolvedBodies: r.unresolved_bodies,
    directive: {
      id: r.directive_id,
      number: r.directive_number,
      title: r.directive_title,
      level: r.directive_level,
      status: r.directive_status,
      programmeCode: r.programme_code,
      issuedOn: r.directive_issued_on,
      scopeAgency: r.scope_agency_id === null ? null : { id: r.scope_agency_id, name: r.scope_agency_name ?? '' },
    },
    lead: r.lead.map(toAgency),
    coordinating: r.coordinating.map(toAgency),
    deadline: toDeadline(r),
    timeliness: toTimeliness(r.timeliness),
    dueSoon: r.due_soon,
    daysOverdue: r.days_overdue,
    progressPercent: r.progress_percent,
    completedOn: r.completed_on,
    lastAcceptedReportAt: r.last_accepted_report_at?.toISOString() ?? null,
    parent: detail.parent
      ? {
          id: detail.parent.id,
          ref: detail.parent.ref,
          text: detail.parent.text,
          directive: {
            id: detail.parent.directive_id,
            number: detail.parent.directive_number,
            level: detail.parent.directive_level,
          },
        }
      : null,
    children: detail.children.map(toTaskRow),
    rollup: {
      count: detail.rollup.count,
      done: detail.rollup.done,
      overdue: detail.rollup.overdue,
      averagePercent: detail.rollup.average_percent ?? 0,
    },
    twins: detail.twins.map(toTaskRow),
    asOf: detail.asOf,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    abilities: detail.abilities,
  };
}

const toHistoryItem = (h: HistoryRow) => ({
  id: h.id,
  at: h.at.toISOString(),
  actor: h.actor_id === null ? null : { id: h.actor_id, name: h.actor_name ?? '' },
  entityType: h.entity_type,
  entityId: h.entity_id,
  action: h.action,
  before: h.before,
  after: h.after,
  reason: h.reason,
});

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
