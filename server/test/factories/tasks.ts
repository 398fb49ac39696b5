import type { DeadlineKind } from '@giamsat/shared';
import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';
import type { TestAgency } from './agencies.ts';
import type { TestDirective } from './directives.ts';
import { uniq } from './unique.ts';

export interface TestTask {
  id: number;
  directiveId: number;
}

export async function makeTask(
  db: Db,
  options: {
    directive: TestDirective;
    lead?: TestAgency[];
    coordinating?: TestAgency[];
    dueDate?: string | null;
    deadlineKind?: DeadlineKind;
    text?: string;
    parent?: TestTask;
    completedOn?: string | null;
    progressPercent?: number;
    /** An instant, or a Vietnam-time timestamp as people write it ('2025-08-16 10:00'). */
    lastAcceptedReportAt?: Date | string | null;
    /** When the task went live, a Vietnam-time timestamp ('2025-01-02 08:00'); default now. */
    createdAt?: string;
  },
): Promise<TestTask> {
  const kind = options.deadlineKind ?? (options.dueDate ? 'date' : 'none');
  const vietnamTime = (timestamp: string) => sql`(${timestamp}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
  const lastReport = options.lastAcceptedReportAt;
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO tasks (directive_id, ref, text, deadline_kind, deadline_raw, due_date, first_due_date, parent_task_id,
                       completed_on, progress_percent, last_accepted_report_at, created_at)
    VALUES (${options.directive.id}, ${uniq()}, ${options.text ?? `Xây dựng cơ sở dữ liệu chuyên ngành ${uniq()}`},
            ${kind}, '', ${options.dueDate ?? null}, ${options.dueDate ?? null}, ${options.parent?.id ?? null},
            ${options.completedOn ?? null}, ${options.progressPercent ?? 0},
            ${typeof lastReport === 'string' ? vietnamTime(lastReport) : sql`${lastReport ?? null}::timestamptz`},
            ${options.createdAt ? vietnamTime(options.createdAt) : sql`now()`})
    RETURNING id`);
  const id = row!.id;
  let position = 0;
  for (const agency of options.lead ?? []) {
    await db.query(
      sql`INSERT INTO task_assignments (task_id, agency_id, role, position) VALUES (${id}, ${agency.id}, 'lead', ${position++})`,
    );
  }
  for (const agency of options.coordinating ?? []) {
    await db.query(
      sql`INSERT INTO task_assignments (task_id, agency_id, role, position) VALUES (${id}, ${agency.id}, 'coordinating', ${position++})`,
    );
  }
  return { id, directiveId: options.directive.id };
}

/** Marks bodies the extractor could not match on a task, as an import leaves them for review. */
export async function setUnresolvedBodies(db: Db, taskId: number, bodies: string[]): Promise<void> {
  await db.query(sql`UPDATE tasks SET unresolved_bodies = ${bodies}::text[] WHERE id = ${taskId}`);
}
