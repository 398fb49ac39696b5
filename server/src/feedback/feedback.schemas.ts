// Contracts of feedback and recommendations (phản ánh, kiến nghị; issue 13). Only zod and the shared
// enums here, so the web app imports the same schemas for its forms.
import { IsoDate, ListPage, RowId } from '@giamsat/shared';
import { z } from 'zod';

/** What may be submitted here; complaints and denunciations are named so they can be sent elsewhere. */
export const FeedbackType = z.enum(['feedback', 'recommendation']);
export type FeedbackType = z.infer<typeof FeedbackType>;
export const SubmissionType = z.enum([...FeedbackType.options, 'complaint', 'denunciation']);

export const FeedbackStatus = z.enum(['received', 'assigned', 'answered']);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

/** Against the answer's limit (SQL feedback_standing()); null while it waits for the office. */
export const FeedbackStanding = z.enum(['on_time', 'due_soon', 'late']);
export type FeedbackStanding = z.infer<typeof FeedbackStanding>;

export const FeedbackHistoryAction = z.enum(['received', 'assigned', 'transferred', 'answered', 'rated']);
export type FeedbackHistoryAction = z.infer<typeof FeedbackHistoryAction>;

const Text = (max: number) => z.string().trim().min(1).max(max);
/** An optional form field: left blank, it is absent. */
const Optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

// Vietnamese numbers as people write them: +84 or 0, then digits with spaces, dots or dashes.
const PHONE = /^\+?[0-9][0-9 .-]{7,18}[0-9]$/;

export const SubmitFeedbackBody = z
  .object({
    type: SubmissionType,
    fieldId: RowId,
    /** The body it concerns, from the registry (optional). */
    concernedAgencyId: RowId.optional(),
    title: Text(300),
    content: Text(10_000),
    contact: z.object({
      name: Text(200),
      email: Optional(z.string().trim().toLowerCase().max(254).pipe(z.email())),
      phone: Optional(z.string().trim().max(20).regex(PHONE)),
      organisation: Optional(Text(300)),
    }),
    publication: z.object({
      /** The submitter agrees that the submission (title, content) may be published with its answer. */
      consent: z.boolean(),
      /** …and with their name. */
      includeName: z.boolean().default(false),
    }),
    /** Hidden in the form: people leave it empty, bots fill it. */
    website: z.string().max(500).optional(),
  })
  .refine((b) => b.contact.email !== undefined || b.contact.phone !== undefined, {
    message: 'an e-mail address or a phone number is needed to answer',
    path: ['contact', 'email'],
  })
  .refine((b) => b.publication.consent || !b.publication.includeName, {
    message: 'the name is published only with the submission',
    path: ['publication', 'includeName'],
  });
export type SubmitFeedbackBody = z.infer<typeof SubmitFeedbackBody>;

export const SubmitFeedbackResponse = z.object({ trackingCode: z.string() });

/** A tracking code as typed: any case, with or without its dash; checked against the stored form. */
export const TrackingCodeParams = z.object({ code: z.string().trim().min(1).max(32) });

const Ref = z.object({ id: z.number(), name: z.string() });
const FieldRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

/** What the submitter (anyone holding the code) sees: the path and the answer, nothing personal. */
export const FeedbackTrackResponse = z.object({
  trackingCode: z.string(),
  type: FeedbackType,
  field: FieldRef,
  title: z.string(),
  status: FeedbackStatus,
  submittedOn: IsoDate,
  agency: Ref.nullable(),
  answerDueOn: IsoDate.nullable(),
  history: z.array(z.object({ action: FeedbackHistoryAction, at: z.string(), agency: Ref.nullable() })),
  answer: z.object({ text: z.string(), answeredOn: IsoDate, agency: Ref }).nullable(),
  /** The submitter's own rating of the answer, once given (the comment is never published). */
  rating: z.object({ value: z.number().int(), comment: z.string().nullable(), ratedOn: IsoDate }).nullable(),
  /** Answered and not rated yet: the holder of the code may rate it. */
  canRate: z.boolean(),
});
export type FeedbackTrackResponse = z.infer<typeof FeedbackTrackResponse>;

/** The submitter rates the answer once: 1–5, with a comment if they wish. Nothing else is accepted. */
export const RateAnswerBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: Optional(Text(2000)),
});
export type RateAnswerBody = z.infer<typeof RateAnswerBody>;

export const FeedbackFieldListResponse = z.object({ items: z.array(FieldRef) });

// Staff side: the inbox, the submission in full, and the routing steps.

export const FeedbackListQuery = z.object({
  status: FeedbackStatus.optional(),
  standing: FeedbackStanding.optional(),
  type: FeedbackType.optional(),
  fieldId: RowId.optional(),
  agencyId: RowId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type FeedbackListQuery = z.infer<typeof FeedbackListQuery>;

export const FeedbackResponse = z.object({
  id: z.number(),
  trackingCode: z.string(),
  type: FeedbackType,
  field: FieldRef,
  concernedAgency: Ref.nullable(),
  title: z.string(),
  content: z.string(),
  contact: z.object({
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    organisation: z.string().nullable(),
  }),
  publication: z.object({ consent: z.boolean(), includeName: z.boolean() }),
  status: FeedbackStatus,
  standing: FeedbackStanding.nullable(),
  agency: Ref.nullable(),
  assignedOn: IsoDate.nullable(),
  transferUntil: IsoDate.nullable(),
  answerDueOn: IsoDate.nullable(),
  answer: z.string().nullable(),
  answeredOn: IsoDate.nullable(),
  submittedAt: z.string(),
  /** What the reader may do now (the server checks again). */
  abilities: z.object({ assign: z.boolean(), transfer: z.boolean(), answer: z.boolean() }),
});
export type FeedbackResponse = z.infer<typeof FeedbackResponse>;

export const FeedbackListResponse = ListPage(FeedbackResponse);

export const FeedbackHistoryResponse = z.object({
  items: z.array(
    z.object({
      action: FeedbackHistoryAction,
      at: z.string(),
      agency: Ref.nullable(),
      by: Ref.nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

export const AssignFeedbackBody = z.object({
  agencyId: RowId,
  /** The office's classification, when it corrects the submitter's. */
  type: FeedbackType.optional(),
  fieldId: RowId.optional(),
});
export type AssignFeedbackBody = z.infer<typeof AssignFeedbackBody>;

export const TransferFeedbackBody = z.object({ agencyId: RowId, reason: Text(2000) });
export type TransferFeedbackBody = z.infer<typeof TransferFeedbackBody>;

export const AnswerFeedbackBody = z.object({ answer: Text(20_000) });
export type AnswerFeedbackBody = z.infer<typeof AnswerFeedbackBody>;
