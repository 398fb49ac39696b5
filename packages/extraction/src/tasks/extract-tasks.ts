// Tasks out of a document's item tree and tables.
//
// A task is an instruction that names who must act. The assignee is found, in order:
//  - at the head of the item ("Bộ Tài chính chủ trì, …", "*Bộ Công an* …", "Đề nghị Bộ X …");
//  - in an item that is only a body's name ("b) Bộ Giáo dục và Đào tạo"), for every sub-item;
//  - in an introducing sentence that ends with a colon ("Bộ X chủ trì, phối hợp với …:"), for the items after it;
//  - at the head of any later sentence of an item or paragraph ("… . Bộ Khoa học và Công nghệ rà soát …").
// Assessments ("Tồn tại, hạn chế", "Nguyên nhân", "Kết quả đạt được") are never tasks; solutions under a
// heading without an assignee are not either — the section's "Trách nhiệm" paragraph assigns them.
// An inline enumeration "(1) … (2) …" becomes separate tasks when a part carries its own deadline or
// its own assignee; parts without either stay together.

import {
  findCoordinating,
  findSubject,
  isSpeakerLeadIn,
  looksLikeBody,
  type ParsedBodies,
  PREDICATE_SET,
  parseBodyList,
  type Subject,
} from '../bodies/parse-bodies.ts';
import type { BodyIndex } from '../bodies/registry.ts';
import { findDeadlineCandidates, parseDeadline, parseDeadlineCell } from '../deadlines/parse-deadline.ts';
import { leadCell } from '../fields/field-bodies.ts';
import { type ColumnRole, headerRole } from '../fields/labels.ts';
import type { SourceLine } from '../text/lines.ts';
import { fold, foldHead, foldTail, stripMarkup } from '../text/normalize.ts';
import type { ExtractedTask } from '../types.ts';
import { type Block, buildBlocks, type Segment } from './blocks.ts';
import { type LeadSource, type TaskContext, TaskSink } from './task-sink.ts';

export type { TaskContext } from './task-sink.ts';

interface Assignment {
  lead: ParsedBodies;
  coord: ParsedBodies | null;
  /** From a general request ("yêu cầu các cơ quan … sau:"): only items that open with an action count. */
  weak: boolean;
}

const SKIP_HEADING =
  /^(về\s+)?(những\s+)?(tồn tại|hạn chế|nguyên nhân|kết quả đạt được|kết quả thực hiện|tình hình|bối cảnh|đánh giá chung|mục đích|yêu cầu\s*$|mục tiêu|quan điểm|nguyên tắc)/u;
const PRINCIPLES = /(những|các|theo)\s+(định hướng|phương châm|quan điểm|nguyên tắc)[^:]{0,80}:\s*$/u;
/** Stock exhortations ("Tiếp tục nêu cao tinh thần trách nhiệm …", "Quyết liệt trong chỉ đạo …"): an attitude, not work. */
const EXHORTATION =
  /^((tiếp tục|luôn|phải|cần)\s+)*(nêu cao|đề cao|phát huy) (tinh thần|ý thức|vai trò|trách nhiệm)|^(quyết liệt|quyết tâm|gương mẫu|kiên quyết) trong\s/u;
const INTRO =
  /^(đối với|trên cơ sở|trong quá trình|căn cứ|để|nhằm|sau khi|theo đó|trường hợp|bên cạnh đó|đồng thời|trong thời gian|về|riêng|ngoài ra|trong đó|định kỳ|hằng năm|hàng năm|hằng quý|hàng quý|hằng tháng|hàng tháng|trước ngày|trong tháng|trong quý|trong năm|từ ngày|từ năm|đến năm|chậm nhất|ngay sau|khi|cùng với|tiếp theo)(?![\p{L}])/u;
/** A lead-in that announces the items after it as tasks: "… thực hiện các nhiệm vụ (trọng tâm) sau (đây):". */
const TASKS_FOLLOW = /(các|những)\s+(nhiệm vụ|công việc|việc)(\s+\S+){0,4}\s+(sau|như sau)(\s+đây)?\s*:\s*$/u;
/** "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, … báo cáo …": a standing offer, not a task. */
const CONDITIONAL =
  /(nếu|trường hợp|khi)\s+((có\s+|phát sinh\s+|gặp\s+)+(khó khăn|vướng mắc)|(thấy\s+)?cần\s+(thiết\s+)?(sửa đổi|bổ sung|điều chỉnh))/u;
/**
 * "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện.", "Yêu cầu Sở X khẩn trương triển khai
 * thực hiện./.": the closing formula asks to carry out the document, it names no work of its own.
 */
const GENERIC_CLOSE =
  /^((chịu|có) trách nhiệm\s+)?((nghiêm túc|khẩn trương|tập trung|chủ động|quan tâm|kịp thời)[,\s]+)*((triển khai|tổ chức|chỉ đạo|lãnh đạo)[,\s]+)*(thực hiện|triển khai|thi hành)(\s+(nghiêm túc|có hiệu quả|kịp thời|đầy đủ|nghiêm))*(\s+(công văn|kế hoạch|thông báo|chỉ thị|nghị quyết|quyết định|công điện|chương trình|văn bản|thông báo kết luận)\s+này(\s+(phù hợp với|theo)\s[^.;]{0,120})?|\s+các nội dung (nêu\s+)?trên|\s+các nhiệm vụ (nêu\s+)?trên)?\s*(\.|\/\.|;|$)/u;

/** The work a predicate names is only "carry this out". */
function isGenericClose(predicate: string): boolean {
  return GENERIC_CLOSE.test(foldHead(predicate, 160).replace(/\.\/\.$/u, '.'));
}
const MAIN_CLAUSE_VERB = /^(chủ trì|phối hợp|chủ động|khẩn trương|tập trung|tiếp tục)(?![\p{L}])/u;
const CLOSING = /(biết,?\s*(và\s*)?thực hiện|quan tâm (chỉ đạo,?\s*)?triển khai thực hiện|trân trọng)\.?\s*$/u;
const ABBREV_BEFORE_DOT = /(^|\s)(TP|Tp|tp|TS|ThS|PGS|GS|v\.v|Nxb|St|TT)$/u;

/**
 * Offsets where sentences start (after ". " before an upper-case letter, at paragraph breaks, and
 * after a speaker's "… kết luận như sau: " that runs on into what others must do).
 */
function sentenceStarts(text: string, paraBreaks: number[]): number[] {
  const dots = stopStarts(text, Number.POSITIVE_INFINITY);
  const spoken = speakerColonStarts(text);
  const breaks = spoken.length > 0 ? [...paraBreaks, ...spoken] : paraBreaks;
  // The stops come in increasing order after 0: only paragraph breaks need merging.
  if (breaks.length === 0) return text.length > 0 ? [0, ...dots] : [];
  const out = new Set<number>([0, ...breaks, ...dots]);
  return [...out].filter((o) => o < text.length).sort((a, b) => a - b);
}

function insideParentheses(text: string, at: number): boolean {
  let depth = 0;
  for (let k = 0; k < at; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x28) depth++;
    else if (c === 0x29 && depth > 0) depth--;
  }
  return depth > 0;
}

/**
 * Sentence starts plus the clauses after "; " that open with an assignee of their own ("…, hoàn thành
 * trước ngày 18/11; Ủy ban nhân dân xã đề nghị Công an xã bảo đảm …"): another body's task.
 */
function withAssigningClauses(text: string, starts: number[], ix: BodyIndex): number[] {
  let out = starts;
  for (let i = text.indexOf('; '); i >= 0; i = text.indexOf('; ', i + 1)) {
    const at = i + 2;
    if (!/^\p{Lu}/u.test(text.charAt(at)) || insideParentheses(text, i)) continue;
    const subj = findSubject(text.slice(at, at + 400), ix);
    if (!subj || subj.headingOnly) continue;
    // A coordinating body ("…; Sở X phối hợp …") works on the same task.
    if (/^phối hợp/u.test(foldHead(text.slice(at + subj.predicateStart), 20))) continue;
    // The clause before must be one of its own: not a list of bodies ("Giao Ban X, Ủy ban Y; Sở Z …").
    let from = 0;
    for (const st of out) if (st <= i) from = st;
    const before = findSubject(text.slice(from, i), ix);
    if (before?.headingOnly) continue;
    if (out === starts) out = [...starts];
    out.push(at);
  }
  return out === starts ? starts : out.sort((a, b) => a - b);
}

/** Offsets after "…(kết luận|yêu cầu) như sau: " where an upper-case letter opens what the speaker asks. */
function speakerColonStarts(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let j = i + 1;
    while (j < text.length && SENTENCE_GAP.test(text.charAt(j))) j++;
    const next = text.charAt(j);
    if (j === i + 1 || !next || next === next.toLowerCase()) continue;
    if (isSpeakerLeadIn(text.slice(Math.max(0, i - 200), i + 1))) out.push(j);
  }
  return out;
}

/** Where the second sentence starts (sentenceStarts(text, paraBreaks)[1]), reading no further than that. */
function secondSentenceStart(text: string, paraBreaks: number[]): number | undefined {
  let best = stopStarts(text, 1)[0];
  for (const p of paraBreaks) if (p > 0 && p < text.length && (best === undefined || p < best)) best = p;
  return best;
}

/**
 * Offsets after a full stop, "!" or "?" outside parentheses where an upper-case letter or "(" opens
 * the next sentence, in increasing order, at most `limit` of them. Numbers ("1.5") and abbreviations
 * ("TP.", "v.v.") do not end a sentence.
 */
function stopStarts(text: string, limit: number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length && out.length < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 /* ( */) depth++;
    else if (c === 0x29 /* ) */) depth = Math.max(0, depth - 1);
    if (depth > 0 || (c !== 0x2e /* . */ && c !== 0x21 /* ! */ && c !== 0x3f) /* ? */) continue;
    if (isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) continue;
    if (ABBREV_BEFORE_DOT.test(text.slice(Math.max(0, i - 5), i))) continue;
    let j = i + 1;
    while (j < text.length && SENTENCE_GAP.test(text.charAt(j))) j++;
    const next = text.charAt(j);
    if (next && (next !== next.toLowerCase() || next === '(')) out.push(j);
  }
  return out;
}

const SENTENCE_GAP = /[\s*"”]/;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The assignee of one sentence: at its head, or after an introducing clause ("Trên cơ sở …, Bộ X chủ trì"). */
function sentenceSubject(sentence: string, ix: BodyIndex): (Subject & { at: number }) | null {
  const direct = findSubject(sentence, ix);
  if (direct && !direct.headingOnly) return { ...direct, at: 0 };
  // Both patterns read one to three words: fold no more than that.
  const head = foldHead(sentence, 24);
  const intro = INTRO.exec(head);
  // A lead-in that announces the tasks after it ("Với mục tiêu trên, trong năm 2026, …, các sở, ban,
  // ngành cần thực hiện các nhiệm vụ sau đây:") names its assignee after however many opening clauses.
  if (!intro && !TASKS_FOLLOW.test(foldTail(sentence, 120))) return null;
  // "Định kỳ kiểm tra, báo cáo …": a time word that opens the work itself, not a clause before the assignee.
  if (
    intro &&
    /^(định kỳ|hằng|hàng)/u.test(intro[0]) &&
    startsWithPredicate(foldHead(sentence.slice(intro[0].length).trimStart(), 24))
  )
    return null;
  if (CONDITIONAL.test(foldHead(sentence, 120))) return null;
  const limit = Math.min(sentence.length, 300);
  for (let i = 0; i < limit; i++) {
    if (sentence.charAt(i) !== ',') continue;
    const rest = sentence.slice(i + 1).trimStart();
    const from = sentence.length - rest.length;
    // The main clause starts without a subject ("…, chủ động phối hợp với …"): no assignee here.
    if (MAIN_CLAUSE_VERB.test(foldHead(rest, 24))) return null;
    if (!/^(\p{Lu}|các\s|những\s|đề nghị\s|giao\s|yêu cầu\s|lãnh đạo các\s|người đứng đầu\s|thủ trưởng\s)/u.test(rest))
      continue;
    const s = findSubject(rest, ix);
    if (s && !s.headingOnly) return { ...s, at: from, predicateStart: from + s.predicateStart };
  }
  return null;
}

function startsWithPredicate(folded: string): boolean {
  const ws = folded.split(' ', 3);
  for (let len = 3; len >= 1; len--)
    if (
      PREDICATE_SET.has(
        ws
          .slice(0, len)
          .join(' ')
          .replace(/[,;:.]+$/, ''),
      )
    )
      return true;
  return false;
}

function lineAt(segs: Segment[], offset: number): number {
  let line = segs[0]?.line ?? 1;
  for (const s of segs) {
    if (s.offset <= offset) line = s.line;
    else break;
  }
  return line;
}

interface Part {
  start: number;
  end: number;
}

/** "(1) … (2) … (3) …" at the top level of the text, numbered in sequence. */
function enumerationParts(text: string): Part[] {
  const re = /(^|[\s:;.*])\((\d{1,2}|i{1,3}|iv|v|vi{1,3}|ix|x)\)\s/gu;
  const romans = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];
  const starts: number[] = [];
  let style: 'num' | 'roman' | null = null;
  let expect = 1;
  for (const m of text.matchAll(re)) {
    const label = m[2] ?? '';
    const isNum = /^\d+$/.test(label);
    const value = isNum ? Number(label) : romans.indexOf(label) + 1;
    const st = isNum ? 'num' : 'roman';
    if (style === null) {
      if (value !== 1) continue;
      style = st;
    } else if (st !== style) continue;
    if (value !== expect) continue;
    starts.push(m.index + (m[1] ?? '').length);
    expect++;
  }
  if (starts.length < 2) return [];
  return starts.map((s, k) => ({ start: s, end: starts[k + 1] ?? text.length }));
}

/** Trailing deadline sentences of a part ("… . Hoàn thành trong tháng 11/2025."), shared by parts without one. */
function trailingDeadlineStart(part: string): number {
  const starts = sentenceStarts(part, []);
  let at = -1;
  for (let k = starts.length - 1; k >= 1; k--) {
    const s = starts[k] ?? 0;
    const sentence = foldHead(part.slice(s), 200);
    if (/^(hoàn thành|nhiệm vụ thường xuyên|có báo cáo|định kỳ|hằng|hàng|thời hạn|trình .{0,80}trước)/u.test(sentence))
      at = s;
    else break;
  }
  return at;
}

function hasDeadline(text: string, year?: number): boolean {
  return findDeadlineCandidates(stripMarkup(text), { year }, false).length > 0;
}

function coordOf(predicate: string, ix: BodyIndex): ParsedBodies | null {
  return findCoordinating(predicate, ix);
}

/**
 * Emits the tasks of one piece of text whose assignee is known (explicit or inherited): splits an
 * inline enumeration into parts when the parts carry their own deadline or assignee.
 */
function emitSegment(
  sink: TaskSink,
  ctx: TaskContext,
  text: string,
  segs: Segment[],
  base: number,
  ref: string,
  lead: ParsedBodies,
  coord: ParsedBodies | null,
  source: LeadSource = 'explicit',
): ExtractedTask[] {
  const year = ctx.year;
  const out: ExtractedTask[] = [];
  const parts = enumerationParts(text);
  const whole = () => {
    out.push(
      sink.push({
        text,
        line: lineAt(segs, base),
        ref,
        lead,
        coord,
        deadline: parseDeadline(text, { year }),
        leadSource: source,
      }),
    );
    return out;
  };
  if (parts.length < 2) return whole();
  const lastPart = parts[parts.length - 1] as Part;
  const lastText = text.slice(lastPart.start, lastPart.end);
  const trailAt = trailingDeadlineStart(lastText);
  const trailing = trailAt >= 0 ? lastText.slice(trailAt) : '';
  const info = parts.map((p, k) => {
    let body = text.slice(p.start, p.end);
    if (k === parts.length - 1 && trailAt >= 0) body = body.slice(0, trailAt);
    const inner = body.replace(/^\(\w+\)\s*/, '');
    const subj = findSubject(inner, ctx.ix);
    const ownSubject = subj && !subj.headingOnly ? subj : null;
    const ownCoord = /^chủ trì,?\s*phối hợp/iu.test(inner) ? coordOf(inner, ctx.ix) : null;
    return { p, body, ownDeadline: hasDeadline(body, year), ownSubject, ownCoord };
  });
  const split = info.some((x, k) => (k < info.length - 1 && x.ownDeadline) || x.ownSubject || x.ownCoord);
  if (!split) return whole();
  // Group consecutive parts without their own deadline or assignee.
  const groups: Array<typeof info> = [];
  for (const x of info) {
    const own = x.ownDeadline || x.ownSubject || x.ownCoord;
    const prev = groups[groups.length - 1];
    const prevLast = prev?.[prev.length - 1];
    if (!own && prev && prevLast && !(prevLast.ownDeadline || prevLast.ownSubject || prevLast.ownCoord)) prev.push(x);
    else groups.push([x]);
  }
  groups.forEach((g, gi) => {
    const first = g[0];
    const lastG = g[g.length - 1];
    if (!first || !lastG) return;
    const from = gi === 0 ? 0 : first.p.start;
    const to = lastG.p.end;
    const partText = text.slice(from, to);
    const own = g.some((x) => x.ownDeadline) || (gi === groups.length - 1 && trailing);
    const dlText = own ? partText : `${partText} ${trailing}`;
    const subj = first.ownSubject;
    const pLead = subj ? subj.bodies : lead;
    const pCoord = subj ? (coordOf(first.body.slice(subj.predicateStart), ctx.ix) ?? null) : (first.ownCoord ?? coord);
    out.push(
      sink.push({
        text: partText,
        line: lineAt(segs, base + from),
        ref: `${ref}${ref ? ' ' : ''}${first.body.match(/^\(\w+\)/)?.[0] ?? ''}`.trim(),
        lead: pLead,
        coord: pCoord,
        deadline: parseDeadline(dlText, { year }),
        leadSource: subj ? 'explicit' : source,
      }),
    );
  });
  return out;
}

/** True when the text opens with an action ("Rà soát …", "Tập trung …"), not an exhortation ("Cần …", "Phải …"). */
function opensWithAction(text: string): boolean {
  const folded = foldHead(text, 160);
  const ws = folded.split(' ', 3);
  if (EXHORTATION.test(folded)) return false;
  // "Phát triển khoa học, công nghệ phải hướng mạnh vào …": a statement of what must be, not an order.
  const firstSentence = folded.split(/[.;:]/, 1)[0] ?? '';
  if (/(^|\s)(phải|cần)(\s|$)/u.test(firstSentence.slice(0, 100))) return false;
  for (let len = 3; len >= 1; len--) {
    const head = ws
      .slice(0, len)
      .join(' ')
      .replace(/[,;:.]+$/, '');
    if (PREDICATE_SET.has(head) && head !== 'cần' && head !== 'phải') return true;
  }
  return false;
}

function italicSubject(raw: string, text: string, ix: BodyIndex): Subject | null {
  const m = /^\*(?!\*)([^*]{2,300})\*(?!\*)/.exec(raw);
  if (!m?.[1]) return null;
  const span = stripMarkup(m[1]).replace(/[:\s]+$/, '');
  if (!looksLikeBody(span, false)) return null;
  const bodies = parseBodyList(span, ix);
  if (bodies.names.length === 0) return null;
  let at = text.indexOf(span);
  if (at < 0) return null;
  at += span.length;
  while (at < text.length && /[\s:,]/.test(text.charAt(at))) at++;
  return { span, bodies, predicateStart: at, headingOnly: at >= text.length };
}

/** "Bộ Quốc phòng chỉ đạo Ban Cơ yếu Chính phủ chủ trì …": the directed body leads too. */
function withDirected(subj: Subject, predicate: string, ix: BodyIndex): ParsedBodies {
  const m = /^chỉ đạo\s+/u.exec(predicate);
  if (!m) return subj.bodies;
  const inner = findSubject(predicate.slice(m[0].length), ix);
  if (!inner || inner.headingOnly || !/^chủ trì/u.test(predicate.slice(m[0].length + inner.predicateStart)))
    return subj.bodies;
  return {
    names: [...subj.bodies.names, ...inner.bodies.names.filter((n) => !subj.bodies.names.includes(n))],
    unknown: [...subj.bodies.unknown, ...inner.bodies.unknown],
  };
}

/** "Trong quá trình …, Bộ X và Bộ Y chủ động …": the assignee after an introducing clause. */
function introSubject(text: string, ix: BodyIndex): Subject | null {
  const s = sentenceSubject(text, ix);
  return s && s.at > 0 ? s : null;
}

function isTopicHeading(b: Block, subject: Subject | null): boolean {
  if (subject) return false;
  const t = b.text.trim();
  // A section's title may run long ("1. Tăng cường quản lý, khai thác, bảo vệ tài nguyên nước, …"): with
  // items under it and no sentence inside, it is still a title.
  const items = b.children.some((c) => c.kind !== 'para');
  if (b.kind === 'para' || t.length >= (items ? 400 : 220) || /[.;:]\s*$/.test(t) || /\.\s/.test(t)) return false;
  // "2. Hoàn thiện quy chế; nâng cao năng lực …" over lettered items: the ";" joins its parts.
  return items || !/;\s/.test(t);
}

/** A paragraph that names who does the items after it ("…, Ban Thường vụ Tỉnh ủy xác định các nhiệm vụ sau:"). */
function isLeadIn(b: Block, ix: BodyIndex): boolean {
  return b.kind === 'para' && /:\s*$/.test(b.text) && (findSubject(b.text, ix) ?? introSubject(b.text, ix)) !== null;
}

/** The closing paragraph sums up and exhorts, unless it opens by naming who must act. */
function isConclusion(b: Block, ix: BodyIndex): boolean {
  return b.conclusion === true && !findSubject(b.text, ix) && !introSubject(b.text, ix);
}

interface Unit {
  text: string;
  segs: Segment[];
  paraBreaks: number[];
}

/** An item's text with the paragraphs under it (not its sub-items). */
function unitOf(b: Block, withParas: boolean, ix?: BodyIndex): Unit {
  let text = b.text;
  const segs = [...b.segs];
  const paraBreaks = [...b.paraBreaks];
  if (withParas) {
    for (const c of b.children) {
      if (c.kind !== 'para' || c.deadlineOnly || (ix && isConclusion(c, ix)) || CLOSING.test(foldTail(c.text)))
        continue;
      const off = text.length + 1;
      paraBreaks.push(off);
      for (const s of c.segs) segs.push({ offset: off + s.offset, line: s.line });
      text += ` ${c.text}`;
    }
  }
  return { text, segs, paraBreaks };
}

/**
 * Tasks of a unit: its own (explicit or inherited) assignee covers the text up to the first later
 * sentence that names a new assignee; every such sentence starts a task of its own.
 */
function emitUnit(
  sink: TaskSink,
  ctx: TaskContext,
  u: Unit,
  ref: string,
  head: { lead: ParsedBodies; coord: ParsedBodies | null; source?: LeadSource } | null,
  startAt = 0,
  item = false,
): ExtractedTask[] {
  const starts = withAssigningClauses(u.text, sentenceStarts(u.text, u.paraBreaks), ctx.ix).filter((s) => s > startAt);
  const cuts: Array<
    | { at: number; lead: ParsedBodies; coord: ParsedBodies | null; paraStart: boolean }
    | { at: number; lead: null; coord: null; paraStart: boolean }
  > = [];
  cuts.push(
    head
      ? { at: startAt, lead: head.lead, coord: head.coord, paraStart: true }
      : { at: startAt, lead: null, coord: null, paraStart: true },
  );
  let lastExplicitAtPara = false;
  const paraSet = new Set(u.paraBreaks);
  starts.forEach((s, si) => {
    // One sentence at a time (bounded), so a long run of sentences stays linear.
    const sentEnd = starts[si + 1] ?? u.text.length;
    const sentence = u.text.slice(s, Math.min(sentEnd, s + 2000));
    const subj = sentenceSubject(sentence, ctx.ix);
    const isPara = paraSet.has(s);
    if (subj && /:\s*$/.test(u.text.slice(s, sentEnd).trim())) {
      cuts.push({ at: s, lead: null, coord: null, paraStart: isPara });
      lastExplicitAtPara = false;
    } else if (subj && isGenericClose(sentence.slice(subj.predicateStart))) {
      cuts.push({ at: s, lead: null, coord: null, paraStart: isPara });
      lastExplicitAtPara = false;
    } else if (subj) {
      const pred = sentence.slice(subj.predicateStart);
      cuts.push({ at: s, lead: withDirected(subj, pred, ctx.ix), coord: coordOf(pred, ctx.ix), paraStart: isPara });
      lastExplicitAtPara = isPara;
    } else if (isPara && lastExplicitAtPara) {
      // A paragraph after a paragraph that assigned work continues that assignment as another task.
      const prev = cuts[cuts.length - 1];
      if (prev?.lead) cuts.push({ at: s, lead: prev.lead, coord: prev.coord, paraStart: true });
    } else if (isPara) lastExplicitAtPara = false;
  });
  // "Nghiên cứu cơ chế …. Giao Bộ X chủ trì …": in an item, the work is said first and assigned after;
  // the task starts with the item.
  const second = cuts[1];
  if (
    item &&
    !head &&
    cuts[0]?.lead === null &&
    second?.lead &&
    !second.paraStart &&
    /^(giao|đề nghị|yêu cầu|giao cho)\s/u.test(foldHead(u.text.slice(second.at), 20))
  ) {
    second.at = cuts[0].at;
    cuts.shift();
  }
  const out: ExtractedTask[] = [];
  cuts.forEach((c, k) => {
    if (!c.lead) return;
    const end = cuts[k + 1]?.at ?? u.text.length;
    const text = u.text.slice(c.at, end).trim();
    if (!text) return;
    const segs = u.segs;
    // Inherited assignee: the item's own "phối hợp với …" names its coordinating bodies.
    const firstSentence = text.slice(0, secondSentenceStart(text, []) ?? text.length);
    const coord =
      k === 0 && head ? (coordOf(firstSentence.split(/\(1\)|\(i\)/u)[0] ?? '', ctx.ix) ?? c.coord) : c.coord;
    const source = k === 0 && head ? (head.source ?? 'explicit') : 'explicit';
    const sub = emitSegment(sink, ctx, text, segs, c.at, ref, c.lead, coord, source);
    out.push(...sub);
  });
  return out;
}

/** The bullets that only detail an item ending with a colon, or null when any stands on its own. */
function detailBullets(b: Block, ctx: TaskContext): Block[] | null {
  if (!/:\s*$/.test(b.text)) return null;
  const items = b.children.filter((c) => c.kind !== 'para');
  if (items.length === 0 || items.some((c) => c.children.length > 0)) return null;
  for (const c of items) {
    if (c.kind !== 'dash' && c.kind !== 'plus' && c.kind !== 'star' && c.kind !== 'paren') return null;
    const subj = findSubject(c.text, ctx.ix);
    if ((subj && !subj.headingOnly) || hasDeadline(c.text, ctx.year)) return null;
  }
  return items;
}

/** A unit with the bullets under it appended, each as a paragraph of its own. */
function withChildren(u: Unit, items: Block[]): Unit {
  let text = u.text;
  const segs = [...u.segs];
  const paraBreaks = [...u.paraBreaks];
  for (const c of items) {
    const off = text.length + 1;
    for (const sg of c.segs) segs.push({ offset: off + sg.offset, line: sg.line });
    text += ` - ${c.text}`;
  }
  return { text, segs, paraBreaks };
}

function refOf(path: string[]): string {
  return path.filter(Boolean).join('.');
}

/**
 * A paragraph that ends with the closing formula ("… Đề nghị các thôn tuyên truyền để nhân dân biết,
 * thực hiện.") after sentences of its own: those sentences, without the formula. A short notice often
 * writes its tasks and its close as one paragraph.
 */
function withoutClosingSentence(b: Block): Block {
  if (b.kind !== 'para' || !CLOSING.test(foldTail(b.text))) return b;
  const starts = sentenceStarts(b.text, b.paraBreaks);
  const last = starts[starts.length - 1] ?? 0;
  if (last <= 0) return b;
  return {
    ...b,
    text: b.text.slice(0, last).trimEnd(),
    segs: b.segs.filter((s) => s.offset < last),
    paraBreaks: b.paraBreaks.filter((p) => p < last),
  };
}

/** The fields an item writes as lines under it: a table row in prose. */
interface ItemFields {
  lead: ParsedBodies;
  coord: ParsedBodies | null;
  deadline: string;
  deliverable: string;
  note: string;
  /** The lines that held the fields (not part of the task's text). */
  lines: Set<Block>;
}

/** A field's label says its role ("Cơ quan chủ trì", "Thời gian hoàn thành"); "Các bộ, cơ quan: A, B" is a list of bodies. */
const FIELD_LABEL =
  /^((cơ quan|đơn vị|bộ phận|người|cán bộ|lãnh đạo)\s+)?(chủ trì|phối hợp|thực hiện|chịu trách nhiệm|trách nhiệm|đầu mối|phụ trách|được giao|thời gian|thời hạn|hạn|tiến độ|sản phẩm|kết quả|kinh phí|nguồn kinh phí|ghi chú)(?![\p{L}])/u;
const FIELD = /^([^:;]{3,50}):\s*(\S[\s\S]*)$/u;
const FIELD_ROLES: ReadonlySet<ColumnRole | 'deadline?'> = new Set([
  'lead',
  'coordinating',
  'deadline',
  'deadline?',
  'start',
  'deliverable',
  'note',
  'other',
]);

/**
 * "1. Hoàn thiện cơ sở dữ liệu …" then "- Cơ quan chủ trì: Công an tỉnh.", "- Cơ quan phối hợp: …",
 * "- Thời gian hoàn thành: Quý III/2026." (or all on one line, split by ";"): the labels read as a
 * table's header would be, the item is the task. Null unless a lead field names a body.
 */
function itemFields(b: Block, ix: BodyIndex): ItemFields | null {
  if (b.children.length === 0) return null;
  const values = new Map<string, string>();
  const lines = new Set<Block>();
  for (const c of b.children) {
    const parts = stripMarkup(c.text).split(/;\s+/u);
    let read = 0;
    for (const part of parts) {
      const m = FIELD.exec(part.trim());
      const role = m?.[1] && FIELD_LABEL.test(fold(m[1].trim())) ? headerRole(m[1]) : null;
      if (!m?.[2] || !role || !FIELD_ROLES.has(role)) break;
      const key = role === 'deadline?' ? 'deadline' : role;
      if (!values.has(key)) values.set(key, m[2].trim().replace(/[.;]+$/u, ''));
      read++;
    }
    if (read > 0 && read === parts.length) lines.add(c);
  }
  const leadText = values.get('lead');
  if (!leadText) return null;
  const lead = leadCell(leadText, ix);
  if (lead.names.length === 0) return null;
  const coordText = values.get('coordinating') ?? '';
  return {
    lead,
    coord: coordText ? leadCell(coordText, ix) : null,
    deadline: values.get('deadline') ?? '',
    deliverable: values.get('deliverable') ?? '',
    note: values.get('note') ?? '',
    lines,
  };
}

/** Walks the item tree. */
function walk(sink: TaskSink, ctx: TaskContext, blocks: Block[], assign: Assignment | null, path: string[]): void {
  let current = assign;
  let groupTasks: ExtractedTask[] = [];
  let bullet = 0;
  for (const block of blocks) {
    const b = withoutClosingSentence(block);
    const marker = b.kind === 'dash' || b.kind === 'plus' ? `${b.marker}${++bullet}` : b.marker;
    // "2.1" under "2" is written whole: it replaces its parent's number in the reference.
    const parentMarker = path[path.length - 1] ?? '';
    const myPath =
      b.kind === 'para'
        ? path
        : b.kind === 'subnumber' && parentMarker && marker.startsWith(`${parentMarker}.`)
          ? [...path.slice(0, -1), marker]
          : [...path, marker];
    const ref = refOf(myPath);
    if (b.kind !== 'para') {
      const headText = fold((b.boldHead ? b.boldHead.replace(/^\S+\s/, '') : b.text).slice(0, 120));
      if (SKIP_HEADING.test(headText.replace(/^\d+\.\s*/, ''))) continue;
    }
    if (b.deadlineOnly) {
      const dl = parseDeadline(b.text, { year: sink.year });
      if (dl.kind !== 'none') {
        const targets = groupTasks.filter((t) => t.deadline.kind === 'none');
        for (const t of targets) t.deadline = dl;
        if (targets.length) continue;
      }
    }
    if (b.kind === 'para' && (isConclusion(b, ctx.ix) || CLOSING.test(foldTail(b.text)))) continue;
    const fields = b.kind === 'para' ? null : itemFields(b, ctx.ix);
    if (fields) {
      const rest = b.children.filter((c) => !fields.lines.has(c));
      const u = unitOf({ ...b, children: rest }, true, ctx.ix);
      const cell = parseDeadlineCell(fields.deadline, { year: sink.year });
      const task = sink.push({
        text: u.text,
        line: b.line,
        ref,
        lead: fields.lead,
        coord: fields.coord,
        deadline: cell.kind !== 'none' ? cell : parseDeadline(u.text, { year: sink.year }),
        deadlineFromCell: cell.kind !== 'none',
        deliverable: fields.deliverable || null,
        note: fields.note || null,
      });
      groupTasks = [task];
      const subItems = rest.filter((c) => c.kind !== 'para');
      if (subItems.length) walk(sink, ctx, subItems, { lead: fields.lead, coord: fields.coord, weak: false }, myPath);
      continue;
    }
    const subject = italicSubject(b.raw, b.text, ctx.ix) ?? findSubject(b.text, ctx.ix) ?? introSubject(b.text, ctx.ix);
    const itemChildren = b.children.filter((c) => c.kind !== 'para');
    const paraChildren = b.children.filter((c) => c.kind === 'para' && !c.deadlineOnly);
    // A heading over a lead-in paragraph and its items ("2. Tổ chức quán triệt … theo quy định." then
    // "2.1. …, X xác định các nhiệm vụ sau:" then bullets) only titles them.
    const topic =
      isTopicHeading(b, subject) ||
      (!subject && itemChildren.length > 0 && paraChildren.some((c) => isLeadIn(c, ctx.ix)));

    if (subject?.headingOnly) {
      const a: Assignment = { lead: subject.bodies, coord: null, weak: false };
      // "Thủ tướng Chính phủ yêu cầu các Bộ trưởng, …:" as a paragraph: the items after it are theirs.
      if (b.kind === 'para' && b.children.length === 0 && /:\s*$/.test(b.text)) {
        current = a;
        groupTasks = [];
        continue;
      }
      if (itemChildren.length === 0 && paraChildren.length > 0) {
        groupTasks = emitUnit(sink, ctx, unitOf(b, true, ctx.ix), ref, {
          lead: a.lead,
          coord: null,
          source: 'inherited',
        });
      } else {
        walk(sink, ctx, b.children, a, myPath);
      }
      continue;
    }

    // "X có trách nhiệm (lãnh đạo, chỉ đạo) triển khai Kế hoạch này …": the closing formula, paragraph or item.
    if (subject && !subject.headingOnly && isGenericClose(b.text.slice(subject.predicateStart))) continue;
    if (subject && !subject.headingOnly && EXHORTATION.test(foldHead(b.text.slice(subject.predicateStart), 80)))
      continue;

    if (subject) {
      const u = unitOf(b, !topic, ctx.ix);
      const firstEnd = secondSentenceStart(u.text, u.paraBreaks) ?? u.text.length;
      const firstSentence = u.text.slice(0, firstEnd).trim();
      const predicate = b.text.slice(subject.predicateStart);
      const coord = coordOf(predicate, ctx.ix);
      const shortHeading = itemChildren.length > 0 && !/[.;]/.test(u.text) && u.text.length < 220;
      const intro = (/:\s*$/.test(firstSentence) && (itemChildren.length > 0 || b.kind === 'para')) || shortHeading;
      // A request to everyone ("yêu cầu các cấp ủy, cơ quan, đơn vị … sau:") covers only the items that
      // ask for an action; a named body's lead-in ("Đảng ủy X lãnh đạo, chỉ đạo:") covers every item.
      const broad = subject.bodies.names.every((n) => /^(các|những)\s/iu.test(n) || ctx.ix.lookup(n)?.group);
      // … unless it announces them as tasks ("… cần tổ chức thực hiện các nhiệm vụ sau đây:").
      const weak =
        broad &&
        !/(chủ trì|phối hợp|chịu trách nhiệm|có trách nhiệm)/u.test(fold(predicate.slice(0, 80))) &&
        !TASKS_FOLLOW.test(foldTail(firstSentence, 120));
      const a: Assignment = { lead: subject.bodies, coord, weak };
      // "… quán triệt, hành động theo những định hướng và phương châm sau:" — principles follow, not tasks.
      if (intro && PRINCIPLES.test(foldTail(firstSentence, 160))) {
        if (b.kind === 'para') current = null;
        else walk(sink, ctx, b.children, null, myPath);
        continue;
      }
      if (intro) {
        // "Bộ X chủ trì, phối hợp với …:" — the items that follow are its tasks.
        if (b.kind === 'para') {
          current = a;
          groupTasks = [];
          const rest = u.text.slice(firstEnd);
          if (rest.trim()) emitUnit(sink, ctx, u, ref, null, firstEnd);
        } else {
          walk(sink, ctx, b.children, a, myPath);
        }
        continue;
      }
      groupTasks = emitUnit(sink, ctx, u, ref, { lead: withDirected(subject, predicate, ctx.ix), coord });
      if (itemChildren.length) walk(sink, ctx, itemChildren, { ...a, weak: false }, myPath);
      // "… . Đồng thời nghiên cứu thực hiện các nội dung sau:" — the items after the paragraph are its tasks too.
      if (b.kind === 'para' && /:\s*$/.test(u.text)) current = { ...a, weak: false };
      continue;
    }

    // No assignee of its own.
    const inherited = current;
    const u = unitOf(b, !topic, ctx.ix);
    if (inherited && !topic && !EXHORTATION.test(foldHead(b.text, 80))) {
      const own = b.boldHead ? b.text.slice(b.boldHead.replace(/^\S+\s/, '').length).trim() : b.text;
      if (!inherited.weak || opensWithAction(own || b.text)) {
        // "c) Ban hành quy chế … để:" and its bullets are one task: the bullets say what the work covers,
        // unless a bullet names its own assignee or deadline.
        const detail = detailBullets(b, ctx);
        const tasks = emitUnit(sink, ctx, detail ? withChildren(u, detail) : u, ref, {
          lead: inherited.lead,
          coord: inherited.coord,
          source: 'inherited',
        });
        for (const t of tasks) groupTasks.push(t);
        if (itemChildren.length && !detail) walk(sink, ctx, itemChildren, inherited, myPath);
        continue;
      }
    }
    // A letter or notice to one body: an item that asks for an action and names no one is that body's.
    if (!inherited && ctx.implicitLead && !topic && b.kind !== 'para' && opensWithAction(b.text)) {
      groupTasks = emitUnit(sink, ctx, u, ref, { lead: ctx.implicitLead, coord: null, source: 'implicit' });
      if (itemChildren.length) walk(sink, ctx, itemChildren, null, myPath);
      continue;
    }
    // Later sentences may still name an assignee.
    emitUnit(sink, ctx, u, ref, null, 0, b.kind !== 'para');
    const before = sink.tasks.length;
    walk(sink, ctx, topic ? b.children : itemChildren, inherited, myPath);
    // "3. Đào tạo kỹ năng số …" then "Giao Sở Nội vụ chủ trì thực hiện.": the title names the work, the
    // line under it only who does it. The task starts at the title and runs on through the assignment,
    // so its text stays the document's own lines in order.
    if (topic && itemChildren.length === 0 && !/[:;]\s*$/u.test(b.text))
      for (const t of sink.tasks.slice(before))
        if (t.line > b.line && onlyDuty(t.text, ctx.ix)) {
          const title = b.text.trim();
          t.text = `${title}${/[.!?]$/u.test(title) ? '' : '.'} ${t.text}`;
          t.line = b.line;
        }
  }
}

/**
 * Only who does it: "(Giao) X chủ trì (, phối hợp với Y) (tổ chức) thực hiện", with no work named. With
 * "phối hợp với" the clause must end in "thực hiện": otherwise the work follows the partners' names.
 */
const DUTY_ONLY =
  /^(?:(?:chủ trì|chịu trách nhiệm|là cơ quan đầu mối)[,\s]*)?(?:(?:phối hợp với|phối hợp cùng)\s[^.;:]{1,200}?\s+)?(?:tổ chức\s+)?(?:thực hiện|triển khai)(?:\s+thực hiện)?(?:\s+(?:nhiệm vụ|nội dung) (?:này|trên))?\s*(?:[.;]|$)|^chủ trì\s*(?:[.;]|$)/u;

function onlyDuty(text: string, ix: BodyIndex): boolean {
  const subject = findSubject(text, ix);
  if (!subject) return false;
  return DUTY_ONLY.test(fold(text.slice(subject.predicateStart)).trim());
}

/** Tasks of a run of prose lines. */
export function tasksFromProse(lines: SourceLine[], ctx: TaskContext, refPrefix = ''): ExtractedTask[] {
  const sink = new TaskSink(ctx);
  walk(sink, ctx, buildBlocks(lines), null, refPrefix ? [refPrefix] : []);
  return sink.tasks;
}
