import type { ExtractionWarning } from './warnings.ts';

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
  /** The expected product (sản phẩm, kết quả đầu ra): a table's deliverable column. */
  deliverable: string | null;
  /** A table's "Ghi chú" cell ("Hạn được giao: 30/9/2025"), kept as written. */
  note: string | null;
  /**
   * Progress a spreadsheet already records for the task (its "Tiến độ" / "Tỷ lệ hoàn thành" column),
   * 0..100; null when the source gives none. An import marks it as imported, not as a report.
   */
  startingProgress: number | null;
  /**
   * For each name in `lead`/`coordinating` that the registry knows as a body that no longer exists
   * under that name (merged in 2025: "Bộ Thông tin và Truyền thông", "Tỉnh Hà Giang"), the bodies
   * that carry its work today. The task keeps the name the document wrote; the import shows both.
   */
  successors: Record<string, string[]>;
  confidence: TaskConfidence;
}

/**
 * How sure the extractor is of one field, 0..1, and why (a short code). Review pages show the fields
 * below about 0.7 first. Reasons:
 * - `explicit`: the item names the body itself ("Bộ Y tế chủ trì …");
 * - `inherited`: from a lead-in ("Bộ X chủ trì, phối hợp …:") or a heading that names the body;
 * - `implicit`: nobody is named; the document is addressed to one body, so the item is taken as its;
 * - `table-header`: a table column whose header says what it holds; `table-inferred`: a column
 *   recognised only by what its cells parse as (body names, dates);
 * - `table-cell`: a deadline read from a deadline column;
 * - `explicit-cue` / `weak-cue`: a deadline read from prose after a completion word ("hoàn thành trong …",
 *   "trước ngày …") or without one;
 * - `registry` (every body found in the registry), `unknown-body` (a name the registry does not know),
 *   `none-found` (the field is empty), `long-text` (the task text runs long: where it ends may be wrong);
 * - documents: `title-block` (read from the header block), `number-code` (the type from the number's
 *   code "…/CĐ-TTg"), `registry` (issuer found in the registry), `header-lines` (issuer as written).
 */
export type ConfidenceReason =
  | 'explicit'
  | 'inherited'
  | 'implicit'
  | 'table-header'
  | 'table-inferred'
  | 'table-cell'
  | 'explicit-cue'
  | 'weak-cue'
  | 'registry'
  | 'unknown-body'
  | 'none-found'
  | 'long-text'
  | 'title-block'
  | 'number-code'
  | 'header-lines'
  | 'ocr';

export interface FieldConfidence {
  /** 0..1 */
  score: number;
  reason: ConfidenceReason;
}

export interface TaskConfidence {
  text: FieldConfidence;
  lead: FieldConfidence;
  coordinating: FieldConfidence;
  deadline: FieldConfidence;
}

export interface DocumentConfidence {
  number: FieldConfidence;
  type: FieldConfidence;
  date: FieldConfidence;
  issuer: FieldConfidence;
}

/** A part that follows the main text: an appendix, an action programme "ban hành kèm theo", a draft. */
export interface DocumentAttachment {
  /** "Phụ lục", "Chương trình hành động", "Dự thảo báo cáo" … as its title says. */
  type: string;
  title: string | null;
  /** 1-based line of its title. */
  startsAtLine: number;
}

/** What a document's title block says of it: its number, type, date, issuing body (and that body's level), title. */
export interface DocumentHeading {
  number: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  level: Level | null;
  title: string | null;
}

export interface ExtractedDocument extends DocumentHeading {
  implements: string[];
  /** 1-based line where the document starts. */
  startsAtLine: number;
  tasks: ExtractedTask[];
  /** Today's successor of the issuer, when the issuer is a body merged since (see ExtractedTask.successors). */
  issuerSuccessors: string[];
  /** Bodies the document is addressed to ("Kính gửi:", "THỦ TƯỚNG CHÍNH PHỦ điện:"), canonical names. */
  addressees: string[];
  /** Appendices and attached programmes, whose tasks are among `tasks` (their ref starts with the part). */
  attachments: DocumentAttachment[];
  confidence: DocumentConfidence;
}

export interface ExtractionResult {
  documents: ExtractedDocument[];
  /** Stable codes (see warnings.ts). */
  warnings: ExtractionWarning[];
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
  /** ISO date from which the body exists under this name (the 2025 reorganisation: 2025-03-01, 2025-07-01). */
  validFrom?: string;
  /** ISO date of the last day the body existed under this name; absent while it exists. */
  validTo?: string;
  /** Ids of the bodies that took over its work when it ended (a merger: one; a split: several). */
  successors?: string[];
}

/** A named group that expands to bodies ("Các bộ, ngành, địa phương", "UBND cấp xã"). */
export interface RegistryGroup {
  id: string;
  name: string;
  aliases: string[];
  /**
   * Which bodies belong: explicit slugs, and/or every body matching a selector. `unit`: only the
   * administrative units of the level (a province, a commune: a body with no parent of its own level),
   * not the departments or offices inside them.
   */
  members: { ids?: string[]; level?: Level; kind?: RegistryBody['kind']; namePrefix?: string; unit?: boolean };
}

export interface BodyRegistry {
  bodies: RegistryBody[];
  groups: RegistryGroup[];
  /**
   * Bodies that no longer exist under their name (pre-2025 ministries, the 63 provinces before July
   * 2025), with `validTo` and `successors`. The extractor recognises them; the server's agency seed
   * reads only `bodies` and `groups`.
   */
  historical?: RegistryBody[];
}

export interface ExtractOptions {
  registry?: BodyRegistry;
  /** ISO date used where the text gives no year and no document date; never the clock. */
  referenceDate?: string;
}
