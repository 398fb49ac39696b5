import { AppError } from '../errors/app-error.ts';

/** The plan concept's error codes (the web app turns each into Vietnamese text). */
export const PlanErrors = {
  /** A plan gives the higher tasks to the office's own bodies: those within the plan's scope. */
  leadOutsideScope: (row: number, agencyIds: number[]) =>
    new AppError('PLAN_LEAD_OUTSIDE_SCOPE', { status: 422, params: { row, agencyIds } }),
  /**
   * A refusal by the task or directive service, told in the rows of the request: the ids it names were
   * rolled back with the plan, so only the row says which task the office has to fix.
   */
  inRows: (error: AppError, rowOf: (taskId: number) => number | undefined, row?: number) => {
    const params: Record<string, unknown> = { ...error.params };
    if (row !== undefined) params.row = row;
    if (Array.isArray(params.tasks)) {
      params.tasks = params.tasks.map((task: { id?: unknown }) => ({
        ...task,
        row: typeof task.id === 'number' ? (rowOf(task.id) ?? null) : null,
      }));
    }
    return new AppError(error.code, { status: error.status, params });
  },
};
