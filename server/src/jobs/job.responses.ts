import type { JobRow } from './job.queries.ts';
import type { JobResponse } from './job.schemas.ts';

export function toJobResponse(job: JobRow): JobResponse {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    progressMessage: job.progress_message,
    steps:
      job.progress_done === null || job.progress_total === null
        ? null
        : { done: job.progress_done, total: job.progress_total },
    result: job.result ?? null,
    error: (job.error as JobResponse['error']) ?? null,
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}
