import type { CreatePlanBody, PlanResponse } from '@giamsat/server/plans/plan.schemas.ts';
import i18n, { type TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError, type ApiIssue, api } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { useChange } from '../api/useChange.ts';
import { formatNumber } from '../ui/format.ts';

export type NewPlan = z.input<typeof CreatePlanBody>;

/** The plan, its tasks and its publication in one request: the server makes all of it or none. */
export function useCreatePlan() {
  return useChange((plan: NewPlan) => api.post<PlanResponse>('/api/plans', plan), ['directives'], ['tasks']);
}

// The labels the builder shows for a task's fields and the plan's own, so a refusal names what to fix.
const TASK_FIELDS: Record<string, string> = {
  text: 'plans.lowerText',
  leadAgencyIds: 'plans.lead',
  coordinatingAgencyIds: 'tasks.columns.coordinating',
  deadline: 'plans.due',
  parentTaskId: 'plans.parentTask',
};
const PLAN_FIELDS: Record<string, string> = {
  number: 'directives.fields.number',
  title: 'directives.fields.title',
  issuedOn: 'directives.fields.issuedOn',
};

function issueMessage(t: TFunction, field: string | undefined, issue: ApiIssue): string {
  const label = t(field ?? 'plans.task');
  const { origin, maximum, minimum } = issue.params;
  if (origin === 'string' && typeof maximum === 'number') {
    return t('plans.invalid.tooLong', { field: label, maximum: formatNumber(maximum, i18n.language) });
  }
  if (origin === 'string' && typeof minimum === 'number') return t('plans.invalid.empty', { field: label });
  return t('plans.invalid.other', { field: label });
}

/**
 * What a refused plan says, placed where the office fixes it: per row of the request's tasks (a schema
 * issue at `/tasks/<row>/…`, a refusal with `params.row`, or each of `params.tasks[].row`) and per
 * field of the plan itself (`/directive/<field>`). Messages come from the error codes' i18n text.
 */
export function planRefusal(
  t: TFunction,
  error: unknown,
): { rows: Map<number, string[]>; fields: Map<string, string> } {
  const rows = new Map<number, string[]>();
  const fields = new Map<string, string>();
  if (!(error instanceof ApiError)) return { rows, fields };
  const addRow = (row: number, message: string) => rows.set(row, [...(rows.get(row) ?? []), message]);
  for (const issue of error.issues) {
    const [part, index, field] = issue.path.split('/').slice(1);
    if (part === 'tasks' && index !== undefined && /^\d+$/.test(index)) {
      addRow(Number(index), issueMessage(t, field === undefined ? undefined : TASK_FIELDS[field], issue));
    } else if (part === 'directive' && index !== undefined) {
      fields.set(index, issueMessage(t, PLAN_FIELDS[index], issue));
    }
  }
  if (typeof error.params.row === 'number') addRow(error.params.row, errorMessage(t, error));
  if (Array.isArray(error.params.tasks)) {
    for (const task of error.params.tasks as { row?: unknown }[]) {
      if (typeof task.row === 'number') addRow(task.row, errorMessage(t, error));
    }
  }
  return { rows, fields };
}
