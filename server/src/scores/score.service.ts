import type { AgencyLevel } from '@giamsat/shared';
import { type Actor, requireRole, requireUser } from '../auth/actor.ts';
import { pathWithin, workingSubtree } from '../auth/scope.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { ScoreErrors } from './score.errors.ts';
import { type BodyScore, type Counts, levelMeans, scoreBody } from './score.method.ts';
import {
  countComponents,
  findCurrentWeights,
  findScoreAgency,
  insertWeights,
  listScoreAgencies,
  listScoreItems,
  listWeightsHistory,
  programmeExists,
  type ScoreAgencyRow,
  type ScoreFilter,
  type ScoreItemRow,
  type ScoreWeightsRow,
} from './score.queries.ts';
import {
  type BodyScoreQuery,
  type ComponentWeights,
  SCORE_COMPONENTS,
  type ScoreComponent,
  type ScoreRankingQuery,
  type ScoreSort,
  type ScoreWeightsQuery,
  type SetScoreWeightsBody,
} from './score.schemas.ts';

/** The weights in force until an administrator sets others: on-time completion counts most (PRODUCT.md). */
export const DEFAULT_WEIGHTS: ComponentWeights = {
  onTime: 40,
  planInTime: 15,
  reportsOnTime: 15,
  upToDate: 15,
  reportQuality: 15,
};
export const DEFAULT_PLAN_DAYS = 30;
export const DEFAULT_PRIOR_STRENGTH = 10;

export interface Weights {
  row: ScoreWeightsRow | null;
  level: AgencyLevel;
  programmeCode: string | null;
  weights: ComponentWeights;
  planDays: number;
  priorStrength: number;
}

function toWeights(row: ScoreWeightsRow): Weights {
  return {
    row,
    level: row.level,
    programmeCode: row.programme_code,
    weights: {
      onTime: Number(row.on_time),
      planInTime: Number(row.plan_in_time),
      reportsOnTime: Number(row.reports_on_time),
      upToDate: Number(row.up_to_date),
      reportQuality: Number(row.report_quality),
    },
    planDays: row.plan_days,
    priorStrength: Number(row.prior_strength),
  };
}

async function currentWeights(db: Db, level: AgencyLevel, programmeCode: string | null): Promise<Weights> {
  const row = await findCurrentWeights(db, level, programmeCode);
  if (row) return toWeights(row);
  return {
    row: null,
    level,
    programmeCode,
    weights: DEFAULT_WEIGHTS,
    planDays: DEFAULT_PLAN_DAYS,
    priorStrength: DEFAULT_PRIOR_STRENGTH,
  };
}

export interface Period {
  from: string;
  to: string;
  asOf: string;
}

/** The period asked, else the current calendar year; judged on its last day, or today while it runs. */
function resolvePeriod(input: { from?: string | undefined; to?: string | undefined }): Period {
  const today = vietnamDate();
  const year = (input.to ?? input.from ?? today).slice(0, 4);
  const from = input.from ?? `${year}-01-01`;
  const to = input.to ?? `${year}-12-31`;
  return { from, to, asOf: to < today ? to : today };
}

export interface RankedBody extends BodyScore {
  rank: number;
  agency: ScoreAgencyRow;
  tasks: number;
}

export interface Ranking {
  level: AgencyLevel;
  programmeCode: string | null;
  period: Period;
  weights: Weights;
  means: Record<ScoreComponent, number | null>;
  /** Every body scored at the level, best first. */
  bodies: RankedBody[];
}

const emptyCounts = (): Counts =>
  Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, { successes: 0, trials: 0 }])) as Counts;

/**
 * Every body of the level with something judged in the period, scored and ranked. Computed over the
 * whole level whoever asks, so a body's score and rank are the same for its own office and the
 * central one; who sees which body is decided after.
 */
async function rankLevel(
  db: Db,
  level: AgencyLevel,
  programmeCode: string | null,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<Ranking> {
  if (programmeCode !== null && !(await programmeExists(db, programmeCode))) {
    throw ScoreErrors.programmeNotFound(programmeCode);
  }
  const period = resolvePeriod(input);
  const weights = await currentWeights(db, level, programmeCode);
  const filter: ScoreFilter = { level, agencyId: null, programmeCode, ...period, planDays: weights.planDays };
  const counts = new Map<number, { counts: Counts; tasks: number }>();
  for (const row of await countComponents(db, filter, SCORE_COMPONENTS)) {
    let body = counts.get(row.agency_id);
    if (!body) {
      body = { counts: emptyCounts(), tasks: 0 };
      counts.set(row.agency_id, body);
    }
    if (row.component === null) body.tasks = row.tasks;
    else body.counts[row.component] = { successes: row.successes, trials: row.trials };
  }
  const means = levelMeans([...counts.values()].map((b) => b.counts));
  const agencies = new Map((await listScoreAgencies(db, [...counts.keys()])).map((a) => [Number(a.id), a]));
  const scored = [...counts.entries()].map(([id, body]) => ({
    agency: agencies.get(id)!,
    tasks: body.tasks,
    ...scoreBody(body.counts, means, weights.weights, weights.priorStrength),
  }));
  scored.sort((a, b) => compareNullsLast(b.score, a.score) || a.agency.name.localeCompare(b.agency.name, 'vi'));
  // Equal scores share a rank: 1 + the bodies strictly better.
  const bodies: RankedBody[] = [];
  for (const [i, body] of scored.entries()) {
    const previous = bodies[i - 1];
    const rank = previous && previous.score === body.score ? previous.rank : i + 1;
    bodies.push({ ...body, rank });
  }
  return { level, programmeCode, period, weights, means, bodies };
}

/** a − b for sorting, with null after every number whichever way the list runs (see sortBodies). */
function compareNullsLast(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}

/** Bodies the actor may see: all for the nation's readers, their subtree for an office or a body's own people. */
function visibleTo(actor: Actor, agency: ScoreAgencyRow): boolean {
  const subtree = workingSubtree(actor);
  return subtree === null || pathWithin(agency.path, subtree);
}

function sortValue(body: RankedBody, sort: ScoreSort): number | string | null {
  switch (sort) {
    case 'score':
      return body.score;
    case 'rawScore':
      return body.rawScore;
    case 'name':
      return body.agency.name;
    case 'tasks':
      return body.tasks;
    default:
      return body.components[sort].adjusted;
  }
}

/** Sorted by any column either way; empty figures last both ways; ties by rank, then name. */
function sortBodies(bodies: RankedBody[], sort: ScoreSort, order: 'asc' | 'desc'): RankedBody[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...bodies].sort((a, b) => {
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    let by: number;
    if (x === null || y === null) by = x === y ? 0 : x === null ? 1 : -1;
    else if (typeof x === 'string' && typeof y === 'string') by = sign * x.localeCompare(y, 'vi');
    else by = sign * ((x as number) - (y as number));
    return by || a.rank - b.rank || a.agency.name.localeCompare(b.agency.name, 'vi');
  });
}

export interface RankingPage extends Ranking {
  total: number;
  rows: RankedBody[];
  query: ScoreRankingQuery;
}

/** GET /api/scores: the level's ranking as the actor may see it, sorted and paged. */
export async function getScoreRanking(db: Db, actor: Actor, query: ScoreRankingQuery): Promise<RankingPage> {
  requireUser(actor);
  const ranking = await rankLevel(db, query.level, query.programmeCode ?? null, query);
  const visible = sortBodies(
    ranking.bodies.filter((b) => visibleTo(actor, b.agency)),
    query.sort,
    query.order,
  );
  return {
    ...ranking,
    total: visible.length,
    rows: visible.slice(query.offset, query.offset + query.limit),
    query,
  };
}

export interface BodyScorePage {
  ranking: Ranking;
  agency: ScoreAgencyRow;
  /** null when the body had nothing judged in the period. */
  body: RankedBody | null;
  items: ScoreItemRow[];
}

/** GET /api/scores/bodies/:agencyId: one body's score, components and the tasks behind each figure. */
export async function getBodyScore(
  db: Db,
  actor: Actor,
  agencyId: number,
  query: BodyScoreQuery,
): Promise<BodyScorePage> {
  requireUser(actor);
  const agency = await findScoreAgency(db, agencyId);
  if (!agency || !visibleTo(actor, agency)) throw ScoreErrors.agencyNotFound(agencyId);
  const ranking = await rankLevel(db, agency.level, query.programmeCode ?? null, query);
  const filter: ScoreFilter = {
    level: agency.level,
    agencyId,
    programmeCode: ranking.programmeCode,
    ...ranking.period,
    planDays: ranking.weights.planDays,
  };
  const items = await listScoreItems(db, filter, SCORE_COMPONENTS);
  return { ranking, agency, body: ranking.bodies.find((b) => Number(b.agency.id) === agencyId) ?? null, items };
}

/** GET /api/scores/weights: the weights in force and the history of this level's (and programme's) settings. */
export async function getScoreWeights(
  db: Db,
  actor: Actor,
  query: ScoreWeightsQuery,
): Promise<{ current: Weights; history: Weights[] }> {
  requireUser(actor);
  const programmeCode = query.programmeCode ?? null;
  return {
    current: await currentWeights(db, query.level, programmeCode),
    history: (await listWeightsHistory(db, query.level, programmeCode)).map(toWeights),
  };
}

/** PUT /api/scores/weights: an administrator sets new weights; the earlier ones stay in the history. */
export async function setScoreWeights(db: Db, actor: Actor, input: SetScoreWeightsBody): Promise<Weights> {
  const user = requireRole(actor, ['admin'], 'scores.weights.set');
  if (input.programmeCode !== null && !(await programmeExists(db, input.programmeCode))) {
    throw ScoreErrors.programmeNotFound(input.programmeCode);
  }
  await insertWeights(db, { ...input, setBy: user.kind === 'user' ? user.userId : null });
  return currentWeights(db, input.level, input.programmeCode);
}
