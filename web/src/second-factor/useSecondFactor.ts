import type {
  CodeBody,
  EnrolmentResponse,
  RecoveryCodesResponse,
  SecondFactorStatusResponse,
  SignInCompleteResponse,
  SignInStepResponse,
} from '@giamsat/server/second-factor/second-factor.schemas.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useChange } from '../api/useChange.ts';

export type { CodeBody, EnrolmentResponse };

// ── The sign-in step (no session yet: the server holds the half-done sign-in behind a cookie) ──

export function useSignInStep() {
  return useQuery({
    queryKey: ['auth', 'sign-in-step'],
    queryFn: () => api.get<SignInStepResponse>('/api/auth/login/second-factor'),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useEnrolDuringSignIn() {
  return useMutation({ mutationFn: () => api.post<EnrolmentResponse>('/api/auth/login/second-factor/enrolment') });
}

export function useCompleteSignIn() {
  return useMutation({
    mutationFn: (body: CodeBody) => api.post<SignInCompleteResponse>('/api/auth/login/second-factor', body),
  });
}

// ── The signed-in user's own second factor (account page) ──

const key = ['second-factor'];

export function useSecondFactorStatus() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get<SecondFactorStatusResponse>('/api/auth/second-factor'),
  });
}

export function useEnrolSecondFactor() {
  return useMutation({ mutationFn: () => api.post<EnrolmentResponse>('/api/auth/second-factor/enrolment') });
}

export function useConfirmSecondFactor() {
  return useChange(
    (body: { code: string }) => api.post<RecoveryCodesResponse>('/api/auth/second-factor/confirm', body),
    key,
  );
}

export function useRenewRecoveryCodes() {
  return useChange(
    (body: CodeBody) => api.post<RecoveryCodesResponse>('/api/auth/second-factor/recovery-codes', body),
    key,
  );
}

export function useDisableSecondFactor() {
  return useChange((body: CodeBody) => api.post<undefined>('/api/auth/second-factor/disable', body), key);
}

/** Six digits is a code from the app; anything longer is taken as a recovery code. */
export function toCodeBody(typed: string): CodeBody {
  const trimmed = typed.trim();
  return /^\d{6}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: trimmed };
}
