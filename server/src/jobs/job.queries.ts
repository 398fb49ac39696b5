import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

export interface JobRow {
  id: number;
  kind: string;
  payload: unknown;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  progress_message: string | null;
  /** Countable steps (a scan's pages): how many are done of how many; null when the job has none. */
  progress_done: number | null;
  progress_total: number | null;
  result: unknown;
  error: unknown;
  attempts: number;
  created_by: number | null;
  created_at: Date;
  finished_at: Date | null;
}

export async function insertJob(
  db: Db,
  job: { kind: string; payload: unknown; createdBy: number | null },
): Promise<JobRow> {
  const [row] = await db.query<JobRow>(sql`
    INSERT INTO jobs (kind, payload, created_by) VALUES (${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${job.createdBy})
    RETURNING *`);
  return row!;
}

/** Queues a job unless one with `uniqueKey` exists (queued, run or failed); undefined when it did. */
export async function insertUniqueJob(
  db: Db,
  job: { kind: string; payload: unknown; uniqueKey: string },
): Promise<JobRow | undefined> {
  const [row] = await db.query<JobRow>(sql`
    INSERT INTO jobs (kind, payload, unique_key) VALUES (${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${job.uniqueKey})
    ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
    RETURNING *`);
  return row;
}

/**
 * Claims the oldest runnable job. SKIP LOCKED lets many app processes poll one table without
 * blocking each other; a running job whose lease ran out (its process died) is claimed again.
 */
export async function claimJob(db: Db, kinds: readonly string[], leaseSeconds: number): Promise<JobRow | undefined> {
  const [row] = await db.query<JobRow>(sql`
    UPDATE jobs SET state = 'running', attempts = attempts + 1,
                    locked_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id = (
      SELECT id FROM jobs
      WHERE kind = ANY(${kinds as string[]}::text[])
        AND ((state = 'queued' AND run_after <= now()) OR (state = 'running' AND locked_until < now()))
      ORDER BY id
      FOR UPDATE SKIP LOCKED
      LIMIT 1)
    RETURNING *`);
  return row;
}

export async function updateJobProgress(
  db: Db,
  id: number,
  progress: number,
  message: string | null,
  steps: { done: number; total: number } | null,
  leaseSeconds: number,
): Promise<void> {
  // A job that reports progress is alive: its lease runs on, so a long scan is not claimed twice.
  await db.query(sql`UPDATE jobs SET progress = ${Math.max(0, Math.min(100, Math.round(progress)))},
    progress_message = ${message},
    -- Steps counted stay shown through the steps after them ("2 of 2 pages read", then saving).
    progress_done = coalesce(${steps?.done ?? null}::int, progress_done),
    progress_total = coalesce(${steps?.total ?? null}::int, progress_total),
    locked_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id = ${id} AND state = 'running'`);
}

export async function finishJob(db: Db, id: number, result: unknown): Promise<void> {
  await db.query(sql`UPDATE jobs SET state = 'succeeded', progress = 100, result = ${JSON.stringify(result ?? null)}::jsonb,
    finished_at = now(), locked_until = NULL WHERE id = ${id}`);
}

export async function failJob(db: Db, id: number, error: unknown, retryAfterSeconds: number | null): Promise<void> {
  if (retryAfterSeconds === null) {
    await db.query(sql`UPDATE jobs SET state = 'failed', error = ${JSON.stringify(error)}::jsonb, finished_at = now(),
      locked_until = NULL WHERE id = ${id}`);
  } else {
    await db.query(sql`UPDATE jobs SET state = 'queued', error = ${JSON.stringify(error)}::jsonb, locked_until = NULL,
      run_after = now() + make_interval(secs => ${retryAfterSeconds}) WHERE id = ${id}`);
  }
}

export async function findJob(db: Db, id: number): Promise<JobRow | undefined> {
  const [row] = await db.query<JobRow>(sql`SELECT * FROM jobs WHERE id = ${id}`);
  return row;
}
