// Contracts of the open data (issue 12): one record shape per data set, the same columns in every
// format (CSV, JSON, .xlsx, the paging API), named in snake_case so a column has one name everywhere.
// Each column's type is listed here and its meaning in public.messages.ts (the data dictionary).
import { AgencyKind, AgencyLevel, DeadlineKind, IsoDate, RowId, Timeliness } from '@giamsat/shared';
import { z } from 'zod';

/** A column's type as the data dictionary names it. */
export type ColumnType = 'integer' | 'number' | 'text' | 'date';

const id = z.number().int();
const count = z.number().int();
const rate = z.number().nullable();

export const OpenTask = z.object({
  id,
  ref: z.string(),
  text: z.string(),
  directive_id: id,
  directive_number: z.string().nullable(),
  lead_body_ids: z.string(),
  lead_bodies: z.string(),
  coordinating_body_ids: z.string(),
  coordinating_bodies: z.string(),
  deadline_kind: DeadlineKind,
  deadline_text: z.string(),
  due_date: z.string().nullable(),
  state: Timeliness,
  days_overdue: count,
  progress_percent: count,
  completed_on: z.string().nullable(),
  parent_task_id: id.nullable(),
});
export type OpenTask = z.infer<typeof OpenTask>;

export const OpenDirective = z.object({
  id,
  number: z.string().nullable(),
  doc_type: z.string().nullable(),
  title: z.string(),
  level: AgencyLevel,
  issuer: z.string().nullable(),
  programme_code: z.string().nullable(),
  issued_on: z.string().nullable(),
  published_on: z.string().nullable(),
  task_count: count,
});
export type OpenDirective = z.infer<typeof OpenDirective>;

export const OpenBody = z.object({
  id,
  name: z.string(),
  short_name: z.string().nullable(),
  level: AgencyLevel,
  kind: AgencyKind,
  tasks_led: count,
  not_started: count,
  in_progress_on_time: count,
  in_progress_overdue: count,
  done_on_time: count,
  done_late: count,
  continuous_with_results: count,
  continuous_without_results: count,
  completion_rate: rate,
  on_time_completion_rate: rate,
});
export type OpenBody = z.infer<typeof OpenBody>;

export const TASK_COLUMNS = {
  id: 'integer',
  ref: 'text',
  text: 'text',
  directive_id: 'integer',
  directive_number: 'text',
  lead_body_ids: 'text',
  lead_bodies: 'text',
  coordinating_body_ids: 'text',
  coordinating_bodies: 'text',
  deadline_kind: 'text',
  deadline_text: 'text',
  due_date: 'date',
  state: 'text',
  days_overdue: 'integer',
  progress_percent: 'integer',
  completed_on: 'date',
  parent_task_id: 'integer',
} as const satisfies Record<keyof OpenTask, ColumnType>;

export const DIRECTIVE_COLUMNS = {
  id: 'integer',
  number: 'text',
  doc_type: 'text',
  title: 'text',
  level: 'text',
  issuer: 'text',
  programme_code: 'text',
  issued_on: 'date',
  published_on: 'date',
  task_count: 'integer',
} as const satisfies Record<keyof OpenDirective, ColumnType>;

export const BODY_COLUMNS = {
  id: 'integer',
  name: 'text',
  short_name: 'text',
  level: 'text',
  kind: 'text',
  tasks_led: 'integer',
  not_started: 'integer',
  in_progress_on_time: 'integer',
  in_progress_overdue: 'integer',
  done_on_time: 'integer',
  done_late: 'integer',
  continuous_with_results: 'integer',
  continuous_without_results: 'integer',
  completion_rate: 'number',
  on_time_completion_rate: 'number',
} as const satisfies Record<keyof OpenBody, ColumnType>;

/** Any record of a data set. */
export type OpenRecord = OpenTask | OpenDirective | OpenBody;

/** A column as the data dictionary gives it. */
export interface Column {
  name: string;
  type: ColumnType;
  meaning: string;
}

/** What a download says about itself besides its rows. */
export interface DataSetHead {
  name: string;
  title: string;
  asOf: string;
  licence: string;
  columns: Column[];
}

export const DataSetName = z.enum(['tasks', 'directives', 'bodies', 'provinces']);
export type DataSetName = z.infer<typeof DataSetName>;

export const DownloadFormat = z.enum(['csv', 'json', 'xlsx']);
export type DownloadFormat = z.infer<typeof DownloadFormat>;

/** A page of the API: rows after the cursor `after` (an id), in id order; `next` is the cursor of the next page. */
const PageQuery = z
  .object({
    /** The id of the last row of the page before (the answer's `next`); none for the first page. */
    after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export const OpenTasksQuery = PageQuery.extend({
  /** Tasks led by or coordinated with this province or a body under it. */
  provinceId: RowId.optional(),
  /** Tasks assigned to this body itself (or a named group it belongs to). */
  bodyId: RowId.optional(),
  directiveId: RowId.optional(),
  state: Timeliness.optional(),
}).strict();
export type OpenTasksQuery = z.infer<typeof OpenTasksQuery>;

export const OpenDirectivesQuery = PageQuery.extend({ level: AgencyLevel.optional() }).strict();
export type OpenDirectivesQuery = z.infer<typeof OpenDirectivesQuery>;

export const OpenBodiesQuery = PageQuery.extend({ level: AgencyLevel.optional() }).strict();
export type OpenBodiesQuery = z.infer<typeof OpenBodiesQuery>;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    /** The day task states are judged on (today in Vietnam). */
    asOf: IsoDate,
    items: z.array(item),
    /** Pass as `after` for the next page; null on the last page. */
    next: z.number().int().nullable(),
  });

export const OpenTasksPage = pageOf(OpenTask);
export const OpenDirectivesPage = pageOf(OpenDirective);
export const OpenBodiesPage = pageOf(OpenBody);
export type OpenPage<T> = { asOf: string; items: T[]; next: number | null };
