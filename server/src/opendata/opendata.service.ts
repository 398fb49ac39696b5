// The open data, read as the PUBLIC actor through the concepts' own rules: which tasks and directives
// the public sees (auth/scope.ts, through listConditions and the directives' filters), task states
// (task.standing.ts), the bodies' figures (the dashboard, from the day's tally). Nothing is decided here
// but the shape of a record.
import { PUBLIC } from '../auth/actor.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import { toDashboardResponse } from '../dashboard/dashboard.responses.ts';
import { DashboardQuery, type DashboardResponse } from '../dashboard/dashboard.schemas.ts';
import { getDashboard } from '../dashboard/dashboard.service.ts';
import type { Db } from '../db/db.ts';
import { type DirectiveRow, listDirectiveRowsAfter, listRecentlyPublished } from '../directives/directive.queries.ts';
import { assignedToAgency, listConditions, listTaskRowsAfter, type TaskListRow } from '../tasks/task.queries.ts';
import { toTaskRow } from '../tasks/task.responses.ts';
import { ListTasksQuery, type TaskRow } from '../tasks/task.schemas.ts';
import { listTasks } from '../tasks/task.service.ts';
import type {
  DataSetName,
  OpenBodiesQuery,
  OpenBody,
  OpenDirective,
  OpenDirectivesQuery,
  OpenPage,
  OpenRecord,
  OpenTask,
  OpenTasksQuery,
} from './opendata.schemas.ts';

/** Rows per query when a whole data set is streamed: memory stays flat whatever the national size. */
export const STREAM_PAGE = 2_000;
/** Entries of each kind in the feed. */
const FEED_ENTRIES = 30;

const ids = (bodies: readonly { id: number }[]) => bodies.map((b) => b.id).join(';');
const names = (bodies: readonly { name: string }[]) => bodies.map((b) => b.name).join('; ');

function toOpenTask(r: TaskListRow): OpenTask {
  return {
    id: r.id,
    ref: r.ref,
    text: r.text,
    directive_id: r.directive_id,
    directive_number: r.directive_number,
    lead_body_ids: ids(r.lead),
    lead_bodies: names(r.lead),
    coordinating_body_ids: ids(r.coordinating),
    coordinating_bodies: names(r.coordinating),
    deadline_kind: r.deadline_kind,
    deadline_text: r.deadline_raw,
    due_date: r.due_date,
    state: r.timeliness as OpenTask['state'],
    days_overdue: r.days_overdue,
    progress_percent: r.progress_percent,
    completed_on: r.completed_on,
    parent_task_id: r.parent_task_id,
  };
}

function toOpenDirective(r: DirectiveRow): OpenDirective {
  return {
    id: r.id,
    number: r.number,
    doc_type: r.doc_type,
    title: r.title,
    level: r.level,
    issuer: r.issuer_agency_name ?? r.issuer_name,
    programme_code: r.programme_code,
    issued_on: r.issued_on,
    published_on: r.published_at ? vietnamDate(r.published_at) : null,
    task_count: Number(r.task_count),
  };
}

type BodyFigures = DashboardResponse['byAgency']['rows'][number] | DashboardResponse['byProvince'][number];

function toOpenBody(r: BodyFigures): OpenBody {
  return {
    id: r.agency.id,
    name: r.agency.name,
    short_name: r.agency.shortName,
    level: r.agency.level,
    kind: r.agency.kind,
    tasks_led: r.total,
    ...r.byState,
    completion_rate: r.rates.completion.rate,
    on_time_completion_rate: r.rates.onTimeCompletion.rate,
  };
}

/** A page of `limit` rows out of `fetched` (one more was asked for, to know whether a next page exists). */
function pageOf<T extends { id: number }>(asOf: string, fetched: T[], limit: number): OpenPage<T> {
  const items = fetched.slice(0, limit);
  return { asOf, items, next: fetched.length > limit ? items.at(-1)!.id : null };
}

export async function openTasks(db: Db, query: OpenTasksQuery): Promise<OpenPage<OpenTask>> {
  const asOf = vietnamDate();
  const conditions = listConditions(
    PUBLIC,
    {
      subtree: false,
      role: 'any',
      directOnly: false,
      staleOnly: false,
      status: 'published',
      directiveId: query.directiveId,
      timeliness: query.state ? [query.state] : undefined,
    },
    asOf,
  );
  if (query.provinceId) conditions.push(assignedToAgency(query.provinceId, true, 'any'));
  if (query.bodyId) conditions.push(assignedToAgency(query.bodyId, false, 'any'));
  const rows = await listTaskRowsAfter(db, conditions, { afterId: query.after ?? 0, limit: query.limit + 1, asOf });
  return pageOf(asOf, rows.map(toOpenTask), query.limit);
}

export async function openDirectives(db: Db, query: OpenDirectivesQuery): Promise<OpenPage<OpenDirective>> {
  const rows = await listDirectiveRowsAfter(
    db,
    PUBLIC,
    { status: 'published', level: query.level },
    { afterId: query.after ?? 0, limit: query.limit + 1 },
  );
  return pageOf(vietnamDate(), rows.map(toOpenDirective), query.limit);
}

/**
 * Every body's figures (`bodies`: the tasks it leads itself; `provinces`: a province's, its bodies
 * under it included) — the dashboard's own tables over everything published, a few thousand rows.
 */
async function bodyFigures(db: Db, set: 'bodies' | 'provinces'): Promise<{ asOf: string; rows: OpenBody[] }> {
  const dashboard = toDashboardResponse(
    await getDashboard(db, PUBLIC, { ...DashboardQuery.parse({}), byAgencyLimit: Number.MAX_SAFE_INTEGER }),
  );
  const rows = set === 'bodies' ? dashboard.byAgency.rows : dashboard.byProvince;
  return { asOf: dashboard.asOf, rows: rows.map(toOpenBody).sort((a, b) => a.id - b.id) };
}

export async function openBodies(
  db: Db,
  set: 'bodies' | 'provinces',
  query: OpenBodiesQuery,
): Promise<OpenPage<OpenBody>> {
  const { asOf, rows } = await bodyFigures(db, set);
  const after = query.after ?? 0;
  const fetched = rows.filter((r) => r.id > after && (!query.level || r.level === query.level));
  return pageOf(asOf, fetched.slice(0, query.limit + 1), query.limit);
}

/** A whole data set, page after page (each page read as it is needed, so a slow download holds no more). */
export async function* wholeDataSet(db: Db, set: DataSetName): AsyncGenerator<OpenRecord[]> {
  let after = 0;
  for (;;) {
    const query = { after, limit: STREAM_PAGE };
    const page =
      set === 'tasks'
        ? await openTasks(db, query)
        : set === 'directives'
          ? await openDirectives(db, query)
          : await openBodies(db, set, query);
    if (page.items.length) yield page.items;
    if (page.next === null) return;
    after = page.next;
  }
}

export interface FeedView {
  directives: DirectiveRow[];
  completed: TaskRow[];
}

/** The feed's news: the directives published most recently and the tasks completed most recently. */
export async function loadFeed(db: Db): Promise<FeedView> {
  const [directives, completed] = await Promise.all([
    listRecentlyPublished(db, PUBLIC, FEED_ENTRIES),
    listTasks(
      db,
      PUBLIC,
      ListTasksQuery.parse({
        timeliness: 'done_on_time,done_late',
        sort: 'completedOn',
        order: 'desc',
        limit: FEED_ENTRIES,
      }),
    ),
  ]);
  return { directives, completed: completed.rows.map(toTaskRow) };
}
