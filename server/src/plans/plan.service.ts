import { isDueAfterParent } from '@giamsat/shared';
import { listBodiesWithoutReporter } from '../agencies/agency.queries.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import {
  createDirective,
  type DirectiveDetail,
  getDirective,
  publishDirective,
} from '../directives/directive.service.ts';
import { AppError } from '../errors/app-error.ts';
import { createTask } from '../tasks/task.service.ts';
import { PlanErrors } from './plan.errors.ts';
import { listBodiesOutside } from './plan.queries.ts';
import type { CreatePlanBody, PlanWarning } from './plan.schemas.ts';

export interface PlanResult {
  plan: DirectiveDetail;
  taskIds: number[];
  warnings: PlanWarning[];
}

/** Runs one step of the plan; a refusal comes back in the request's rows. */
async function inRows<T>(step: () => Promise<T>, taskIds: number[], row?: number): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw PlanErrors.inRows(error, (id) => (taskIds.includes(id) ? taskIds.indexOf(id) : undefined), row);
  }
}

/**
 * An implementation plan — a directive of the office's level whose tasks implement higher tasks — made
 * in one transaction: the draft, each task given to one of the office's own bodies, and the publication
 * when asked. The directive and task services decide who may do what, which bodies and parents exist
 * and what may be published, and write the history and notifications; a refusal anywhere leaves
 * nothing behind. A deadline later than the higher task's, and a lead body with no active account to
 * report on the task, are reported back as warnings, not refused.
 */
export async function createPlan(db: Db, actor: Actor, input: CreatePlanBody): Promise<PlanResult> {
  return db.transaction(async (tx) => {
    const draft = await createDirective(tx, actor, input.directive);
    const scopePath = draft.row.scope_path;
    const taskIds: number[] = [];
    const warnings: PlanWarning[] = [];
    for (const [row, task] of input.tasks.entries()) {
      if (scopePath !== null) {
        const outside = await listBodiesOutside(tx, task.leadAgencyIds, scopePath);
        if (outside.length) throw PlanErrors.leadOutsideScope(row, outside);
      }
      const created = await inRows(
        () => createTask(tx, actor, draft.row.id, { ...task, ref: task.ref || String(row + 1) }),
        taskIds,
        row,
      );
      taskIds.push(created.record.id);
      const parentDue = created.parent?.due_date ?? null;
      if (isDueAfterParent(created.record.due_date, parentDue)) {
        warnings.push({
          code: 'PLAN_TASK_DUE_AFTER_PARENT',
          row,
          taskId: created.record.id,
          params: { dueDate: created.record.due_date, parentDueDate: parentDue },
        });
      }
      for (const body of await listBodiesWithoutReporter(tx, task.leadAgencyIds)) {
        warnings.push({
          code: 'PLAN_TASK_NO_REPORTER',
          row,
          taskId: created.record.id,
          params: { agencyId: body.id, agencyName: body.name },
        });
      }
    }
    const plan = input.publish
      ? await inRows(() => publishDirective(tx, actor, draft.row.id), taskIds)
      : await getDirective(tx, actor, draft.row.id);
    return { plan, taskIds, warnings };
  });
}
