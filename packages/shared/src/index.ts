// Enums shared by the server's contracts and the web app. Only zod here, so the browser can import it.
import { z } from 'zod';

export { HISTORY_ACTIONS, type HistoryAction, type HistoryEntity, isHistoryAction } from './history.ts';

export const AgencyLevel = z.enum(['central', 'province', 'commune']);
export type AgencyLevel = z.infer<typeof AgencyLevel>;

export const AgencyKind = z.enum(['party', 'state', 'front', 'enterprise', 'university', 'other', 'group']);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const Role = z.enum(['admin', 'office', 'focal', 'head', 'inspector']);
export type Role = z.infer<typeof Role>;

export const DeadlineKind = z.enum(['date', 'recurring', 'continuous', 'event', 'none']);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const RecurrencePeriod = z.enum(['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly']);
export type RecurrencePeriod = z.infer<typeof RecurrencePeriod>;

export const DirectiveStatus = z.enum(['draft', 'published']);
export type DirectiveStatus = z.infer<typeof DirectiveStatus>;

export const ReportState = z.enum(['draft', 'submitted', 'returned', 'accepted']);
export type ReportState = z.infer<typeof ReportState>;

export const ExtensionState = z.enum(['pending', 'accepted', 'rejected']);
export type ExtensionState = z.infer<typeof ExtensionState>;

export const AssignmentRole = z.enum(['lead', 'coordinating']);
export type AssignmentRole = z.infer<typeof AssignmentRole>;

/**
 * How a task stands on a reference date (PRODUCT.md "How progress is judged"), computed by the SQL
 * function task_timeliness(); "due soon" is a separate warning flag on in-progress tasks.
 */
export const Timeliness = z.enum([
  'not_started',
  'in_progress_on_time',
  'in_progress_overdue',
  'done_on_time',
  'done_late',
  'continuous_with_results',
  'continuous_without_results',
]);
export type Timeliness = z.infer<typeof Timeliness>;

/** Filter values: the states plus the warning flag. */
export const TimelinessFilter = z.enum([...Timeliness.options, 'due_soon']);
export type TimelinessFilter = z.infer<typeof TimelinessFilter>;

/** Calendar day as written in ISO (yyyy-mm-dd); the UI shows dd/mm/yyyy. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a real calendar day');

/** A yes/no flag in a query string: exactly `true` or `false` (anything else is a mistake worth a 400). */
export const BoolString = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A row's id in a path or a query: a positive integer that PostgreSQL's bigint and JavaScript both hold exactly. */
export const RowId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The path parameters of `/…/:id`. */
export const IdParams = z.object({ id: RowId });

/** A page of a list read with `limit` and `offset`: its items and how many there are in all. */
export const ListPage = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), total: z.number(), limit: z.number(), offset: z.number() });

/**
 * An extracted field scoring below this (the extractor's 0..1 confidence) needs a person's look: the
 * review page marks it with its reason and lists its task first.
 */
export const LOW_CONFIDENCE_BELOW = 0.7;

export const DEFAULT_DUE_SOON_DAYS = 7;
export const STALE_AFTER_DAYS = 30;

/**
 * A lower task due after the higher task it implements: the plan builder, the plan's answer and the
 * cascade tab warn about it, nothing refuses it (an office may have its reasons). ISO days compare as
 * strings; a task without a day is never later.
 */
export function isDueAfterParent(due: string | null | undefined, parentDue: string | null | undefined): boolean {
  return Boolean(due && parentDue && due > parentDue);
}
