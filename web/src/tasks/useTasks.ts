import type {
  ListTasksQuery,
  TaskHistoryResponse,
  TaskListResponse,
  TaskResponse,
} from '@giamsat/server/tasks/task.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type QueryValue } from '../api/client.ts';

export type TaskList = z.infer<typeof TaskListResponse>;
export type Task = TaskResponse;
export type TaskHistory = z.infer<typeof TaskHistoryResponse>;
/** What the list endpoint accepts, as the URL carries it (strings, lists joined by commas). */
export type TaskListParams = Partial<Record<keyof z.input<typeof ListTasksQuery>, QueryValue>>;

export function useTaskList(params: TaskListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['tasks', 'list', params],
    queryFn: () => api.get<TaskList>('/api/tasks', params),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useTask(id: number) {
  return useQuery({
    queryKey: ['tasks', id],
    queryFn: () => api.get<Task>(`/api/tasks/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useTaskHistory(id: number) {
  return useQuery({
    queryKey: ['tasks', id, 'history'],
    queryFn: () => api.get<TaskHistory>(`/api/tasks/${id}/history`, { limit: 200 }),
  });
}
