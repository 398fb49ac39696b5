// Where the readers of prose and of tables put the tasks they find: one place that maps a province's
// own unit names ("Công an" → "Công an Thành phố"), moves a vague "các cơ quan liên quan" from the
// lead to the coordinating bodies, resolves historical names to their successors and scores how sure
// each field is.
import { backReference, type ParsedBodies } from '../bodies/parse-bodies.ts';
import type { BodyIndex } from '../bodies/registry.ts';
import { fold } from '../text/normalize.ts';
import type { ConfidenceReason, Deadline, ExtractedTask, FieldConfidence } from '../types.ts';

export interface TaskContext {
  ix: BodyIndex;
  year?: number;
  /** How a provincial document names its own province in unit names: "Thành phố" or "tỉnh". */
  scope?: string;
  /** The body every unassigned action item of the document is addressed to (a letter to one body). */
  implicitLead?: ParsedBodies | null;
  /**
   * The lists of bodies the document has named so far, oldest first: its addressees, then every
   * task's lead of two bodies or more. "Các tỉnh nêu trên" means the bodies of the latest list that
   * has any of the kind it names. Shared by the readers of one document, which add to it.
   */
  named?: string[][];
}

const HONORIFIC_YOU =
  /^quý\s+(cơ quan|đơn vị|bộ|sở|ủy ban|uỷ ban|địa phương|ban|ngành|tỉnh|thành phố|xã|phường)(?![\p{L}])/iu;

/** Replaces references back to bodies named earlier ("các bộ nêu trên") by those bodies. */
function resolveBackReferences(p: ParsedBodies | null, ctx: TaskContext): ParsedBodies | null {
  if (!p || !ctx.named?.length) return p;
  let changed = false;
  const names: string[] = [];
  const unknown = [...p.unknown];
  for (const n of p.names) {
    // "đề nghị Quý Cơ quan …", "Quý Bộ": the letter's addressees, the first list it named.
    const addressees = HONORIFIC_YOU.test(n) ? (ctx.named[0] ?? []) : [];
    if (addressees.length > 0) {
      changed = true;
      for (const m of addressees) if (!names.includes(m)) names.push(m);
      const at = unknown.indexOf(n);
      if (at >= 0) unknown.splice(at, 1);
      continue;
    }
    const kind = backReference(n, ctx.ix);
    let meant: string[] = [];
    if (kind) {
      const named = ctx.named;
      for (let k = named.length - 1; k >= 0 && meant.length === 0; k--) meant = (named[k] ?? []).filter(kind);
      // "các tỉnh nêu trên" after a list of the provinces' departments: the provinces they belong to.
      for (let k = named.length - 1; k >= 0 && meant.length === 0; k--) {
        const parents = (named[k] ?? []).map((b) => ctx.ix.parentOf(b)).filter((b): b is string => !!b);
        meant = [...new Set(parents)].filter(kind);
      }
    }
    if (meant.length === 0) {
      if (!names.includes(n)) names.push(n);
      continue;
    }
    changed = true;
    for (const m of meant) if (!names.includes(m)) names.push(m);
    const at = unknown.indexOf(n);
    if (at >= 0) unknown.splice(at, 1);
  }
  return changed ? { names, unknown } : p;
}

/** Units a province names after itself ("Công an Thành phố", "Trung tâm Chuyển đổi số tỉnh"). Departments (sở) are written bare. */
const SCOPED_UNIT =
  /^(Trung tâm|Công an|Thanh tra|Bộ Chỉ huy Quân sự|Văn phòng Ủy ban nhân dân|Ủy ban Mặt trận Tổ quốc)(?![\p{L}])/u;

function scopeName(name: string, scope: string | undefined): string {
  if (!scope || !SCOPED_UNIT.test(name)) return name;
  if (
    /(Thành phố|thành phố|tỉnh|Tỉnh|Trung ương|quốc gia|Quốc gia|cấp|Việt Nam$)/u.test(
      name.replace(/^Ủy ban Mặt trận Tổ quốc Việt Nam/u, ''),
    )
  )
    return name;
  return `${name} ${scope}`;
}

function mergeLead(
  lead: ParsedBodies,
  coord: ParsedBodies | null,
): { lead: string[]; coord: string[]; unknown: string[] } {
  const vague = (n: string) => /^các cơ quan(,? đơn vị)? (có )?liên( quan)?$/u.test(fold(n));
  let leadNames = lead.names;
  const coordNames = [...(coord?.names ?? [])];
  if (leadNames.length > 1 && leadNames.some(vague)) {
    for (const n of leadNames.filter(vague)) if (!coordNames.includes(n)) coordNames.push(n);
    leadNames = leadNames.filter((n) => !vague(n));
  }
  const unknown = [...lead.unknown, ...(coord?.unknown ?? [])].filter((u, i, a) => a.indexOf(u) === i);
  return { lead: leadNames, coord: coordNames.filter((n) => !leadNames.includes(n)), unknown };
}

/** How the lead was found: named in the item, inherited from a lead-in or heading, a table column… */
export type LeadSource = 'explicit' | 'inherited' | 'implicit' | 'table-header' | 'table-inferred';

export interface Emit {
  text: string;
  line: number;
  ref: string;
  lead: ParsedBodies;
  coord: ParsedBodies | null;
  deadline: Deadline;
  leadSource?: LeadSource;
  deliverable?: string | null;
  note?: string | null;
  startingProgress?: number | null;
  /** The deadline came from a deadline column (or cell) rather than from words in prose. */
  deadlineFromCell?: boolean;
}

const LEAD_SCORE: Record<LeadSource, number> = {
  explicit: 0.9,
  'table-header': 0.9,
  inherited: 0.8,
  'table-inferred': 0.7,
  implicit: 0.6,
};

function field(score: number, reason: ConfidenceReason): FieldConfidence {
  return { score: Math.round(score * 100) / 100, reason };
}

export class TaskSink {
  tasks: ExtractedTask[] = [];
  constructor(private ctx: TaskContext) {}
  push(e: Emit): ExtractedTask {
    const scope = this.ctx.scope;
    const scoped = (p: ParsedBodies | null): ParsedBodies | null =>
      p && scope
        ? { names: p.names.map((n) => scopeName(n, scope)), unknown: p.unknown.map((n) => scopeName(n, scope)) }
        : p;
    const lead = resolveBackReferences(e.lead, this.ctx) ?? e.lead;
    const coord = resolveBackReferences(e.coord, this.ctx);
    // A list the task names itself is what a later "nêu trên" may point back to.
    if (this.ctx.named && lead === e.lead && lead.names.length > 1) this.ctx.named.push(lead.names);
    const m = mergeLead(scoped(lead) ?? lead, scoped(coord));
    const ix = this.ctx.ix;
    const successors: Record<string, string[]> = {};
    for (const n of [...m.lead, ...m.coord]) {
      const now = ix.successorsOf(n);
      if (now.length > 0) successors[n] = now;
    }
    const source = e.leadSource ?? 'explicit';
    const unknownLead = m.lead.filter((n) => m.unknown.includes(n)).length;
    const leadConfidence =
      m.lead.length === 0
        ? field(0.3, 'none-found')
        : unknownLead > 0
          ? field(LEAD_SCORE[source] - 0.25, 'unknown-body')
          : field(LEAD_SCORE[source], source);
    const unknownCoord = m.coord.filter((n) => m.unknown.includes(n)).length;
    const coordConfidence =
      m.coord.length === 0
        ? field(0.8, 'none-found')
        : unknownCoord > 0
          ? field(0.6, 'unknown-body')
          : field(0.85, 'registry');
    const dl = e.deadline;
    const deadlineConfidence =
      dl.kind === 'none'
        ? field(0.7, 'none-found')
        : e.deadlineFromCell
          ? field(0.95, 'table-cell')
          : /(hoàn thành|chậm nhất|thời hạn|trước|trong|xong|thường xuyên|hằng|hàng|định kỳ)/iu.test(dl.raw)
            ? field(0.85, 'explicit-cue')
            : field(0.6, 'weak-cue');
    const text = e.text.trim();
    const textConfidence =
      source === 'table-header' || source === 'table-inferred'
        ? field(source === 'table-header' ? 0.95 : 0.8, source)
        : text.length > 1500
          ? field(0.6, 'long-text')
          : field(source === 'implicit' ? 0.6 : 0.85, source);
    const task: ExtractedTask = {
      text,
      line: e.line,
      ref: e.ref,
      lead: m.lead,
      coordinating: m.coord,
      unknownBodies: m.unknown,
      deadline: e.deadline,
      deliverable: e.deliverable ?? null,
      note: e.note ?? null,
      startingProgress: e.startingProgress ?? null,
      successors,
      confidence: {
        text: textConfidence,
        lead: leadConfidence,
        coordinating: coordConfidence,
        deadline: deadlineConfidence,
      },
    };
    this.tasks.push(task);
    return task;
  }
  get year(): number | undefined {
    return this.ctx.year;
  }
}
