// What each public page shows, read through the concepts' own service functions as the PUBLIC actor:
// what the public may see (published directives, live tasks, accepted reports) is decided there, in
// auth/scope.ts, never here. Rows are shaped by the concepts' toXResponse(), the API's own contracts.

import { eventChainHead } from '../audit/audit.service.ts';
import { PUBLIC } from '../auth/actor.ts';
import { addDays, vietnamDate } from '../calendar/calendar.ts';
import { toDashboardResponse } from '../dashboard/dashboard.responses.ts';
import { DashboardQuery, type DashboardResponse } from '../dashboard/dashboard.schemas.ts';
import { getDashboard } from '../dashboard/dashboard.service.ts';
import type { Db } from '../db/db.ts';
import type { DirectiveRefRow, DirectiveRow } from '../directives/directive.queries.ts';
import { getDirective, listDirectives } from '../directives/directive.service.ts';
import { listAcceptedResults } from '../reports/report.queries.ts';
import { toReportListResponse } from '../reports/report.responses.ts';
import type { ReportResponse } from '../reports/report.schemas.ts';
import { listReportsOfTask } from '../reports/report.service.ts';
import { toFeedbackFiguresResponse } from '../satisfaction/satisfaction.responses.ts';
import type { FeedbackFiguresResponse } from '../satisfaction/satisfaction.schemas.ts';
import { getResponseFigures } from '../satisfaction/satisfaction.service.ts';
import { toTaskResponse, toTaskRow } from '../tasks/task.responses.ts';
import { ListTasksQuery, type TaskResponse, type TaskRow } from '../tasks/task.schemas.ts';
import { getTask, listTasks } from '../tasks/task.service.ts';

/** A page of a task list: its rows and how many there are in all. */
export interface TaskPage {
  rows: TaskRow[];
  total: number;
}

/** A task with its accepted result (the newest accepted report of a lead body), when it has one. */
export interface TaskWithResult extends TaskRow {
  result: string | null;
}

/**
 * The audit trail's head hash when the page was made (GET /api/audit/head): the footer publishes it, and
 * any published head pins every history row up to its event, so a later rewrite of them shows.
 */
export interface ChainHeadView {
  chainHead: { lastId: number | null; hash: string | null };
}

/** The page's view with the chain's head, read beside it. */
async function withChainHead<V>(db: Db, view: Promise<V>): Promise<V & ChainHeadView> {
  const [loaded, head] = await Promise.all([view, eventChainHead(db)]);
  return { ...loaded, chainHead: { lastId: head.lastId, hash: head.hash } };
}

/** "The last 30 days", today included. */
const RECENT_DAYS = 30;
const LIST_LIMIT = 50;

async function taskPage(db: Db, query: Partial<Record<keyof ListTasksQuery, unknown>>): Promise<TaskPage> {
  const page = await listTasks(db, PUBLIC, ListTasksQuery.parse({ limit: LIST_LIMIT, ...query }));
  return { rows: page.rows.map(toTaskRow), total: page.total };
}

async function withResults(db: Db, page: TaskPage): Promise<{ rows: TaskWithResult[]; total: number }> {
  const results = await listAcceptedResults(
    db,
    PUBLIC,
    page.rows.map((row) => row.id),
  );
  const byTask = new Map(results.map((report) => [report.task_id, report.narrative]));
  return { rows: page.rows.map((row) => ({ ...row, result: byTask.get(row.id) ?? null })), total: page.total };
}

function publicDashboard(db: Db, query: Record<string, unknown>): Promise<DashboardResponse> {
  return getDashboard(db, PUBLIC, DashboardQuery.parse({ byAgencyLimit: 1000, ...query })).then(toDashboardResponse);
}

export interface HomeView extends ChainHeadView {
  dashboard: DashboardResponse;
  completedRecently: TaskPage;
}

/** The national picture over every published directive (the dashboard's figures, from the day's tally). */
export async function loadHome(db: Db): Promise<HomeView> {
  const today = vietnamDate();
  const [dashboard, completedRecently] = await Promise.all([
    publicDashboard(db, {}),
    taskPage(db, { completedFrom: addDays(today, 1 - RECENT_DAYS), sort: 'completedOn', order: 'desc', limit: 20 }),
  ]);
  return withChainHead(db, Promise.resolve({ dashboard, completedRecently }));
}

export interface BodyView extends ChainHeadView {
  dashboard: DashboardResponse;
  lead: TaskPage;
  coordinating: TaskPage;
  overdue: TaskPage;
  completed: { rows: TaskWithResult[]; total: number };
  /** How it answers feedback: on time, and how satisfied the senders are. */
  responses: FeedbackFiguresResponse;
}

/**
 * A body (a province with its subtree): its tasks as lead and as coordinator, its rates, overdue and
 * completed tasks, and its response figures on feedback.
 */
export async function loadBody(db: Db, agencyId: number): Promise<BodyView> {
  const mine = { agencyId, subtree: 'true' };
  const [dashboard, lead, coordinating, overdue, completed, responses] = await Promise.all([
    publicDashboard(db, { scope: 'agency', agencyId, byAgencyLimit: 1 }),
    taskPage(db, { ...mine, role: 'lead' }),
    taskPage(db, { ...mine, role: 'coordinating' }),
    taskPage(db, { ...mine, role: 'lead', timeliness: 'in_progress_overdue', sort: 'dueDate' }),
    taskPage(db, { ...mine, role: 'lead', timeliness: 'done_on_time,done_late', sort: 'completedOn', order: 'desc' }),
    getResponseFigures(db, agencyId).then(toFeedbackFiguresResponse),
  ]);
  return withChainHead(
    db,
    withResults(db, completed).then((done) => ({ dashboard, lead, coordinating, overdue, completed: done, responses })),
  );
}

/** A body's card (its rates and overdue count), for other sites to frame: the figures of its page alone. */
export function loadBodyCard(db: Db, agencyId: number): Promise<DashboardResponse> {
  return publicDashboard(db, { scope: 'agency', agencyId, byAgencyLimit: 1 });
}

export interface DirectiveView extends ChainHeadView {
  directive: DirectiveRow;
  implementedBy: DirectiveRefRow[];
  tasks: { rows: TaskWithResult[]; total: number };
}

/** A published directive, its tasks in the order it lists them, and the lower plans implementing it. */
export async function loadDirective(db: Db, id: number): Promise<DirectiveView> {
  const detail = await getDirective(db, PUBLIC, id);
  const tasks = await taskPage(db, { directiveId: id, sort: 'directive', limit: 200 });
  return withChainHead(
    db,
    withResults(db, tasks).then((rows) => ({
      directive: detail.row,
      implementedBy: detail.implementedBy,
      tasks: rows,
    })),
  );
}

export interface TaskView extends ChainHeadView {
  task: TaskResponse;
  reports: ReportResponse[];
}

/** A live task and its accepted reports, newest first. */
export async function loadTask(db: Db, id: number): Promise<TaskView> {
  const [task, reports] = await Promise.all([getTask(db, PUBLIC, id), listReportsOfTask(db, PUBLIC, id)]);
  return withChainHead(
    db,
    Promise.resolve({ task: toTaskResponse(task), reports: toReportListResponse(reports).items }),
  );
}

export interface SearchView extends ChainHeadView {
  q: string;
  directives: { rows: DirectiveRow[]; total: number };
  tasks: TaskPage;
}

/** Published directives and live tasks matching the words, diacritics or not (the lists' own search rule). */
export async function search(db: Db, q: string): Promise<SearchView> {
  if (!q.trim()) {
    return withChainHead(db, Promise.resolve({ q, directives: { rows: [], total: 0 }, tasks: { rows: [], total: 0 } }));
  }
  const [directives, tasks] = await Promise.all([
    listDirectives(db, PUBLIC, { q, status: 'published', limit: 20, offset: 0 }),
    taskPage(db, { q }),
  ]);
  return withChainHead(db, Promise.resolve({ q, directives, tasks }));
}
