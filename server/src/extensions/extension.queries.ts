import type { Actor } from '../auth/actor.ts';
import { taskVisibility } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

export type ExtensionState = 'pending' | 'accepted' | 'rejected';

export interface ExtensionRow {
  id: number;
  task_id: number;
  agency_id: number;
  agency_name: string;
  requested_by: number;
  requested_by_name: string;
  current_due: string | null;
  requested_due: string;
  reason: string;
  state: ExtensionState;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  created_at: Date;
}

const selectExtensions = (source: Sql) => sql`
  SELECT x.id, x.task_id, x.agency_id, a.name AS agency_name, x.requested_by, ru.full_name AS requested_by_name,
         x.current_due, x.requested_due, x.reason, x.state, x.decided_by, du.full_name AS decided_by_name,
         x.decided_at, x.decision_comment, x.created_at
  FROM ${source} x
  JOIN agencies a ON a.id = x.agency_id
  JOIN users ru ON ru.id = x.requested_by
  LEFT JOIN users du ON du.id = x.decided_by`;

export async function findPendingExtension(db: Db, taskId: number): Promise<{ id: number } | undefined> {
  const [row] = await db.query<{ id: number }>(
    sql`SELECT id FROM deadline_extensions WHERE task_id = ${taskId} AND state = 'pending'`,
  );
  return row;
}

export async function insertExtension(
  db: Db,
  request: {
    taskId: number;
    agencyId: number;
    requestedBy: number;
    currentDue: string;
    requestedDue: string;
    reason: string;
    now: Date;
  },
): Promise<ExtensionRow> {
  const [row] = await db.query<ExtensionRow>(sql`
    WITH changed AS (
      INSERT INTO deadline_extensions (task_id, agency_id, requested_by, current_due, requested_due, reason, created_at)
      VALUES (${request.taskId}, ${request.agencyId}, ${request.requestedBy}, ${request.currentDue},
              ${request.requestedDue}, ${request.reason}, ${request.now})
      RETURNING *)
    ${selectExtensions(sql.raw('changed'))}`);
  return row!;
}

export interface ExtensionContextRow {
  id: number;
  task_id: number;
  state: ExtensionState;
  requested_due: string;
  due_date: string | null;
  first_due_date: string | null;
  completed_on: string | null;
  scope_path: string | null;
}

/** An extension request on a task the actor can see, locked together with its task for the decision. */
export async function findExtensionContext(
  db: Db,
  actor: Actor,
  extensionId: number,
): Promise<ExtensionContextRow | undefined> {
  const [row] = await db.query<ExtensionContextRow>(sql`
    SELECT x.id, x.task_id, x.state, x.requested_due, t.due_date, t.first_due_date, t.completed_on,
           sa.path::text AS scope_path
    FROM deadline_extensions x
    JOIN tasks t ON t.id = x.task_id
    JOIN directives d ON d.id = t.directive_id
    LEFT JOIN agencies sa ON sa.id = d.scope_agency_id
    WHERE x.id = ${extensionId} AND ${taskVisibility(actor)}
    FOR UPDATE OF x, t`);
  return row;
}

/**
 * An accepted extension moves the task's due date and keeps the first-assigned one: first_due_date is
 * only filled here if it was somehow empty, with the due date the task had before its first extension.
 */
export async function extendTaskDueDate(
  db: Db,
  taskId: number,
  dueDate: string,
  now: Date,
): Promise<{ due_date: string; first_due_date: string | null; version: number }> {
  const [row] = await db.query<{ due_date: string; first_due_date: string | null; version: number }>(sql`
    UPDATE tasks SET due_date = ${dueDate}::date, first_due_date = coalesce(first_due_date, due_date),
           version = version + 1, updated_at = ${now}
    WHERE id = ${taskId}
    RETURNING due_date, first_due_date, version`);
  return row!;
}

export async function markDecided(
  db: Db,
  extensionId: number,
  decision: {
    state: 'accepted' | 'rejected';
    currentDue: string | null;
    decidedBy: number | null;
    comment: string | null;
    now: Date;
  },
): Promise<ExtensionRow> {
  const [row] = await db.query<ExtensionRow>(sql`
    WITH changed AS (
      UPDATE deadline_extensions SET state = ${decision.state}, current_due = ${decision.currentDue}::date,
             decided_by = ${decision.decidedBy}, decided_at = ${decision.now}, decision_comment = ${decision.comment}
      WHERE id = ${extensionId}
      RETURNING *)
    ${selectExtensions(sql.raw('changed'))}`);
  return row!;
}

export async function listTaskExtensions(db: Db, taskId: number): Promise<ExtensionRow[]> {
  return db.query<ExtensionRow>(sql`
    ${selectExtensions(sql.raw('deadline_extensions'))}
    WHERE x.task_id = ${taskId}
    ORDER BY x.created_at DESC, x.id DESC`);
}
