import type {
  AnswerFeedbackBody,
  AssignFeedbackBody,
  FeedbackHistoryResponse,
  FeedbackListResponse,
  FeedbackResponse,
  FeedbackStanding,
  FeedbackStatus,
  TransferFeedbackBody,
} from '@giamsat/server/feedback/feedback.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { useChange } from '../api/useChange.ts';

export type Feedback = FeedbackResponse;
export type FeedbackHistory = z.infer<typeof FeedbackHistoryResponse>['items'];

export interface FeedbackFilters {
  status: FeedbackStatus | null;
  standing: FeedbackStanding | null;
}

const key = ['feedback'];

/** The inbox: what the reader may see, the most pressing first. */
export function useFeedbackInbox(filters: FeedbackFilters) {
  return useQuery({
    queryKey: [...key, 'list', filters],
    queryFn: () =>
      api.get<z.infer<typeof FeedbackListResponse>>('/api/feedback', {
        status: filters.status,
        standing: filters.standing,
        limit: 100,
      }),
  });
}

export function useFeedbackHistory(id: number) {
  return useQuery({
    queryKey: [...key, 'history', id],
    queryFn: () => api.get<z.infer<typeof FeedbackHistoryResponse>>(`/api/feedback/${id}/history`),
  });
}

export function useAssignFeedback() {
  return useChange(
    ({ id, ...body }: AssignFeedbackBody & { id: number }) => api.post<Feedback>(`/api/feedback/${id}/assign`, body),
    key,
  );
}

export function useTransferFeedback() {
  return useChange(
    ({ id, ...body }: TransferFeedbackBody & { id: number }) =>
      api.post<Feedback>(`/api/feedback/${id}/transfer`, body),
    key,
  );
}

export function useAnswerFeedback() {
  return useChange(
    ({ id, ...body }: AnswerFeedbackBody & { id: number }) => api.post<Feedback>(`/api/feedback/${id}/answer`, body),
    key,
  );
}
