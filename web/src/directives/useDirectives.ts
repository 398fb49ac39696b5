import type {
  CreateDirectiveBody,
  DirectiveListResponse,
  DirectiveResponse,
  DirectiveSourceResponse,
  ListDirectivesQuery,
  MatchWrittenBodyBody,
  MatchWrittenBodyResponse,
  PublishPreviewResponse,
  UpdateDirectiveBody,
} from '@giamsat/server/directives/directive.schemas.ts';
import type {
  CreateTaskBody,
  MergeTasksBody,
  SplitTaskBody,
  TaskListOnlyResponse,
  TaskResponse,
  UpdateTaskBody,
} from '@giamsat/server/tasks/task.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type QueryValue } from '../api/client.ts';

export type Directive = DirectiveResponse;
export type DirectiveList = z.infer<typeof DirectiveListResponse>;
export type DirectiveSource = DirectiveSourceResponse;
export type DirectiveListParams = Partial<Record<keyof z.input<typeof ListDirectivesQuery>, QueryValue>>;
export type DirectiveChanges = Omit<z.input<typeof UpdateDirectiveBody>, 'version'>;
export type TaskChanges = Omit<z.input<typeof UpdateTaskBody>, 'version'>;
export type NewTask = z.input<typeof CreateTaskBody>;
export type NewDirective = z.input<typeof CreateDirectiveBody>;

export const directiveKey = (id: number) => ['directives', id] as const;

export function useDirective(id: number) {
  return useQuery({
    queryKey: directiveKey(id),
    queryFn: () => api.get<Directive>(`/api/directives/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The text the directive was read from and where each task starts in it. */
export function useDirectiveSource(id: number) {
  return useQuery({
    queryKey: [...directiveKey(id), 'source'],
    queryFn: () => api.get<DirectiveSource>(`/api/directives/${id}/source`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useDirectiveList(params: DirectiveListParams) {
  return useQuery({
    queryKey: ['directives', 'list', params],
    queryFn: () => api.get<DirectiveList>('/api/directives', params),
    placeholderData: keepPreviousData,
  });
}

/** What publishing would do (tasks going live, bodies notified), read when the office is about to confirm. */
export function usePublishPreview(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...directiveKey(id), 'publish-preview'],
    queryFn: () => api.get<z.infer<typeof PublishPreviewResponse>>(`/api/directives/${id}/publish-preview`),
    enabled,
    staleTime: 0,
  });
}

/** A draft typed in by hand; its tasks are added on the review page. */
export function useCreateDirective() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDirective) => api.post<Directive>('/api/directives', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['directives', 'list'] }),
  });
}

/**
 * Every write of the review screen. After each one the directive, its source anchors and its task
 * lists are read again: a split or merge changes more than the task it was asked of.
 */
export function useReviewActions(directiveId: number) {
  const client = useQueryClient();
  const refresh = async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: directiveKey(directiveId) }),
      client.invalidateQueries({ queryKey: ['tasks'] }),
      client.invalidateQueries({ queryKey: ['directives', 'list'] }),
    ]);
  };
  const options = { onSuccess: refresh };
  return {
    updateDirective: useMutation({
      mutationFn: (input: { version: number; changes: DirectiveChanges }) =>
        api.patch<Directive>(`/api/directives/${directiveId}`, { version: input.version, ...input.changes }),
      ...options,
    }),
    publish: useMutation({
      mutationFn: (version: number) => api.post<Directive>(`/api/directives/${directiveId}/publish`, { version }),
      ...options,
    }),
    deleteDirective: useMutation({
      mutationFn: () => api.delete<undefined>(`/api/directives/${directiveId}`),
      onSuccess: () => client.invalidateQueries({ queryKey: ['directives', 'list'] }),
    }),
    addTask: useMutation({
      mutationFn: (task: NewTask) => api.post<TaskResponse>(`/api/directives/${directiveId}/tasks`, task),
      ...options,
    }),
    updateTask: useMutation({
      mutationFn: (input: { id: number; version: number; changes: TaskChanges }) =>
        api.patch<TaskResponse>(`/api/tasks/${input.id}`, { version: input.version, ...input.changes }),
      ...options,
    }),
    deleteTask: useMutation({
      mutationFn: (id: number) => api.delete<undefined>(`/api/tasks/${id}`),
      ...options,
    }),
    splitTask: useMutation({
      mutationFn: (input: { id: number; body: z.input<typeof SplitTaskBody> }) =>
        api.post<z.infer<typeof TaskListOnlyResponse>>(`/api/tasks/${input.id}/split`, input.body),
      ...options,
    }),
    mergeTasks: useMutation({
      mutationFn: (body: z.input<typeof MergeTasksBody>) => api.post<TaskResponse>('/api/tasks/merge', body),
      ...options,
    }),
    /** A written name matched once, in every task of the directive that wrote it. */
    matchBody: useMutation({
      mutationFn: (body: z.input<typeof MatchWrittenBodyBody>) =>
        api.post<z.infer<typeof MatchWrittenBodyResponse>>(`/api/directives/${directiveId}/match-body`, body),
      ...options,
    }),
  };
}
