import type {
  DecideExtensionBody,
  ExtensionListResponse,
  RequestExtensionBody,
} from '@giamsat/server/extensions/extension.schemas.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { useInvalidate } from '../reports/useReports.ts';

export type Extension = z.infer<typeof ExtensionListResponse>['items'][number];

export function useTaskExtensions(taskId: number) {
  return useQuery({
    queryKey: ['tasks', taskId, 'extensions'],
    queryFn: () => api.get<z.infer<typeof ExtensionListResponse>>(`/api/tasks/${taskId}/extensions`),
  });
}

export function useExtensionActions(taskId: number) {
  const invalidate = useInvalidate();
  return {
    request: useMutation({
      mutationFn: (body: z.input<typeof RequestExtensionBody>) =>
        api.post<Extension>(`/api/tasks/${taskId}/extensions`, body),
      onSuccess: invalidate,
    }),
    decide: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof DecideExtensionBody> & { id: number }) =>
        api.post<Extension>(`/api/extensions/${id}/decide`, body),
      onSuccess: invalidate,
    }),
  };
}
