// Contracts of progress reports (with the evidence they are read and created with), the review queue and
// recurring reporting obligations. Only zod and the shared enums here, so the web app imports the same
// schemas for its forms.
import { AssignmentRole, BoolString, IsoDate, RecurrencePeriod, ReportState, RowId } from '@giamsat/shared';
import { z } from 'zod';

const LongText = z.string().trim().max(20_000);
/** Why the report goes below the progress last accepted; required to send such a report (report.service.ts). */
const LoweredReason = z.string().trim().max(2000);

/** URL evidence: only http and https (a javascript: or file: link would run or leak in the reader). */
export const EvidenceLinkBody = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: z.string().trim().max(300).default(''),
});
export type EvidenceLinkBody = z.infer<typeof EvidenceLinkBody>;

export const CreateReportBody = z.object({
  percent: z.number().int().min(0).max(100),
  narrative: LongText.default(''),
  difficulties: LongText.default(''),
  recommendations: LongText.default(''),
  links: z.array(EvidenceLinkBody).max(20).default([]),
  progressLoweredReason: LoweredReason.default(''),
  /** Create and submit in one request (one transaction): the common case on a reporting deadline. */
  submit: z.boolean().default(false),
});
export type CreateReportBody = z.infer<typeof CreateReportBody>;

export const UpdateReportBody = z.object({
  version: z.number().int().positive(),
  percent: z.number().int().min(0).max(100).optional(),
  narrative: LongText.optional(),
  difficulties: LongText.optional(),
  recommendations: LongText.optional(),
  progressLoweredReason: LoweredReason.optional(),
});
export type UpdateReportBody = z.infer<typeof UpdateReportBody>;

/** Optional body: a client that sends the version it saw gets 409 instead of submitting a newer edit. */
export const SubmitReportBody = z.object({ version: z.number().int().positive().optional() }).nullish();
export type SubmitReportBody = z.infer<typeof SubmitReportBody>;

export const ReviewDecision = z.enum(['accept', 'return']);
export const ReviewReportBody = z.object({
  decision: ReviewDecision,
  /** Required when returning: the body must know what to fix. */
  comment: z.string().trim().max(5000).optional(),
  version: z.number().int().positive().optional(),
  /**
   * When accepting: the report's evidence items the public may see and download (Ba công khai). Each
   * item is private unless named here; only an accepted report's items can be public.
   */
  publicEvidenceIds: z.array(RowId).max(100).optional(),
});
export type ReviewReportBody = z.infer<typeof ReviewReportBody>;

export const ReportListQuery = z.object({
  state: ReportState.optional(),
  taskId: RowId.optional(),
  directiveId: RowId.optional(),
  /** The reporting body; with subtree=true, also the bodies under it (a province and its communes). */
  agencyId: RowId.optional(),
  subtree: BoolString.default(false),
  /** Words of the task's text or clause, in order, with or without diacritics. */
  q: z.string().trim().max(200).optional(),
  /** Oldest first suits a review queue (first come, first reviewed). */
  order: z.enum(['newest', 'oldest']).default('newest'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

const Ref = z.object({ id: z.number(), name: z.string() });

export const StoredFileResponse = z.object({
  id: z.number(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
});

export const EvidenceResponse = z.object({
  id: z.number(),
  reportId: z.number(),
  kind: z.enum(['file', 'link']),
  title: z.string(),
  url: z.string().nullable(),
  file: StoredFileResponse.nullable(),
  /** For files: where to download it (always as an attachment). */
  downloadUrl: z.string().nullable(),
  createdAt: z.string(),
  /** The reviewer marked it public when accepting the report: anyone sees it on the public site. */
  public: z.boolean(),
});
export type EvidenceResponse = z.infer<typeof EvidenceResponse>;

export const ReportResponse = z.object({
  id: z.number(),
  taskId: z.number(),
  agency: Ref,
  /** What the report covers: the lead's report covers the task; a coordinating body's, its own part. */
  agencyRole: AssignmentRole,
  /** Who wrote it; null for a reader who does not see people's names (the public). */
  author: Ref.nullable(),
  percent: z.number(),
  narrative: z.string(),
  difficulties: z.string(),
  recommendations: z.string(),
  /** Set when the report, as submitted, went below this figure (the progress last accepted). */
  progressLoweredFrom: z.number().nullable(),
  /** Why the progress went down; required to submit a report that lowers it. */
  progressLoweredReason: z.string(),
  state: ReportState,
  submittedAt: z.string().nullable(),
  /** Who decided; null when undecided or for the public. */
  reviewer: Ref.nullable(),
  reviewedAt: z.string().nullable(),
  /** The reviewer's comment; never shown to the public. */
  reviewComment: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  evidence: z.array(EvidenceResponse),
  /** Whether the acting user may accept or return it (never a report of their own body). */
  abilities: z.object({ canReview: z.boolean() }),
});
export type ReportResponse = z.infer<typeof ReportResponse>;

export const ReportListResponse = z.object({
  items: z.array(ReportResponse),
  /**
   * The progress the acting body's next report is compared with (a lead body: the task's; a coordinating
   * body: its own last accepted report's): going below it needs a reason. Null when the body does not report.
   */
  acceptedPercent: z.number().nullable(),
});
export type ReportListResponse = z.infer<typeof ReportListResponse>;

/** A report's task as a list of reports shows it (the review queue: what is to be judged, by when). */
export const ReportTaskBrief = z.object({
  id: z.number(),
  ref: z.string(),
  text: z.string(),
  dueDate: z.string().nullable(),
  directive: z.object({ id: z.number(), number: z.string().nullable() }),
});
export type ReportTaskBrief = z.infer<typeof ReportTaskBrief>;

export const ReportPageResponse = z.object({
  /** Each with its task (null only if the task is no longer visible), so a list needs no request per row. */
  items: z.array(ReportResponse.extend({ task: ReportTaskBrief.nullable() })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ReportPageResponse = z.infer<typeof ReportPageResponse>;

export const ObligationsQuery = z.object({ asOf: IsoDate.optional() });

export const ObligationStatus = z.enum(['met', 'missed', 'open']);
export const ObligationsResponse = z.object({
  taskId: z.number(),
  recurrencePeriod: RecurrencePeriod.nullable(),
  /** The day obligations start: the directive's issue date, else the day the task was created. */
  from: z.string().nullable(),
  asOf: z.string(),
  periods: z.array(
    z.object({
      periodStart: z.string(),
      periodEnd: z.string(),
      /** 'open': the period has not ended on asOf and no lead report came in yet. */
      status: ObligationStatus,
      met: z.boolean(),
      /** The first lead report submitted within the period. */
      reportId: z.number().nullable(),
    }),
  ),
});
export type ObligationsResponse = z.infer<typeof ObligationsResponse>;
