import type { SessionListResponse } from '@giamsat/server/sessions/session.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';

export type Session = z.infer<typeof SessionListResponse>['items'][number];

const key = ['my-sessions'];

/** The signed-in user's own sessions, the current one marked. */
export function useMySessions() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get<z.infer<typeof SessionListResponse>>('/api/auth/sessions'),
  });
}

export function useSignOutSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/api/auth/sessions/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useSignOutOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ signedOut: number }>('/api/auth/sessions/sign-out-others'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
