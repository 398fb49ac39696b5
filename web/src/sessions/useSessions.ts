import type { SessionListResponse } from '@giamsat/server/sessions/session.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { useChange } from '../api/useChange.ts';

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
  return useChange((id: number) => api.delete<void>(`/api/auth/sessions/${id}`), key);
}

export function useSignOutOtherSessions() {
  return useChange(() => api.post<{ signedOut: number }>('/api/auth/sessions/sign-out-others'), key);
}
