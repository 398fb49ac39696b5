import { COMMITTEE_WORDS } from '@giamsat/shared/bodies';
import { foldForSearch } from '@giamsat/shared/text';
import { type Actor, requireRole } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { type DuplicatePairRow, listDuplicatePairs } from './agency.queries.ts';
import type { DuplicatePair, DuplicatesQuery } from './agency.schemas.ts';

// An administrative unit (a province, a commune) and its People's Committee are one body for the work
// assigned to them: the unit's record, which holds the tree under it (departments, the offices' scope,
// the province on the map), with the committee's names as its aliases. Two records would split the
// work: a task given to one never reaches the accounts of the other.

/** Names closer than this (pg_trgm similarity of the folded names) are listed as near-duplicates. */
const SIMILAR_NAMES = 0.8;

/**
 * Near-duplicate bodies for an administrator to merge (admin only): pairs side by side in the tree
 * whose folded names are the same or nearly so, a unit and its People's Committee first.
 */
export async function listNearDuplicates(db: Db, actor: Actor, query: DuplicatesQuery) {
  requireRole(actor, ['admin'], 'agency.duplicates');
  const rows = await listDuplicatePairs(db, {
    committeeWords: COMMITTEE_WORDS.map(foldForSearch),
    threshold: SIMILAR_NAMES,
    limit: query.limit,
    offset: query.offset,
  });
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.offset > 0) {
    const [first] = await listDuplicatePairs(db, {
      committeeWords: COMMITTEE_WORDS.map(foldForSearch),
      threshold: SIMILAR_NAMES,
      limit: 1,
      offset: 0,
    });
    total = first?.total ?? 0;
  }
  return { rows, total, limit: query.limit, offset: query.offset };
}

/** The body a merge should keep: the unit of a committee pair, else the one with more open work. */
export function suggestedSurvivor(row: DuplicatePairRow): number {
  const { first, second } = row;
  if (row.reason === 'committee') return first.committee ? second.id : first.id;
  return second.open_tasks + second.active_accounts > first.open_tasks + first.active_accounts ? second.id : first.id;
}

export function toDuplicatePair(row: DuplicatePairRow): DuplicatePair {
  const side = (s: DuplicatePairRow['first']) => ({
    id: s.id,
    name: s.name,
    level: s.level,
    parent: s.parent_id === null ? null : { id: s.parent_id, name: s.parent_name ?? '' },
    version: s.version,
    openTasks: Number(s.open_tasks),
    activeAccounts: Number(s.active_accounts),
  });
  return {
    reason: row.reason,
    similarity: Number(row.similarity),
    first: side(row.first),
    second: side(row.second),
    suggestedSurvivorId: suggestedSurvivor(row),
  };
}
