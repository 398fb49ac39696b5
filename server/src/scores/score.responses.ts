import type { ScoreAgencyRow } from './score.queries.ts';
import {
  type BodyScoreResponse,
  SCORE_COMPONENTS,
  type ScoreRankingResponse,
  type ScoreRow,
  type ScoreWeightsResponse,
} from './score.schemas.ts';
import type { BodyScorePage, RankedBody, Ranking, RankingPage, Weights } from './score.service.ts';

export function toScoreWeightsResponse(w: Weights): ScoreWeightsResponse {
  return {
    id: w.row ? Number(w.row.id) : null,
    level: w.level,
    programmeCode: w.programmeCode,
    weights: w.weights,
    planDays: w.planDays,
    priorStrength: w.priorStrength,
    reason: w.row?.reason ?? null,
    setBy: w.row?.set_by ? { id: Number(w.row.set_by), name: w.row.set_by_name ?? '' } : null,
    setAt: w.row ? new Date(w.row.set_at).toISOString() : null,
  };
}

const toAgency = (a: ScoreAgencyRow) => ({
  id: Number(a.id),
  name: a.name,
  shortName: a.short_name,
  level: a.level,
  kind: a.kind,
});

const method = (r: Ranking) => ({ weights: toScoreWeightsResponse(r.weights), levelMeans: r.means });

function toScoreRow(body: RankedBody): ScoreRow {
  return {
    rank: body.rank,
    agency: toAgency(body.agency),
    score: body.score,
    rawScore: body.rawScore,
    tasks: body.tasks,
    components: body.components,
  };
}

export function toScoreRankingResponse(page: RankingPage): ScoreRankingResponse {
  return {
    level: page.level,
    programmeCode: page.programmeCode,
    period: page.period,
    method: method(page),
    total: page.total,
    ranked: page.bodies.length,
    limit: page.query.limit,
    offset: page.query.offset,
    sort: page.query.sort,
    order: page.query.order,
    rows: page.rows.map(toScoreRow),
  };
}

export function toBodyScoreResponse(page: BodyScorePage): BodyScoreResponse {
  const { ranking, body } = page;
  return {
    agency: toAgency(page.agency),
    programmeCode: ranking.programmeCode,
    period: ranking.period,
    method: method(ranking),
    rank: body?.rank ?? null,
    ranked: ranking.bodies.length,
    score: body?.score ?? null,
    rawScore: body?.rawScore ?? null,
    components: SCORE_COMPONENTS.map((component) => {
      const figure = body?.components[component] ?? {
        successes: 0,
        trials: 0,
        raw: null,
        adjusted: ranking.means[component],
      };
      return {
        component,
        ...figure,
        weight: ranking.weights.weights[component],
        levelMean: ranking.means[component],
        items: page.items
          .filter((item) => item.component === component)
          .map((item) => ({
            unit: item.unit,
            met: item.met,
            on: item.on_day,
            task: {
              id: Number(item.task_id),
              ref: item.ref,
              text: item.text,
              directive: { id: Number(item.directive_id), number: item.directive_number },
            },
          })),
      };
    }),
  };
}
