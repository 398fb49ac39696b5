// Contracts of the body scores (issue 15). Only zod and shared enums: the web app imports this file.
import { AgencyLevel, IsoDate, RowId } from '@giamsat/shared';
import { z } from 'zod';
import { AgencyBrief } from '../dashboard/dashboard.schemas.ts';

/**
 * The components of a body's score, each a share of things judged (its trials) that went right (its
 * successes):
 * - onTime: of the tasks it leads whose deadline fell in the period (up to the day judged), those done
 *   on time (task_timeliness);
 * - planInTime: of the higher directives issued in the period that give it work (a task it leads or
 *   coordinates, directly or through a group it belongs to), those whose implementation plan it issued
 *   within planDays days (for the bodies that own a standing office's scope: they issue plans);
 * - reportsOnTime: of the reporting periods of its recurring tasks that ended in the period, those
 *   with a report (obligation_periods);
 * - upToDate: of its open tasks, those with an accepted report in the last 30 days (task_stale);
 * - reportQuality: of its reports sent in the period and decided, those accepted without being
 *   returned.
 */
export const ScoreComponent = z.enum(['onTime', 'planInTime', 'reportsOnTime', 'upToDate', 'reportQuality']);
export type ScoreComponent = z.infer<typeof ScoreComponent>;
export const SCORE_COMPONENTS = ScoreComponent.options;

const Weight = z.number().min(0).max(1000);
export const ComponentWeights = z.object({
  onTime: Weight,
  planInTime: Weight,
  reportsOnTime: Weight,
  upToDate: Weight,
  reportQuality: Weight,
});
export type ComponentWeights = z.infer<typeof ComponentWeights>;

const ProgrammeCode = z.string().trim().min(1).max(20);

/** A setting of the weights, as an administrator sends it. */
export const SetScoreWeightsBody = z
  .object({
    level: AgencyLevel,
    /** null (or absent): for every programme without weights of its own. */
    programmeCode: ProgrammeCode.nullable().default(null),
    weights: ComponentWeights.refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight above 0'),
    /** An implementation plan is in time within this many days of the higher plan's issue. */
    planDays: z.number().int().min(1).max(366),
    /** The fairness method's k: a body's shares are shrunk toward the level's as if it had k more at the mean. */
    priorStrength: z.number().min(0).max(1000),
    reason: z.string().trim().max(2000).nullable().default(null),
  })
  .strict();
export type SetScoreWeightsBody = z.infer<typeof SetScoreWeightsBody>;

export const ScoreWeightsQuery = z.object({ level: AgencyLevel, programmeCode: ProgrammeCode.optional() }).strict();
export type ScoreWeightsQuery = z.infer<typeof ScoreWeightsQuery>;

export const ScoreWeightsResponse = z.object({
  /** null for the built-in defaults (no administrator has set any). */
  id: z.number().nullable(),
  level: AgencyLevel,
  programmeCode: z.string().nullable(),
  weights: ComponentWeights,
  planDays: z.number().int(),
  priorStrength: z.number(),
  reason: z.string().nullable(),
  setBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  setAt: z.string().nullable(),
});
export type ScoreWeightsResponse = z.infer<typeof ScoreWeightsResponse>;

export const ScoreWeightsHistoryResponse = z.object({
  /** The weights in force for this level (and programme): its own latest setting, else the level's, else the defaults. */
  current: ScoreWeightsResponse,
  /** Every setting of exactly this level and programme, newest first. */
  history: z.array(ScoreWeightsResponse),
});
export type ScoreWeightsHistoryResponse = z.infer<typeof ScoreWeightsHistoryResponse>;

/** The period judged: default the current calendar year; judged on min(to, today). */
const Period = {
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  programmeCode: ProgrammeCode.optional(),
};
const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to before from' });
};

export const ScoreSort = z.enum(['score', 'rawScore', 'name', 'tasks', ...SCORE_COMPONENTS]);
export type ScoreSort = z.infer<typeof ScoreSort>;

export const ScoreRankingQuery = z
  .object({
    level: AgencyLevel,
    ...Period,
    /** Any column, either way: `sort=score&order=asc` lists the weakest first. Empty figures sort last. */
    sort: ScoreSort.default('score'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .superRefine(fromBeforeTo);
export type ScoreRankingQuery = z.infer<typeof ScoreRankingQuery>;

export const BodyScoreQuery = z.object(Period).strict().superRefine(fromBeforeTo);
export type BodyScoreQuery = z.infer<typeof BodyScoreQuery>;
export const BodyScoreParams = z.object({ agencyId: RowId });

/** The yearly evaluation of a body as a file: the score page's period, in .xlsx or .docx, in Vietnamese or English. */
export const BodyEvaluationQuery = z
  .object({ ...Period, format: z.enum(['xlsx', 'docx']), lang: z.enum(['vi', 'en']).default('vi') })
  .strict()
  .superRefine(fromBeforeTo);
export type BodyEvaluationQuery = z.infer<typeof BodyEvaluationQuery>;

/** A component of one body: successes of trials, the raw share and the share after the fairness method. */
export const ComponentFigure = z.object({
  successes: z.number().int(),
  trials: z.number().int(),
  /** successes / trials; null when nothing was judged. */
  raw: z.number().nullable(),
  /** (successes + k·levelMean) / (trials + k); the level's mean when nothing was judged; null when the level has none. */
  adjusted: z.number().nullable(),
});
export type ComponentFigure = z.infer<typeof ComponentFigure>;

/** A body as the ranking and its page name it: the dashboard's brief. */
const ScoreAgency = AgencyBrief;

const ScorePeriod = z.object({ from: IsoDate, to: IsoDate, asOf: IsoDate });

const ScoreMethod = z.object({
  weights: ScoreWeightsResponse,
  /** Of every body of the level: total successes / total trials per component. */
  levelMeans: z.record(ScoreComponent, z.number().nullable()),
});

/** What was judged and how: the same in the ranking and on a body's page. */
const Judged = {
  programmeCode: z.string().nullable(),
  period: ScorePeriod,
  method: ScoreMethod,
  /** Bodies ranked at the level in all (ranks run to this). */
  ranked: z.number().int(),
};

export const ScoreRow = z.object({
  /** 1 = best adjusted score among every body of the level (equal scores share a rank). */
  rank: z.number().int(),
  agency: ScoreAgency,
  /** 0–100 after the fairness method. */
  score: z.number().nullable(),
  /** 0–100 from the raw shares (components with nothing judged left out). */
  rawScore: z.number().nullable(),
  /** Distinct tasks behind the figures. */
  tasks: z.number().int(),
  components: z.record(ScoreComponent, ComponentFigure),
});
export type ScoreRow = z.infer<typeof ScoreRow>;

export const ScoreRankingResponse = z.object({
  level: AgencyLevel,
  ...Judged,
  /** Bodies in the ranking the caller may see; `rows` is one page of them. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  sort: ScoreSort,
  order: z.enum(['asc', 'desc']),
  rows: z.array(ScoreRow),
});
export type ScoreRankingResponse = z.infer<typeof ScoreRankingResponse>;

/** One thing judged behind a figure, and the task it is about (the web links it). */
export const ScoreItem = z.object({
  /** What is counted once: a task, a directive (plan), a task's reporting period, a report; with the task, unique within a component. */
  unit: z.string(),
  met: z.boolean(),
  /** The day it was judged by: a deadline, the plan's due day, a period's end, a report's sending day; null for "up to date". */
  on: IsoDate.nullable(),
  task: z.object({
    id: z.number(),
    ref: z.string(),
    text: z.string(),
    directive: z.object({ id: z.number(), number: z.string().nullable() }),
  }),
});
export type ScoreItem = z.infer<typeof ScoreItem>;

export const BodyScoreResponse = z.object({
  agency: ScoreAgency,
  ...Judged,
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  rawScore: z.number().nullable(),
  components: z.array(
    ComponentFigure.extend({
      component: ScoreComponent,
      weight: z.number(),
      levelMean: z.number().nullable(),
      items: z.array(ScoreItem),
    }),
  ),
});
export type BodyScoreResponse = z.infer<typeof BodyScoreResponse>;
