import { AgencyKind, AgencyLevel, IsoDate, ListPage, RowId } from '@giamsat/shared';
import { z } from 'zod';

// Contracts of the bodies API (cơ quan). Only zod + shared enums here, so the web app can import them.

/** Query-string flag: "true"/"1" or "false"/"0" (z.coerce.boolean would read "false" as true). */
const QueryFlag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

export const AgencyIdParams = z.object({ id: RowId });

export const AgencyListQuery = z.object({
  /** Free text, with or without diacritics, in either tone-mark placement; matches names and aliases. */
  q: z.string().trim().max(200).optional(),
  level: AgencyLevel.optional(),
  kind: AgencyKind.optional(),
  parentId: RowId.optional(),
  /** A body and its whole subtree. */
  withinId: RowId.optional(),
  includeGroups: QueryFlag,
  includeMerged: QueryFlag,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AgencyListQuery = z.infer<typeof AgencyListQuery>;

export const AgencyPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AgencyPageQuery = z.infer<typeof AgencyPageQuery>;

const AgencyName = z.string().trim().min(1).max(300);
const Alias = z.string().trim().min(1).max(300);

export const CreateAgencyBody = z.object({
  name: AgencyName,
  /** Stable identifier; made from the name when absent. */
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens')
    .max(120)
    .optional(),
  shortName: z.string().trim().min(1).max(100).nullish(),
  level: AgencyLevel,
  kind: AgencyKind,
  parentId: RowId.nullish(),
  aliases: z.array(Alias).max(50).default([]),
  /** Members of a named group (kind "group" only). */
  memberIds: z.array(RowId).max(10_000).optional(),
});
export type CreateAgencyBody = z.infer<typeof CreateAgencyBody>;

export const UpdateAgencyBody = z
  .object({
    version: z.number().int().min(1),
    name: AgencyName.optional(),
    shortName: z.string().trim().min(1).max(100).nullable().optional(),
    level: AgencyLevel.optional(),
    kind: AgencyKind.optional(),
    parentId: RowId.nullable().optional(),
  })
  .strict();
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBody>;

export const AliasBody = z.object({ alias: Alias });
export const AliasParams = z.object({ id: RowId, alias: z.string().min(1).max(300) });

export const MergeAgencyBody = z.object({
  successorId: RowId,
  mergedOn: IsoDate,
  reason: z.string().trim().min(1).max(2000),
  /** Optional optimistic-concurrency check on the merged body. */
  version: z.number().int().min(1).optional(),
  /**
   * The two were one body written two ways (a commune and its People's Committee, a body entered
   * twice): the merged body's name and aliases become aliases of the successor, so a picker still finds
   * it by them. Not for a successor in time (a province that absorbed another keeps its own name).
   */
  keepNameAsAlias: z.boolean().default(false),
});
/** As the service takes it: keepNameAsAlias may be left out (false). */
export type MergeAgencyBody = Omit<z.infer<typeof MergeAgencyBody>, 'keepNameAsAlias'> & { keepNameAsAlias?: boolean };

const AgencyRef = z.object({ id: z.number(), name: z.string() });

export const AgencySummary = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: AgencyLevel,
  kind: AgencyKind,
  parentId: z.number().nullable(),
  /** Ids from the root down to this body, joined by ".". */
  path: z.string(),
  mergedIntoId: z.number().nullable(),
  mergedOn: z.string().nullable(),
  version: z.number(),
});
export type AgencySummary = z.infer<typeof AgencySummary>;

export const AgencyListItem = AgencySummary.extend({
  aliases: z.array(z.string()),
  /**
   * It has an active account able to report on the work given to it (body_can_report(): a focal
   * point or head; a group through its members). A task given to a body that cannot has no one to report.
   */
  canReport: z.boolean(),
});

export const AgencyListResponse = ListPage(AgencyListItem);

export const AgencyDetail = AgencySummary.extend({
  aliases: z.array(z.string()),
  parent: AgencyRef.nullable(),
  mergedInto: AgencyRef.nullable(),
  childCount: z.number(),
  /** Number of members of a named group; null for a body. */
  memberCount: z.number().nullable(),
  /** The named groups this body belongs to. */
  groups: z.array(AgencyRef),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgencyDetail = z.infer<typeof AgencyDetail>;

export const AgencyMembersResponse = ListPage(AgencySummary);

export const AliasesResponse = z.object({ aliases: z.array(z.string()) });

export const MergeResponse = z.object({
  agency: AgencyDetail,
  successor: AgencyDetail,
  /** Open tasks whose assignment passed to the successor. */
  tasksTransferred: z.number(),
  usersMoved: z.number(),
  childrenReparented: z.number(),
});

export const DuplicatesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type DuplicatesQuery = z.infer<typeof DuplicatesQuery>;

/** One body of a near-duplicate pair, with what a merge would move. */
export const DuplicateBody = z.object({
  id: z.number(),
  name: z.string(),
  level: AgencyLevel,
  parent: AgencyRef.nullable(),
  version: z.number(),
  /** Open tasks it is assigned to (lead or coordinating). */
  openTasks: z.number(),
  /** Active accounts of the body (who would move with a merge). */
  activeAccounts: z.number(),
});

export const DuplicateReason = z.enum(['committee', 'same_name', 'similar_name']);

/**
 * Two live bodies side by side in the tree (siblings, or a body and its child) whose names are the
 * same once folded (no diacritics, either tone-mark placement, case), or nearly so: "committee" —
 * one is the other's People's Committee ("Phường An Lạc" / "Ủy ban nhân dân phường An Lạc");
 * "same_name"; "similar_name" (trigram similarity at least `similarity`). `suggestedSurvivorId`: the
 * administrative unit of a committee pair, else the body with more open tasks.
 */
export const DuplicatePair = z.object({
  reason: DuplicateReason,
  similarity: z.number(),
  first: DuplicateBody,
  second: DuplicateBody,
  suggestedSurvivorId: z.number(),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicatesResponse = ListPage(DuplicatePair);
