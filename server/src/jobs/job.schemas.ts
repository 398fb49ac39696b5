import { z } from 'zod';

export const JobParams = z.object({ id: z.coerce.number().int().positive() });

export const JobResponse = z.object({
  id: z.number(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  /** 0–100, written by the handler as it goes: any app process can show the progress bar. */
  progress: z.number(),
  progressMessage: z.string().nullable(),
  /** Countable steps (a scan's pages read): done of total; null when the job has none. */
  steps: z.object({ done: z.number(), total: z.number() }).nullable(),
  result: z.unknown().nullable(),
  error: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobResponse = z.infer<typeof JobResponse>;
