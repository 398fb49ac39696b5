import type { ImportAccepted, ImportResult, PasteImportBody } from '@giamsat/server/imports/import.schemas.ts';
import type { JobResponse } from '@giamsat/server/jobs/job.schemas.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiError, api, upload } from '../api/client.ts';

export type Job = JobResponse;
export type { ImportResult };

type Accepted = z.infer<typeof ImportAccepted>;

/** A background job, asked again every second until it has finished. */
export function useJob(jobId: number | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => api.get<Job>(`/api/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'succeeded' || state === 'failed' ? false : 1000;
    },
    staleTime: 0,
  });
}

/** The job's failure as the error the web app already knows how to say in Vietnamese. */
export function jobError(job: Job): ApiError | null {
  return job.error ? new ApiError(422, job.error.code, job.error.params) : null;
}

export function useStartImport() {
  const [uploaded, setUploaded] = useState(0);
  const file = useMutation({
    mutationFn: (input: { file: File; programmeCode: string }) => {
      const form = new FormData();
      // Fields before the file: the server reads them from the file part.
      if (input.programmeCode) form.append('programmeCode', input.programmeCode);
      form.append('file', input.file);
      setUploaded(0);
      return upload<Accepted>('/api/imports', form, setUploaded);
    },
  });
  const paste = useMutation({
    mutationFn: (body: z.input<typeof PasteImportBody>) => api.post<Accepted>('/api/imports/paste', body),
  });
  return { file, paste, uploaded };
}
