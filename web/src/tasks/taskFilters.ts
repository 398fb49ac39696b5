import type { TaskListFilter } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import type { TaskListParams } from './useTasks.ts';

/** URL parameters of the task list: the API's own names, so a filter in the URL is the API query. */
export const TASK_FILTER_KEYS = [
  'q',
  'agencyId',
  'subtree',
  'role',
  'level',
  'directiveId',
  'programme',
  'timeliness',
  'dueFrom',
  'dueTo',
  'staleOnly',
  'noReporter',
  'parentTaskId',
  'asOf',
  'mine',
  'status',
  'sort',
  'order',
] as const;
export type TaskFilterKey = (typeof TASK_FILTER_KEYS)[number];

export const PAGE_SIZES = [20, 50, 100, 200] as const;

export function paramsFromSearch(search: URLSearchParams): TaskListParams & { page: number; pageSize: number } {
  const params: TaskListParams = {};
  for (const key of TASK_FILTER_KEYS) {
    const value = search.get(key);
    if (value) params[key] = value;
  }
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSizeRaw = Number(search.get('pageSize'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(pageSizeRaw) ? pageSizeRaw : 50;
  return { ...params, page, pageSize };
}

/** A dashboard figure's filter → the task list's address. */
export function taskListHref(filter: TaskListFilter | null | undefined): string {
  if (!filter) return '/tasks';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `/tasks?${text}` : '/tasks';
}
