// The document body as a tree of numbered sections and items. Vietnamese administrative writing
// numbers its parts I. > 1. > a) > - > + > (1); a line that starts in lower case continues the line
// before it (a page break or a wrapped paragraph); footnote lines between them are skipped.

import type { SourceLine } from '../text/lines.ts';
import { startsLower, stripMarkup } from '../text/normalize.ts';

export type BlockKind = 'roman' | 'number' | 'subnumber' | 'letter' | 'star' | 'dash' | 'plus' | 'paren' | 'para';

export interface Segment {
  /** Offset in the block's text. */
  offset: number;
  line: number;
}

export interface Block {
  kind: BlockKind;
  rank: number;
  marker: string;
  line: number;
  /** The raw first line after the marker (markup kept: italics mark a body's name). */
  raw: string;
  /** Bold words that open the line ("**1. Tiếp tục …**"), markup removed. */
  boldHead: string;
  text: string;
  segs: Segment[];
  /** Offsets where a separate paragraph joined the block (not a wrapped line). */
  paraBreaks: number[];
  children: Block[];
  /** The paragraph only gives a deadline for the items above it ("Có báo cáo … trong tháng 8/2025."). */
  deadlineOnly: boolean;
  /** The closing paragraph of the body. */
  conclusion?: boolean;
}

const RANK: Record<BlockKind, number> = {
  roman: 1,
  number: 2,
  subnumber: 2.5,
  letter: 3,
  star: 3.5,
  dash: 4,
  plus: 5,
  paren: 6,
  para: 99,
};

const FOOTNOTE = /^([¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])\s/u;
const ROMAN_RE = /^(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.\-–)]\s+/u;
const NUMBER_RE = /^(\d{1,2})\s*[.)]\s+(?=\S)/u;
/** "2.1.", "2.1", "3.2.1." — a part of a numbered part. */
const SUBNUMBER_RE = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\p{Lu}|\*)/u;
const LETTER_RE = /^([a-zđ])\s*\)\s*(?=\S)/u;
const PAREN_RE = /^\((\d{1,2}|[ivx]{1,4})\)\s*(?=\S)/u;
/**
 * A line of contact details — the letter's "đầu mối liên hệ", a phone, fax, e-mail or address — is
 * never a task nor part of one.
 */
const CONTACT_LINE =
  /^(?:(?:số\s+)?(?:điện thoại|đt|tel|fax|di động|dđ|hotline)(?:\s+liên hệ)?\s*:\s*[+(]?\d|e-?mail\s*:\s*\S+@|địa chỉ(?:\s+liên hệ)?\s*:|(?:đầu mối|người)\s+liên hệ\s*:|website\s*:)/iu;
const DEADLINE_ONLY = /^(có báo cáo|báo cáo kết quả|hoàn thành|thời hạn|thời gian hoàn thành)/iu;

export function detectMarker(text: string, raw: string): { kind: BlockKind; marker: string; rest: string } {
  const r = raw.replace(/^\s*#{1,6}\s*/, '').replace(/^\*\*\s*/, '');
  if (/^\*\s+\S/.test(r)) return { kind: 'star', marker: '*', rest: text.replace(/^\*\s*/, '') };
  let m = ROMAN_RE.exec(text);
  if (m) return { kind: 'roman', marker: m[1] ?? '', rest: text.slice(m[0].length) };
  m = NUMBER_RE.exec(text);
  if (m) return { kind: 'number', marker: m[1] ?? '', rest: text.slice(m[0].length) };
  m = SUBNUMBER_RE.exec(text);
  if (m) return { kind: 'subnumber', marker: m[1] ?? '', rest: text.slice(m[0].length) };
  m = LETTER_RE.exec(text);
  if (m) return { kind: 'letter', marker: m[1] ?? '', rest: text.slice(m[0].length) };
  m = PAREN_RE.exec(text);
  if (m) return { kind: 'paren', marker: `(${m[1] ?? ''})`, rest: text.slice(m[0].length) };
  if (/^[-–•]\s*\S/.test(text)) return { kind: 'dash', marker: '-', rest: text.replace(/^[-–•]\s*/, '') };
  if (/^\+\s*\S/.test(text)) return { kind: 'plus', marker: '+', rest: text.replace(/^\+\s*/, '') };
  return { kind: 'para', marker: '', rest: text };
}

function boldHeadOf(raw: string): string {
  const m = /^\s*(?:#{1,6}\s*)?\*\*([^*]{1,400})\*\*/.exec(raw);
  return m?.[1] ? stripMarkup(m[1]) : '';
}

function rawAfterMarker(raw: string): string {
  return raw
    .replace(/^\s*#{1,6}\s*/, '')
    .replace(
      /^\s*(\*\*)?\s*((XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.\-–)]|\d{1,2}(\.\d{1,2}){1,3}\.?|\d{1,2}\s*[.)]|[a-zđ]\s*\)|\(\d{1,2}\)|[-–•+])\s*(\*\*)?\s*/u,
      '',
    );
}

/** Builds the item tree of the given lines. Table rows and the closing ("Nơi nhận:") end a run. */
export function buildBlocks(lines: SourceLine[]): Block[] {
  const roots: Block[] = [];
  const stack: Block[] = [];
  let last: Block | undefined;
  let inContact = false;
  for (const l of lines) {
    const text = l.text.trim();
    if (!text || l.cells) {
      if (l.cells) last = undefined;
      continue;
    }
    if (FOOTNOTE.test(l.raw.trim())) continue;
    // "(Kèm theo Thông báo số …)" under an appendix title says whose appendix it is.
    if (/^\(?\s*(ban hành\s+)?kèm theo\s/iu.test(text)) {
      last = undefined;
      continue;
    }
    const mk = detectMarker(text, l.raw.trim());
    // A contact line and its wrapped continuation are left out.
    if (CONTACT_LINE.test(mk.rest) || (inContact && mk.kind === 'para' && startsLower(text))) {
      inContact = true;
      continue;
    }
    inContact = false;
    if (mk.kind === 'para' && last && startsLower(text)) {
      const sep = ' ';
      last.segs.push({ offset: last.text.length + sep.length, line: l.no });
      last.text += sep + text;
      continue;
    }
    const block: Block = {
      kind: mk.kind,
      rank: RANK[mk.kind],
      marker: mk.marker,
      line: l.no,
      raw: rawAfterMarker(l.raw.trim()),
      boldHead: boldHeadOf(l.raw.trim()),
      text: mk.rest,
      segs: [{ offset: 0, line: l.no }],
      paraBreaks: [],
      children: [],
      deadlineOnly: mk.kind === 'para' && DEADLINE_ONLY.test(mk.rest) && mk.rest.length < 300,
    };
    last = block;
    if (block.kind === 'para') {
      let parent = stack[stack.length - 1];
      // A deadline-only paragraph closes the sub-items it follows: it belongs one level up.
      if (
        block.deadlineOnly &&
        parent &&
        (parent.kind === 'plus' || parent.kind === 'paren' || parent.kind === 'dash') &&
        stack.length > 1
      ) {
        parent = stack[stack.length - 2];
      }
      if (parent) parent.children.push(block);
      else roots.push(block);
      continue;
    }
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top && top.rank >= block.rank) stack.pop();
      else break;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(block);
    else roots.push(block);
    stack.push(block);
  }
  markConclusion(roots);
  return roots;
}

const CLOSING_NOTICE = /(biết,?\s*(và\s*)?thực hiện|triển khai thực hiện|trân trọng)\.?\s*$/iu;

/**
 * The paragraph that closes a document's body ("Năm 2026 là năm … phải hành động quyết liệt …") sums up
 * and exhorts; the assignments are in the numbered parts before it.
 */
function markConclusion(roots: Block[]): void {
  const flat: Block[] = [];
  const visit = (bs: Block[]) => {
    for (const b of bs) {
      flat.push(b);
      visit(b.children);
    }
  };
  visit(roots);
  let k = flat.length - 1;
  while (k >= 0 && flat[k]?.kind === 'para' && CLOSING_NOTICE.test(flat[k]?.text ?? '')) k--;
  const last = flat[k];
  if (last && last.kind === 'para' && k > 0 && flat.slice(0, k).some((b) => b.kind !== 'para')) last.conclusion = true;
}
