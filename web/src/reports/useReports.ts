import type {
  CreateReportBody,
  EvidenceLinkBody,
  ReportListResponse,
  ReportPageResponse,
  ReportResponse,
  ReviewReportBody,
  UpdateReportBody,
} from '@giamsat/server/reports/report.schemas.ts';
import type { ReportState } from '@giamsat/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';

export type Report = ReportResponse;

export function useTaskReports(taskId: number) {
  return useQuery({
    queryKey: ['tasks', taskId, 'reports'],
    queryFn: () => api.get<z.infer<typeof ReportListResponse>>(`/api/tasks/${taskId}/reports`),
  });
}

export type QueueOrder = 'oldest' | 'newest';
export type QueuedReport = z.infer<typeof ReportPageResponse>['items'][number];

/** What the review queue is narrowed to (kept in the page's URL); the server applies it within its scope. */
export interface ReviewFilters {
  state?: ReportState;
  agencyId?: number;
  directiveId?: number;
  q?: string;
}

/** Reports for review, each with its task (one request for the page, none per card). */
export function useReviewQueue(filters: ReviewFilters, page: number, order: QueueOrder) {
  return useQuery({
    queryKey: ['reports', 'queue', filters, order, page],
    queryFn: () =>
      api.get<z.infer<typeof ReportPageResponse>>('/api/reports', {
        ...filters,
        // A body's reports with those of the bodies under it: a province's office picks the province.
        subtree: filters.agencyId ? 'true' : undefined,
        order,
        page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
}

/** After any change to a report: the task (percent, state), its reports, history, every list and dashboard. */
/** After a change to a task's progress (a report, its evidence, a deadline): refresh what shows it. */
export function useInvalidate() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) => ['tasks', 'reports', 'dashboard'].includes(String(q.queryKey[0])),
    });
}

export function useReportActions(taskId: number) {
  const invalidate = useInvalidate();
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof CreateReportBody>) => api.post<Report>(`/api/tasks/${taskId}/reports`, body),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof UpdateReportBody> & { id: number }) =>
        api.patch<Report>(`/api/reports/${id}`, body),
      onSuccess: invalidate,
    }),
    submit: useMutation({
      mutationFn: ({ id, version }: { id: number; version?: number }) =>
        api.post<Report>(`/api/reports/${id}/submit`, { version }),
      onSuccess: invalidate,
    }),
    review: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof ReviewReportBody> & { id: number }) =>
        api.post<Report>(`/api/reports/${id}/review`, body),
      onSuccess: invalidate,
    }),
    addLink: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof EvidenceLinkBody> & { id: number }) =>
        api.post<unknown>(`/api/reports/${id}/links`, body),
      onSuccess: invalidate,
    }),
    removeEvidence: useMutation({
      mutationFn: (evidenceId: number) => api.delete<unknown>(`/api/evidence/${evidenceId}`),
      onSuccess: invalidate,
    }),
    invalidate,
  };
}
