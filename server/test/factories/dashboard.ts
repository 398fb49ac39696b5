import type { DeadlineKind } from '@giamsat/shared';
import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';
import { makeTask, type TestAgency, type TestDirective, type TestTask } from '../factories.ts';

/**
 * A task as the dashboard sees it: makeTask plus the day it went live (created_at), which the "stale"
 * rule reads for tasks that never had an accepted report. Defaults to long ago, so a task without
 * reports is stale unless the test says otherwise. `lastReportAt` is a Vietnam-time timestamp
 * ('2025-08-16 10:00').
 */
export async function makeDashboardTask(
  db: Db,
  options: {
    directive: TestDirective;
    lead?: TestAgency[];
    coordinating?: TestAgency[];
    dueDate?: string | null;
    deadlineKind?: DeadlineKind;
    completedOn?: string | null;
    lastReportAt?: string | null;
    createdAt?: string;
    text?: string;
  },
): Promise<TestTask> {
  const task = await makeTask(db, {
    directive: options.directive,
    lead: options.lead,
    coordinating: options.coordinating,
    dueDate: options.dueDate ?? null,
    deadlineKind: options.deadlineKind,
    completedOn: options.completedOn ?? null,
    text: options.text,
  });
  await db.query(sql`
    UPDATE tasks SET
      created_at = (${options.createdAt ?? '2025-01-02 08:00'}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'),
      last_accepted_report_at = (${options.lastReportAt ?? null}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
    WHERE id = ${task.id}`);
  return task;
}
