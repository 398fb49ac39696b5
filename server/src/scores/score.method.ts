import type { ComponentFigure, ComponentWeights, ScoreComponent } from './score.schemas.ts';
import { SCORE_COMPONENTS } from './score.schemas.ts';

// The fairness method (shown on the score page, web i18n `scores.method`): each component is a share of
// successes in trials, and a body with few trials is pulled toward the level's mean. Bayesian shrinkage
// with a beta prior of strength k centred on the level's pooled share m:
//     adjusted = (successes + k·m) / (trials + k)
// A body with 1 task done on time (1/1) gets (1 + k·m)/(1 + k) — close to the mean — while a body with
// 300 tasks keeps almost its own share, so luck on a few tasks does not top the ranking. With nothing
// judged a component is the level's mean; a component nobody at the level has trials for is left out.
// The score is the weighted mean of the adjusted shares, 0–100; the raw score the same of the raw
// shares, over the components the body has trials for.

export function shrink(successes: number, trials: number, mean: number | null, k: number): number | null {
  if (mean === null) return null;
  if (trials + k === 0) return mean;
  return (successes + k * mean) / (trials + k);
}

export type Counts = Record<ScoreComponent, { successes: number; trials: number }>;

/** Each component's pooled share over every body of the level: Σ successes / Σ trials (null when no trials). */
export function levelMeans(bodies: Iterable<Counts>): Record<ScoreComponent, number | null> {
  const sums = Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, { s: 0, n: 0 }])) as Record<
    ScoreComponent,
    { s: number; n: number }
  >;
  for (const body of bodies) {
    for (const c of SCORE_COMPONENTS) {
      sums[c].s += body[c].successes;
      sums[c].n += body[c].trials;
    }
  }
  return Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, sums[c].n ? sums[c].s / sums[c].n : null])) as Record<
    ScoreComponent,
    number | null
  >;
}

export interface BodyScore {
  score: number | null;
  rawScore: number | null;
  components: Record<ScoreComponent, ComponentFigure>;
}

const weightedMean = (parts: { value: number | null; weight: number }[]): number | null => {
  const counted = parts.filter((p): p is { value: number; weight: number } => p.value !== null && p.weight > 0);
  const total = counted.reduce((sum, p) => sum + p.weight, 0);
  return total === 0 ? null : (100 * counted.reduce((sum, p) => sum + p.weight * p.value, 0)) / total;
};

export function scoreBody(
  counts: Counts,
  means: Record<ScoreComponent, number | null>,
  weights: ComponentWeights,
  k: number,
): BodyScore {
  const components = {} as Record<ScoreComponent, ComponentFigure>;
  for (const c of SCORE_COMPONENTS) {
    const { successes, trials } = counts[c];
    components[c] = {
      successes,
      trials,
      raw: trials ? successes / trials : null,
      adjusted: shrink(successes, trials, means[c], k),
    };
  }
  return {
    score: weightedMean(SCORE_COMPONENTS.map((c) => ({ value: components[c].adjusted, weight: weights[c] }))),
    rawScore: weightedMean(SCORE_COMPONENTS.map((c) => ({ value: components[c].raw, weight: weights[c] }))),
    components,
  };
}
