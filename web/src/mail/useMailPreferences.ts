import type { MailPreferencesResponse, UpdateMailPreferencesBody } from '@giamsat/server/mail/mail.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useChange } from '../api/useChange.ts';

const key = ['mail-preferences'];

/** The signed-in person's e-mail settings, beside their account's address. */
export function useMailPreferences() {
  return useQuery({ queryKey: key, queryFn: () => api.get<MailPreferencesResponse>('/api/mail/preferences') });
}

export function useUpdateMailPreferences() {
  return useChange(
    (input: UpdateMailPreferencesBody) => api.put<MailPreferencesResponse>('/api/mail/preferences', input),
    key,
  );
}
