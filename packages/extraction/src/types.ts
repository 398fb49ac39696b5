// The extraction contract: what `giamsat extract --json` prints and what the server imports.

export type Level = 'central' | 'province' | 'commune';

export type DeadlineKind = 'date' | 'recurring' | 'continuous' | 'event' | 'none';
export type RecurrencePeriod = 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';

export interface Deadline {
  /** The deadline words verbatim, or "" when the task has none. */
  raw: string;
  kind: DeadlineKind;
  /** ISO date (yyyy-mm-dd): the last day on which finishing counts as on time. */
  due: string | null;
  period: RecurrencePeriod | null;
}

export interface ExtractedTask {
  text: string;
  /** 1-based line in the input text where the task starts. */
  line: number;
  /** Where it sits in the document's own numbering: "III.5.a", "Phụ lục 3.c", "row 12". */
  ref: string;
  /** Canonical full names from the registry; an unknown body is kept as written. */
  lead: string[];
  coordinating: string[];
  /** Bodies named above that the registry does not know (as written). */
  unknownBodies: string[];
  deadline: Deadline;
  deliverable: string | null;
}

export interface ExtractedDocument {
  number: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  level: Level | null;
  title: string | null;
  implements: string[];
  /** 1-based line where the document starts. */
  startsAtLine: number;
  tasks: ExtractedTask[];
}

export interface ExtractionResult {
  documents: ExtractedDocument[];
  warnings: string[];
}

/** A body in the registry: the server's agency list and the extractor's dictionary are the same file. */
export interface RegistryBody {
  /** Stable slug, e.g. "bo-khcn". */
  id: string;
  name: string;
  /** Abbreviations and other spellings ("Bộ KH&CN", "Bộ KHCN"). Tone-mark variants need not be listed. */
  aliases: string[];
  level: Level;
  kind: 'party' | 'state' | 'front' | 'enterprise' | 'university' | 'other';
  /** Slug of the body it sits under (a department under a province), if any. */
  parent?: string;
  /**
   * A kind of department named without its province ("Sở Tư pháp", as a province's own plan writes
   * it): the extractor recognises it, and an importing province resolves it to its own department.
   * It is not a body of its own.
   */
  generic?: boolean;
}

/** A named group that expands to bodies ("Các bộ, ngành, địa phương", "UBND cấp xã"). */
export interface RegistryGroup {
  id: string;
  name: string;
  aliases: string[];
  /** Which bodies belong: explicit slugs, and/or every body matching a selector. */
  members: { ids?: string[]; level?: Level; kind?: RegistryBody['kind']; namePrefix?: string };
}

export interface BodyRegistry {
  bodies: RegistryBody[];
  groups: RegistryGroup[];
}

export interface ExtractOptions {
  registry?: BodyRegistry;
  /** ISO date used where the text gives no year and no document date; never the clock. */
  referenceDate?: string;
}
