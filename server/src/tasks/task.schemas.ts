// Contracts of the task API. Only zod + shared enums: the web app imports this file for its forms.
import {
  AgencyKind,
  AgencyLevel,
  BoolString,
  DeadlineKind,
  DirectiveStatus,
  IsoDate,
  ListPage,
  RecurrencePeriod,
  RowId,
  Timeliness,
  TimelinessFilter,
} from '@giamsat/shared';
import { z } from 'zod';
import { EventFieldsResponse } from '../events/events.schemas.ts';

const AgencyIds = (max: number) => z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(max);

export const TaskIdParams = z.object({ id: RowId });
export const DirectiveTasksParams = z.object({ id: RowId });
export const TwinParams = z.object({ id: RowId, twinId: RowId });

/**
 * A deadline as the directive writes it (`raw`, kept verbatim) and as normalised: `date` needs a due
 * day; `recurring` needs a period (and may have a completion day too); `continuous`, `event` and
 * `none` have no day yet.
 */
export const DeadlineInput = z
  .object({
    kind: DeadlineKind,
    raw: z.string().trim().max(500).default(''),
    due: IsoDate.nullish(),
    period: RecurrencePeriod.nullish(),
  })
  .strict()
  .superRefine((deadline, ctx) => {
    if (deadline.kind === 'date' && !deadline.due) {
      ctx.addIssue({ code: 'custom', path: ['due'], message: 'a deadline of kind "date" needs its due day' });
    }
    if (deadline.kind === 'recurring' && !deadline.period) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'a recurring deadline needs its period' });
    }
    if (deadline.kind !== 'recurring' && deadline.period) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'only a recurring deadline has a period' });
    }
    if (['continuous', 'event', 'none'].includes(deadline.kind) && deadline.due) {
      ctx.addIssue({ code: 'custom', path: ['due'], message: `a deadline of kind "${deadline.kind}" has no due day` });
    }
  });
export type DeadlineInput = z.infer<typeof DeadlineInput>;

const TaskFields = {
  ref: z.string().trim().max(50),
  text: z.string().trim().min(1).max(20_000),
  deliverable: z.string().trim().max(5_000).nullish(),
  note: z.string().trim().max(5_000).nullish(),
  leadAgencyIds: AgencyIds(200),
  coordinatingAgencyIds: AgencyIds(1_000),
  deadline: DeadlineInput,
  parentTaskId: RowId.nullish(),
  sourceLine: z.number().int().min(0).max(10_000_000).nullish(),
  /** Bodies written in the directive that review has not matched to the registry yet. */
  unresolvedBodies: z.array(z.string().trim().min(1).max(300)).max(100),
};

export const CreateTaskBody = z
  .object({
    ...TaskFields,
    ref: TaskFields.ref.default(''),
    leadAgencyIds: TaskFields.leadAgencyIds.default([]),
    coordinatingAgencyIds: TaskFields.coordinatingAgencyIds.default([]),
    deadline: TaskFields.deadline.default({ kind: 'none', raw: '' }),
    unresolvedBodies: TaskFields.unresolvedBodies.default([]),
  })
  .strict();
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const UpdateTaskBody = z
  .object({
    version: z.number().int().positive(),
    ref: TaskFields.ref.optional(),
    text: TaskFields.text.optional(),
    deliverable: TaskFields.deliverable,
    note: TaskFields.note,
    leadAgencyIds: TaskFields.leadAgencyIds.optional(),
    coordinatingAgencyIds: TaskFields.coordinatingAgencyIds.optional(),
    deadline: TaskFields.deadline.optional(),
    parentTaskId: TaskFields.parentTaskId,
    sourceLine: TaskFields.sourceLine,
    unresolvedBodies: TaskFields.unresolvedBodies.optional(),
  })
  .strict();
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

/** One task of a draft that really holds several: the first part stays the task, the rest are new. */
export const SplitTaskBody = z
  .object({
    version: z.number().int().positive().optional(),
    parts: z
      .array(
        z
          .object({
            text: TaskFields.text,
            ref: TaskFields.ref.optional(),
            deliverable: TaskFields.deliverable,
            note: TaskFields.note,
            leadAgencyIds: TaskFields.leadAgencyIds.optional(),
            coordinatingAgencyIds: TaskFields.coordinatingAgencyIds.optional(),
            deadline: TaskFields.deadline.optional(),
          })
          .strict(),
      )
      .min(2)
      .max(50),
  })
  .strict();
export type SplitTaskBody = z.infer<typeof SplitTaskBody>;

/** Several tasks of a draft that are really one: the first listed stays, the others fold into it. */
export const MergeTasksBody = z
  .object({
    taskIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(2).max(50),
    text: TaskFields.text.optional(),
    ref: TaskFields.ref.optional(),
    deadline: TaskFields.deadline.optional(),
  })
  .strict();
export type MergeTasksBody = z.infer<typeof MergeTasksBody>;

export const AsOfQuery = z.object({ asOf: IsoDate.optional() }).strict();

/** `timeliness=a&timeliness=b` or `timeliness=a,b`. */
const TimelinessList = z
  .union([z.string().max(500), z.array(z.string().max(100)).max(20)])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(TimelinessFilter).max(20));

export const TaskSort = z.enum(['dueDate', 'createdAt', 'timeliness', 'directive', 'ref', 'completedOn']);

export const ListTasksQuery = z
  .object({
    /** A body: the tasks assigned to it (or, with subtree=true, to it and the bodies under it), groups included. */
    agencyId: RowId.optional(),
    subtree: BoolString.default(false),
    role: z.enum(['lead', 'coordinating', 'any']).default('any'),
    /** Only the body's own assignments, not those of the named groups it belongs to (the dashboard's body rows). */
    directOnly: BoolString.default(false),
    /** My own body's tasks (signed in). */
    mine: BoolString.default(false),
    level: AgencyLevel.optional(),
    directiveId: RowId.optional(),
    programme: z.string().trim().min(1).max(20).optional(),
    timeliness: TimelinessList.optional(),
    dueFrom: IsoDate.optional(),
    dueTo: IsoDate.optional(),
    /** Tasks whose completion was accepted on or after this day (the public site's "completed in the last 30 days"). */
    completedFrom: IsoDate.optional(),
    /** Text or clause reference, without diacritics: "xay dung co so du lieu". */
    q: z.string().trim().max(200).optional(),
    parentTaskId: RowId.optional(),
    /** Open tasks with no accepted report in the last 30 days. */
    staleOnly: BoolString.default(false),
    /** Live tasks (of published directives) unless drafts are asked for: `draft` (labelled) or `any`. */
    status: z.enum(['draft', 'published', 'any']).default('published'),
    /** Open tasks none of whose lead bodies has an active account able to report ("no one to report"). */
    noReporter: BoolString.default(false),
    sort: TaskSort.default('dueDate'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    asOf: IsoDate.optional(),
  })
  .strict();
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

export const HistoryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const AgencyRef = z.object({ id: z.number(), name: z.string() });
const AgencyDetail = AgencyRef.extend({ shortName: z.string().nullable(), level: AgencyLevel, kind: AgencyKind });

export const Deadline = z.object({
  kind: DeadlineKind,
  raw: z.string(),
  due: z.string().nullable(),
  firstDue: z.string().nullable(),
  period: RecurrencePeriod.nullable(),
});

/** Where the task stands, as every task answer gives it (toStanding in task.responses.ts fills it). */
const TaskStanding = z.object({
  deadline: Deadline,
  timeliness: Timeliness,
  dueSoon: z.boolean(),
  daysOverdue: z.number(),
  progressPercent: z.number(),
  completedOn: z.string().nullable(),
  lastAcceptedReportAt: z.string().nullable(),
});

export const TaskRow = z.object({
  id: z.number(),
  ref: z.string(),
  text: z.string(),
  directive: z.object({
    id: z.number(),
    number: z.string().nullable(),
    programmeCode: z.string().nullable(),
    level: AgencyLevel,
    status: DirectiveStatus,
  }),
  lead: z.array(AgencyRef),
  coordinating: z.array(AgencyRef),
  ...TaskStanding.shape,
  parentTaskId: z.number().nullable(),
  version: z.number(),
});
export type TaskRow = z.infer<typeof TaskRow>;

export const TaskListResponse = ListPage(TaskRow).extend({ asOf: z.string() });

export const TaskResponse = z.object({
  id: z.number(),
  ref: z.string(),
  text: z.string(),
  deliverable: z.string().nullable(),
  note: z.string().nullable(),
  sourceLine: z.number().nullable(),
  unresolvedBodies: z.array(z.string()),
  directive: z.object({
    id: z.number(),
    number: z.string().nullable(),
    title: z.string(),
    level: AgencyLevel,
    status: DirectiveStatus,
    programmeCode: z.string().nullable(),
    issuedOn: z.string().nullable(),
    scopeAgency: AgencyRef.nullable(),
  }),
  lead: z.array(AgencyDetail),
  coordinating: z.array(AgencyDetail),
  ...TaskStanding.shape,
  /** The higher task this one implements (possibly in another directive and level). */
  parent: z
    .object({
      id: z.number(),
      ref: z.string(),
      text: z.string(),
      directive: z.object({ id: z.number(), number: z.string().nullable(), level: AgencyLevel }),
    })
    .nullable(),
  /** Lower tasks implementing this one (first 100 visible; the list endpoint with parentTaskId has them all). */
  children: z.array(TaskRow),
  rollup: z.object({ count: z.number(), done: z.number(), overdue: z.number(), averagePercent: z.number() }),
  twins: z.array(TaskRow),
  asOf: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    canEdit: z.boolean(),
    canDelete: z.boolean(),
    canSplit: z.boolean(),
    canReport: z.boolean(),
    canReview: z.boolean(),
  }),
});
export type TaskResponse = z.infer<typeof TaskResponse>;

export const TaskListOnlyResponse = z.object({ items: z.array(TaskRow) });

export const TaskHistoryResponse = z.object({
  items: z.array(EventFieldsResponse.extend({ actor: z.object({ id: z.number(), name: z.string() }).nullable() })),
  limit: z.number(),
  offset: z.number(),
});
