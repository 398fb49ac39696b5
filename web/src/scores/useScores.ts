import type {
  BodyScoreQuery,
  BodyScoreResponse,
  ScoreRankingQuery,
  ScoreRankingResponse,
} from '@giamsat/server/scores/score.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export type ScoreRankingParams = Pick<ScoreRankingQuery, 'level'> & Partial<Omit<ScoreRankingQuery, 'level'>>;

export function useScoreRanking(params: ScoreRankingParams) {
  return useQuery({
    queryKey: ['scores', params],
    queryFn: () => api.get<ScoreRankingResponse>('/api/scores', params),
    placeholderData: keepPreviousData,
  });
}

export function useBodyScore(agencyId: number, params: Partial<BodyScoreQuery>) {
  return useQuery({
    queryKey: ['scores', 'body', agencyId, params],
    queryFn: () => api.get<BodyScoreResponse>(`/api/scores/bodies/${agencyId}`, params),
  });
}
