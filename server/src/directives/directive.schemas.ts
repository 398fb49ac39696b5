// Contracts of the directive API. Only zod + shared enums: the web app imports this file for its forms.
import { AgencyLevel, BoolString, DirectiveStatus, IsoDate, ListPage, RowId, Timeliness } from '@giamsat/shared';
import { z } from 'zod';

/** "07-TB/CQTTBCĐ": kept as written; matched without spaces and case. */
const DirectiveNumber = z.string().trim().min(1).max(100);

export const DirectiveIdParams = z.object({ id: RowId });

export const CreateDirectiveBody = z
  .object({
    number: DirectiveNumber,
    docType: z.string().trim().max(100).nullish(),
    issuedOn: IsoDate.nullish(),
    issuerAgencyId: RowId.nullish(),
    issuerName: z.string().trim().max(300).nullish(),
    level: AgencyLevel,
    title: z.string().trim().max(2000).default(''),
    programmeCode: z.string().trim().min(1).max(20).nullish(),
    /** Numbers of the higher documents this one implements; kept even before those are imported. */
    implements: z.array(DirectiveNumber).max(50).default([]),
    /** The office that owns it: by default the creating office's own scope (null = central). */
    scopeAgencyId: RowId.nullish(),
  })
  .strict();
export type CreateDirectiveBody = z.infer<typeof CreateDirectiveBody>;

export const UpdateDirectiveBody = z
  .object({
    version: z.number().int().positive(),
    number: DirectiveNumber.optional(),
    docType: z.string().trim().max(100).nullish(),
    issuedOn: IsoDate.nullish(),
    issuerAgencyId: RowId.nullish(),
    issuerName: z.string().trim().max(300).nullish(),
    level: AgencyLevel.optional(),
    title: z.string().trim().max(2000).optional(),
    programmeCode: z.string().trim().min(1).max(20).nullish(),
    implements: z.array(DirectiveNumber).max(50).optional(),
    scopeAgencyId: RowId.nullish(),
  })
  .strict();
export type UpdateDirectiveBody = z.infer<typeof UpdateDirectiveBody>;

/** What publishing a draft would do: its tasks go live, and this many bodies are notified. */
export const PublishPreviewResponse = z.object({ tasks: z.number(), bodies: z.number() });

export const PublishDirectiveBody = z.object({ version: z.number().int().positive().optional() }).strict().nullish();

/** A name the document wrote that matched no body, matched once for every task of the directive that wrote it. */
export const MatchWrittenBodyBody = z
  .object({
    written: z.string().trim().min(1).max(300),
    agencyId: RowId,
    role: z.enum(['lead', 'coordinating']),
    /** Keep the written name as the body's alias, so the next import recognises it. */
    keepAsAlias: z.boolean().default(false),
  })
  .strict();
export type MatchWrittenBodyBody = z.infer<typeof MatchWrittenBodyBody>;

export const MatchWrittenBodyResponse = z.object({
  /** The tasks that had the name and now have the body. */
  taskIds: z.array(z.number()),
  /** The name was saved as the body's alias (false: not asked, or it had it already). */
  aliasKept: z.boolean(),
});

export const ListDirectivesQuery = z
  .object({
    status: DirectiveStatus.optional(),
    programme: z.string().trim().min(1).max(20).optional(),
    level: AgencyLevel.optional(),
    scopeAgencyId: RowId.optional(),
    /** Number or title, without diacritics: "ke hoach 02" finds "Kế hoạch 02-KH/TU". */
    q: z.string().trim().max(200).optional(),
    implementsNumber: DirectiveNumber.optional(),
    manageable: BoolString.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ListDirectivesQuery = z.infer<typeof ListDirectivesQuery>;

export const DirectiveDetailQuery = z.object({ asOf: IsoDate.optional() }).strict();

const AgencyRef = z.object({ id: z.number(), name: z.string() });
const DirectiveRef = z.object({
  id: z.number(),
  number: z.string().nullable(),
  title: z.string(),
  level: AgencyLevel,
  status: DirectiveStatus,
});

export const DirectiveSummary = z.object({
  id: z.number(),
  number: z.string().nullable(),
  docType: z.string().nullable(),
  issuedOn: z.string().nullable(),
  issuer: AgencyRef.nullable(),
  issuerName: z.string().nullable(),
  level: AgencyLevel,
  title: z.string(),
  programmeCode: z.string().nullable(),
  status: DirectiveStatus,
  scopeAgency: AgencyRef.nullable(),
  taskCount: z.number(),
  publishedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DirectiveSummary = z.infer<typeof DirectiveSummary>;

export const DirectiveListResponse = ListPage(DirectiveSummary);

export const DirectiveResponse = DirectiveSummary.extend({
  sourceFileId: z.number().nullable(),
  createdBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  publishedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The higher documents, by number as written; `directive` is set once one with that number is imported. */
  implements: z.array(z.object({ number: z.string(), directive: DirectiveRef.nullable() })),
  /** Lower documents that say they implement this one. */
  implementedBy: z.array(DirectiveRef),
  taskCounts: z.object({
    total: z.number(),
    withoutLead: z.number(),
    withUnresolvedBodies: z.number(),
    dueSoon: z.number(),
    byTimeliness: z.record(Timeliness, z.number()),
  }),
  asOf: z.string(),
  abilities: z.object({
    canEdit: z.boolean(),
    canPublish: z.boolean(),
    canDelete: z.boolean(),
    canAddTasks: z.boolean(),
  }),
});
export type DirectiveResponse = z.infer<typeof DirectiveResponse>;

/** How sure the extractor was of one field (0..1) and why (its reason code, e.g. "weak-cue"). */
export const FieldConfidence = z.object({ score: z.number(), reason: z.string() });
export type FieldConfidence = z.infer<typeof FieldConfidence>;

/**
 * The text the directive was read from (an import's whole file, as the extractor saw it: task lines
 * count in it) and where each task starts, for the review screen's side-by-side view; with what the
 * import was unsure of (per-field confidence, until a person saves the task) and the bodies it found
 * under a pre-2025 name with today's successors.
 */
export const DirectiveSourceResponse = z.object({
  text: z.string().nullable(),
  filename: z.string().nullable(),
  /** The issuer as written, and today's bodies when that name ended in the 2025 reorganisation. */
  issuerName: z.string().nullable(),
  issuerSuccessors: z.array(z.string()),
  /** Per document field (number, type, date, issuer); null when typed in. */
  confidence: z.record(z.string(), FieldConfidence).nullable(),
  tasks: z.array(
    z.object({
      id: z.number(),
      ref: z.string(),
      sourceLine: z.number().nullable(),
      /** Bodies written in the text that review has not matched to the registry yet. */
      unresolvedBodies: z.array(z.string()),
      /** Per task field (text, lead, coordinating, deadline); null when typed in or saved since. */
      confidence: z.record(z.string(), FieldConfidence).nullable(),
      /** A body written under a pre-2025 name → the bodies that carry its work today. */
      bodySuccessors: z.record(z.string(), z.array(z.string())),
      /** Progress the imported task list recorded (0..100), where the task starts; null when none. */
      startingProgress: z.number().nullable(),
    }),
  ),
  /**
   * A scanned source read by OCR: its pages, each with the line where its text starts; the page's
   * image is at /api/directives/:id/source/pages/:page. Empty for a source with a text layer.
   */
  pages: z.array(z.object({ page: z.number(), startsAtLine: z.number() })),
});

export const SourcePageParams = z.object({ id: RowId, page: z.coerce.number().int().min(1).max(10_000) });
export type DirectiveSourceResponse = z.infer<typeof DirectiveSourceResponse>;
