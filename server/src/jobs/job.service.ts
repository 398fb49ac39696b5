import type { z } from 'zod';
import { type Actor, actorUserId, requireUser } from '../auth/actor.ts';
import type { AppContext } from '../context/app-context.ts';
import type { Db } from '../db/db.ts';
import { AppError, CommonErrors } from '../errors/app-error.ts';
import {
  claimJob,
  failJob,
  findJob,
  finishJob,
  insertJob,
  insertUniqueJob,
  type JobRow,
  updateJobProgress,
} from './job.queries.ts';

/** What a job handler gets: the app's resources and a way to show progress to any app process. */
export interface JobContext extends AppContext {
  job: JobRow;
  /** `steps`: countable work (a scan's pages), shown as "3 of 7" beside the percentage. */
  progress(percent: number, message?: string, steps?: { done: number; total: number }): Promise<void>;
}

/** A named background job: a zod payload and an idempotent handler (it may run again after a crash). */
export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  kind: string;
  payload: P;
  maxAttempts: number;
  run(ctx: JobContext, payload: z.infer<P>): Promise<unknown>;
}

export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export async function enqueueJob<P extends z.ZodType>(
  db: Db,
  actor: Actor,
  definition: JobDefinition<P>,
  payload: z.infer<P>,
): Promise<JobRow> {
  return insertJob(db, {
    kind: definition.kind,
    payload: definition.payload.parse(payload),
    createdBy: actorUserId(actor),
  });
}

/**
 * A job that recurs once per period (a day): `period` names the period an instant falls in (its unique
 * key) and the payload of that period's run.
 */
export interface RecurringJob<P extends z.ZodType = z.ZodType> {
  definition: JobDefinition<P>;
  period(now: Date): { key: string; payload: z.infer<P> };
}

export function defineRecurringJob<P extends z.ZodType>(recurring: RecurringJob<P>): RecurringJob<P> {
  return recurring;
}

/**
 * Queues the run of the period `now` falls in, unless it was queued already: however many processes call
 * this, each period's job exists once (its unique key). The job, if queued now, or undefined.
 */
export async function enqueueRecurringJob<P extends z.ZodType>(
  db: Db,
  recurring: RecurringJob<P>,
  now: Date = new Date(),
): Promise<JobRow | undefined> {
  const { key, payload } = recurring.period(now);
  return insertUniqueJob(db, {
    kind: recurring.definition.kind,
    payload: recurring.definition.payload.parse(payload),
    uniqueKey: `${recurring.definition.kind}:${key}`,
  });
}

/** Queues each recurring job's current period now and every `intervalMs` (a minute) in this process. */
export function keepRecurringJobsQueued(
  db: Db,
  recurring: readonly RecurringJob[],
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): void } {
  const tick = async () => {
    for (const job of recurring) {
      try {
        await enqueueRecurringJob(db, job);
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}

/** A job as its creator (or an administrator) may see it. */
export async function getJob(db: Db, actor: Actor, id: number): Promise<JobRow> {
  const user = requireUser(actor);
  const job = await findJob(db, id);
  if (!job || (job.created_by !== user.userId && user.role !== 'admin')) throw CommonErrors.notFound('job', id);
  return job;
}

const LEASE_SECONDS = 300;

/** Runs one claimed job to its end; returns false when nothing was runnable. */
export async function runNextJob(ctx: AppContext, definitions: readonly JobDefinition[]): Promise<boolean> {
  const job = await claimJob(
    ctx.db,
    definitions.map((d) => d.kind),
    LEASE_SECONDS,
  );
  if (!job) return false;
  const definition = definitions.find((d) => d.kind === job.kind);
  if (!definition) return true;
  try {
    const payload = definition.payload.parse(job.payload);
    const result = await definition.run(
      {
        ...ctx,
        job,
        progress: (percent, message, steps) =>
          updateJobProgress(ctx.db, job.id, percent, message ?? null, steps ?? null, LEASE_SECONDS),
      },
      payload,
    );
    await finishJob(ctx.db, job.id, result);
  } catch (error) {
    // A known refusal (unreadable file…) is final; anything else may be a passing fault: retry with backoff.
    const final = error instanceof AppError || job.attempts >= definition.maxAttempts;
    const detail =
      error instanceof AppError
        ? { code: error.code, params: error.params }
        : { code: 'JOB_FAILED', params: { message: error instanceof Error ? error.message : String(error) } };
    await failJob(ctx.db, job.id, detail, final ? null : 5 * 2 ** job.attempts);
  }
  return true;
}

/** Runs every runnable job now (tests, and the demo loader). */
export async function drainJobs(ctx: AppContext, definitions: readonly JobDefinition[]): Promise<number> {
  let count = 0;
  while (await runNextJob(ctx, definitions)) count++;
  return count;
}

/** Polls for jobs in this process until stopped. Any number of processes may do this at once. */
export function startWorker(
  ctx: AppContext,
  definitions: readonly JobDefinition[],
  options: { pollMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let worked = false;
      try {
        worked = await runNextJob(ctx, definitions);
      } catch (error) {
        options.onError?.(error);
      }
      if (!worked && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, options.pollMs ?? 500);
        });
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
