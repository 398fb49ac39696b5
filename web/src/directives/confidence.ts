import type { FieldConfidence } from '@giamsat/server/directives/directive.schemas.ts';
import { LOW_CONFIDENCE_BELOW } from '@giamsat/shared';

export interface DoubtfulField {
  field: string;
  score: number;
  reason: string;
}

/** The fields the extractor was unsure of, least sure first; none once a person has saved the task. */
export function doubtfulFields(confidence: Record<string, FieldConfidence> | null | undefined): DoubtfulField[] {
  return Object.entries(confidence ?? {})
    .filter(([, c]) => c.score < LOW_CONFIDENCE_BELOW)
    .map(([field, c]) => ({ field, score: c.score, reason: c.reason }))
    .sort((a, b) => a.score - b.score);
}

/**
 * The order the review lists tasks in: those with a doubtful field first (least sure first), then the
 * rest in reading order. Stable, so equal scores keep the document's order.
 */
export function doubtfulFirst<T extends { doubtful: DoubtfulField[] }>(tasks: readonly T[]): T[] {
  const least = (task: T) => task.doubtful[0]?.score ?? Number.POSITIVE_INFINITY;
  return [...tasks].sort((a, b) => least(a) - least(b));
}
