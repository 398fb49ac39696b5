import type { DashboardQuery, DashboardResponse } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export type Dashboard = DashboardResponse;
export type DashboardParams = Partial<DashboardQuery>;

export function useDashboard(params: DashboardParams) {
  return useQuery({
    queryKey: ['dashboard', params],
    queryFn: () => api.get<Dashboard>('/api/dashboard', params),
    placeholderData: keepPreviousData,
  });
}
