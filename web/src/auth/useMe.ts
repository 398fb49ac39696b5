import type { LoginBody, MeResponse } from '@giamsat/server/auth/auth.schemas.ts';
import type { SignInStepResponse } from '@giamsat/server/second-factor/second-factor.schemas.ts';
import type { SignInOptionsResponse } from '@giamsat/server/sso/sso.schemas.ts';
import type { Role } from '@giamsat/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api, setCsrfToken } from '../api/client.ts';

/** The signed-in user, with what the server accepts from them (the upload limit). */
export type Me = MeResponse['user'] & Pick<MeResponse, 'limits'>;
const toMe = (me: MeResponse): Me => ({ ...me.user, limits: me.limits });
const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api.get<MeResponse>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return toMe(me);
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Signed in: the session's user becomes the app's, and what was cached for nobody is dropped. */
export function useSignedIn() {
  const client = useQueryClient();
  return (me: MeResponse) => {
    setCsrfToken(me.csrfToken);
    client.clear();
    client.setQueryData(ME_KEY, toMe(me));
  };
}

/** The password step: signed in (the user), or one step more (202: a code, or enrolment first). */
export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: z.input<typeof LoginBody>) => api.post<MeResponse | SignInStepResponse>('/api/auth/login', body),
    onSuccess: (answer) => {
      if (!('step' in answer)) signedIn(answer);
    },
  });
}

/** What the sign-in screen offers besides the password (the single sign-on button). */
export function useSignInOptions() {
  return useQuery({
    queryKey: ['auth', 'options'],
    queryFn: () => api.get<SignInOptionsResponse>('/api/auth/options'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<undefined>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

/** Drafts are the offices' work in progress: offices, administrators and inspectors may ask to see them. */
export function maySeeDrafts(role: Role): boolean {
  return role === 'office' || role === 'admin' || role === 'inspector';
}

/** The offices (and whoever watches rather than reports) start on a dashboard; focal points on their tasks. */
export function homeIsDashboard(role: Role): boolean {
  return role !== 'focal';
}
