import type {
  EventChainVerificationResponse,
  EventFilterQuery,
  EventListResponse,
} from '@giamsat/server/audit/audit.schemas.ts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../api/client.ts';

export type AuditEvent = z.infer<typeof EventListResponse>['items'][number];
export type ChainVerification = z.infer<typeof EventChainVerificationResponse>;

/** The filters as the page keeps them (the API's, all optional), and the page of rows shown. */
export type AuditFilters = Partial<EventFilterQuery>;
export const AUDIT_PAGE_SIZE = 25;

/** One page of the audit trail, newest first (inspectors and administrators). */
export function useAuditTrail(filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: ['audit', 'events', filters, page],
    queryFn: () =>
      api.get<z.infer<typeof EventListResponse>>('/api/events', {
        ...filters,
        limit: AUDIT_PAGE_SIZE,
        offset: page * AUDIT_PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Where the .xlsx of the filtered events downloads from. */
export function auditExportPath(filters: AuditFilters, lang: string): string {
  return withQuery('/api/events/export', { ...filters, lang: lang === 'en' ? 'en' : 'vi' });
}

/** Walks the hash chain and names its first broken link (administrators). */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => api.get<ChainVerification>('/api/audit/verify') });
}
