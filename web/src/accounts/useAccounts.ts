import type {
  AccountTokenResponse,
  CreateUserBody,
  UpdateUserBody,
  UserListResponse,
  UserResponse,
} from '@giamsat/server/accounts/account.schemas.ts';
import type { AccountImportResponse, AccountImportRow } from '@giamsat/server/accounts/account-import.schemas.ts';
import type { Role } from '@giamsat/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { api, upload } from '../api/client.ts';
import { useChange } from '../api/useChange.ts';

export type Account = UserResponse;
export type AccountImport = AccountImportResponse;
export type { AccountImportRow };

/** The list's status filter: active, deactivated, or invited (no password set yet). */
export type AccountStatus = 'active' | 'inactive' | 'invited';

export interface AccountFilter {
  q: string | null;
  agencyId: number | null;
  role: Role | null;
  status: AccountStatus | null;
  offset: number;
}

const key = ['users'];
export const ACCOUNTS_PAGE = 50;

export function useAccounts(filter: AccountFilter) {
  return useQuery({
    queryKey: [...key, filter],
    queryFn: () =>
      api.get<z.infer<typeof UserListResponse>>('/api/users', {
        q: filter.q,
        agencyId: filter.agencyId,
        role: filter.role,
        isActive: filter.status === 'inactive' ? false : filter.status === 'active' ? true : undefined,
        invited: filter.status === 'invited' ? true : undefined,
        limit: ACCOUNTS_PAGE,
        offset: filter.offset,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAccount() {
  return useChange((body: z.input<typeof CreateUserBody>) => api.post<Account>('/api/users', body), key);
}

export function useUpdateAccount() {
  return useChange(
    ({ id, ...body }: z.input<typeof UpdateUserBody> & { id: number }) => api.patch<Account>(`/api/users/${id}`, body),
    key,
  );
}

/** Mails the account a link to set its password (an invitation again, or a reset). */
export function useSendPasswordLink() {
  return useMutation({
    mutationFn: (id: number) =>
      api.post<{ purpose: 'invitation' | 'reset'; expiresAt: string }>(`/api/users/${id}/password-link`),
  });
}

/** The set-password page: whose account the link opens, then setting the password with it. */
export function useAccountLink(token: string | null) {
  return useQuery({
    queryKey: ['account-link', token],
    queryFn: () => api.post<z.infer<typeof AccountTokenResponse>>('/api/account-links/lookup', { token }),
    enabled: token !== null,
    retry: false,
  });
}

export function useSetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api.post<{ username: string }>('/api/account-links/password', body),
  });
}

/** Uploads a spreadsheet of accounts; answers its preview. */
export function useUploadAccounts() {
  const [uploaded, setUploaded] = useState(0);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      setUploaded(0);
      return upload<AccountImport>('/api/account-imports', form, setUploaded);
    },
  });
  return { ...mutation, uploaded };
}

export function useConfirmAccounts() {
  return useMutation({
    mutationFn: (id: number) => api.post<AccountImport>(`/api/account-imports/${id}/confirm`),
  });
}

/** Ends every session of an account (an administrator's "sign out everywhere"). */
export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: (id: number) => api.post<{ signedOut: number }>(`/api/users/${id}/sign-out-everywhere`),
  });
}
