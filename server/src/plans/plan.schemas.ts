// Contracts of the plan API. Only zod, shared enums and the directive and task contracts it is made
// of: the web app imports this file for the plan builder.
import { z } from 'zod';
import { CreateDirectiveBody, DirectiveResponse } from '../directives/directive.schemas.ts';
import { CreateTaskBody } from '../tasks/task.schemas.ts';

/** One task of the plan: a task of the new directive that implements a higher task. */
export const PlanTaskBody = CreateTaskBody.extend({
  parentTaskId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export type PlanTaskBody = z.infer<typeof PlanTaskBody>;

/**
 * An implementation plan made in one call: the directive, its tasks (each implementing a higher one)
 * and, when asked, its publication — all or nothing. A refused task is named by its index in `tasks`
 * (`params.row`, or `row` in each of `params.tasks`); a schema failure by the path of its issue.
 */
export const CreatePlanBody = z
  .object({
    directive: CreateDirectiveBody,
    tasks: z.array(PlanTaskBody).min(1).max(200),
    publish: z.boolean().default(false),
  })
  .strict();
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

/**
 * PLAN_TASK_DUE_AFTER_PARENT: due after the higher task. PLAN_TASK_NO_REPORTER: a lead body
 * (`params.agencyId`, `agencyName`) has no active account to report on it — until one has, the task
 * counts as "no one to report" on the dashboard.
 */
export const PlanWarningCode = z.enum(['PLAN_TASK_DUE_AFTER_PARENT', 'PLAN_TASK_NO_REPORTER']);

/** Something the office should know but that did not stop the plan, about one of its tasks. */
export const PlanWarning = z.object({
  code: PlanWarningCode,
  row: z.number(),
  taskId: z.number(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type PlanWarning = z.infer<typeof PlanWarning>;

export const PlanResponse = z.object({
  plan: DirectiveResponse,
  /** The created tasks' ids, in the order of the request's `tasks`. */
  taskIds: z.array(z.number()),
  warnings: z.array(PlanWarning),
});
export type PlanResponse = z.infer<typeof PlanResponse>;
