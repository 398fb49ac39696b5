import type { LoginBlockListResponse } from '@giamsat/server/accounts/account.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { useChange } from '../api/useChange.ts';

export type LoginBlock = z.infer<typeof LoginBlockListResponse>['items'][number];

const key = ['login-blocks'];

/** The sign-in blocks in force now (administrators). */
export function useLoginBlocks() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get<z.infer<typeof LoginBlockListResponse>>('/api/login-blocks'),
  });
}

export function useLiftLoginBlock() {
  return useChange((id: number) => api.delete<void>(`/api/login-blocks/${id}`), key);
}
