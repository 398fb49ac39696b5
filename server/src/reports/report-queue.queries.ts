import type { Actor } from '../auth/actor.ts';
import { taskVisibility } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import type { ReportTaskBrief } from './report.schemas.ts';

interface ReportTaskRow {
  id: number;
  ref: string;
  text: string;
  due_date: string | null;
  directive_id: number;
  directive_number: string | null;
}

/**
 * What a list of reports shows of each report's task (text, clause, directive number, deadline), for a
 * page of reports in one statement: the review queue used to fetch each card's task separately. Scoped
 * like any task read, though a report the actor may list is of a task it may see.
 */
export async function listReportTasks(db: Db, actor: Actor, taskIds: readonly number[]): Promise<ReportTaskBrief[]> {
  if (taskIds.length === 0) return [];
  const rows = await db.query<ReportTaskRow>(sql`
    SELECT t.id, t.ref, t.text, t.due_date, d.id AS directive_id, d.number AS directive_number
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = ANY(${[...new Set(taskIds)]}::bigint[]) AND ${taskVisibility(actor)}`);
  return rows.map((row) => ({
    id: Number(row.id),
    ref: row.ref,
    text: row.text,
    dueDate: row.due_date,
    directive: { id: Number(row.directive_id), number: row.directive_number },
  }));
}
