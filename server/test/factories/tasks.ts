import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';

/** Marks bodies the extractor could not match on a task, as an import leaves them for review. */
export async function setUnresolvedBodies(db: Db, taskId: number, bodies: string[]): Promise<void> {
  await db.query(sql`UPDATE tasks SET unresolved_bodies = ${bodies}::text[] WHERE id = ${taskId}`);
}

/** Adds a progress-report event to a task's history, as the reports concept would write it. */
export async function addReportEvent(db: Db, taskId: number, agencyId: number, authorId: number): Promise<number> {
  const [report] = await db.query<{ id: number }>(sql`
    INSERT INTO progress_reports (task_id, agency_id, author_id, percent, narrative, state, submitted_at)
    VALUES (${taskId}, ${agencyId}, ${authorId}, 50, 'Đã hoàn thành khảo sát hiện trạng', 'submitted', now())
    RETURNING id`);
  await db.query(sql`
    INSERT INTO events (actor_id, entity_type, entity_id, action, after)
    VALUES (${authorId}, 'progress_report', ${report!.id}, 'submitted', '{"percent": 50}'::jsonb)`);
  return report!.id;
}
