// Splitting a file into its documents. A Vietnamese administrative document opens with a header
// block (issuing body in capitals, "ĐẢNG CỘNG SẢN VIỆT NAM" or the national motto, "Số …", the place
// and date, the type in capitals), ends with "Nơi nhận:" and a signature, and may be followed by its
// appendices ("PHỤ LỤC … (Kèm theo … số …)"). A "SAO Y"/"SAO LỤC" block is a certified copy, not a
// document of its own.

import type { SourceLine } from '../text/lines.ts';
import { fold, isUpperLine } from '../text/normalize.ts';
import type { Level } from '../types.ts';
import { normalizeDocNumber } from './doc-number.ts';

export interface DocumentRegion {
  number: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  level: Level | null;
  title: string | null;
  startsAtLine: number;
  /** Index (into lines) of the "Số" line, or -1. */
  anchor: number;
  /** Line ranges [from, to) holding the document's text and its appendices. */
  bodyRanges: Array<[number, number]>;
  /** Index range of the header lines (for level and issuer). */
  headerFrom: number;
  headerTo: number;
}

const NUMBER_LINE = /^Số\s*[:.]?\s*(\d[\p{L}\d.]*\s*[-–/]\s*[\p{L}\d]+(?:\s*[-–/]\s*[\p{L}\d]+){0,4})\s*$/u;
const DATE_LINE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const COPY_LINE = /^(SAO Y|SAO LỤC|TRÍCH SAO)(\s+BẢN CHÍNH)?\s*$/u;
const APPENDIX_LINE = /^PHỤ LỤC(\s|$|\d)/u;

const TYPE_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^THÔNG BÁO\s+KẾT LUẬN/u, 'Thông báo kết luận'],
  [/^KẾ HOẠCH/u, 'Kế hoạch'],
  [/^THÔNG BÁO/u, 'Thông báo'],
  [/^CÔNG VĂN/u, 'Công văn'],
  [/^QUY CHẾ/u, 'Quy chế'],
  [/^QUYẾT ĐỊNH/u, 'Quyết định'],
  [/^NGHỊ QUYẾT/u, 'Nghị quyết'],
  [/^CHỈ THỊ/u, 'Chỉ thị'],
  [/^KẾT LUẬN/u, 'Kết luận'],
  [/^CHƯƠNG TRÌNH/u, 'Chương trình'],
  [/^HƯỚNG DẪN/u, 'Hướng dẫn'],
  [/^BÁO CÁO/u, 'Báo cáo'],
  [/^QUY ĐỊNH/u, 'Quy định'],
  [/^ĐỀ ÁN/u, 'Đề án'],
];

/** Type from the number's code when no title says it ("55-CV/…" is a Công văn). */
const CODE_TYPES: Record<string, string> = {
  CV: 'Công văn',
  TB: 'Thông báo',
  KH: 'Kế hoạch',
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  BC: 'Báo cáo',
  QC: 'Quy chế',
  HD: 'Hướng dẫn',
  KL: 'Kết luận',
  CTr: 'Chương trình',
  QyĐ: 'Quy định',
  ĐA: 'Đề án',
};

function isHeaderish(l: SourceLine): boolean {
  const t = l.text.trim();
  if (!t) return true;
  if (/^\*+$/.test(t) || t === '\\*') return true;
  if (DATE_LINE.test(t) && t.length < 80) return true;
  if (NUMBER_LINE.test(t)) return true;
  if (/^V\/v\s/iu.test(t)) return true;
  return isUpperLine(t) && t.length < 120;
}

function isoFrom(m: RegExpExecArray): string | null {
  const y = Number(m[3]);
  const mo = Number(m[2]);
  const d = Number(m[1]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${mo < 10 ? '0' : ''}${mo}-${d < 10 ? '0' : ''}${d}`;
}

function levelOf(header: string, number: string | null): Level {
  const h = fold(header);
  if (/(^|[^\p{L}])(xã|phường|đặc khu)([^\p{L}]|$)/u.test(h)) return 'commune';
  if (/(tỉnh|thành phố|thành ủy|tỉnh ủy|tp\.)/u.test(h)) return 'province';
  if (number && /\/(TU|TƯ|VPTU|UBND|HĐND)$/u.test(number)) return 'province';
  return 'central';
}

function sentenceCase(s: string): string {
  const lower = s.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function splitDocuments(lines: SourceLine[]): DocumentRegion[] {
  const anchors: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l && !l.cells && NUMBER_LINE.test(l.text.trim())) anchors.push(i);
  }
  interface Block {
    anchor: number;
    start: number;
    copy: boolean;
  }
  const blocks: Block[] = [];
  anchors.forEach((a, ai) => {
    const nextAnchor = anchors[ai + 1] ?? lines.length;
    let start = a;
    for (let j = a - 1; j >= 0 && a - j <= 20; j--) {
      const l = lines[j];
      if (!l || l.cells || !isHeaderish(l)) break;
      if (l.text.trim()) start = j;
    }
    let copy = false;
    const prevAnchor = ai > 0 ? (anchors[ai - 1] ?? -1) : -1;
    for (let j = Math.max(0, a - 6, prevAnchor + 1); j < Math.min(lines.length, a + 14, nextAnchor); j++) {
      if (COPY_LINE.test(lines[j]?.text.trim() ?? '')) copy = true;
    }
    blocks.push({ anchor: a, start, copy });
  });
  // Appendix headings and where they belong.
  const appendices: Array<{ at: number; number: string | null }> = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]?.text.trim() ?? '';
    // The heading is tested on its first words: upper-casing every line of a long file costs more.
    if (lines[i]?.cells || t.length > 160 || !APPENDIX_LINE.test(t.slice(0, 12).toUpperCase())) continue;
    if (!isUpperLine(t.replace(/\d+/g, '')) && !/^Phụ lục(\s+[\dIVX]+)?$/iu.test(t)) continue;
    let num: string | null = null;
    for (let j = i; j < Math.min(lines.length, i + 8); j++) {
      const m = /kèm theo[^()]{0,60}?số\s*(\d[\p{L}\d.]*\s*[-–]\s*[\p{L}\d]+(?:\s*\/\s*[\p{L}\d-]+)+)/iu.exec(
        lines[j]?.text ?? '',
      );
      if (m?.[1]) {
        num = normalizeDocNumber(m[1]);
        break;
      }
    }
    appendices.push({ at: i, number: num });
  }

  const docs: DocumentRegion[] = [];
  const realBlocks = blocks.filter((b) => !b.copy);
  // Boundaries: each block (real or copy) and each appendix starts a new range.
  const cuts = [...blocks.map((b) => b.start), ...appendices.map((a) => a.at), lines.length].sort((x, y) => x - y);
  const rangeEnd = (from: number) => cuts.find((c) => c > from) ?? lines.length;

  for (const b of realBlocks) {
    const numberLine = lines[b.anchor]?.text.trim() ?? '';
    const nm = NUMBER_LINE.exec(numberLine);
    const number = nm?.[1] ? normalizeDocNumber(nm[1]) : null;
    const end = rangeEnd(b.start);
    // Date, type and title: in the header block and the lines right after the number.
    let date: string | null = null;
    let type: string | null = null;
    let title: string | null = null;
    let headerTo = b.anchor + 1;
    for (let j = b.start; j < Math.min(end, b.anchor + 12); j++) {
      const t = lines[j]?.text.trim() ?? '';
      if (!date) {
        const dm = DATE_LINE.exec(t);
        if (dm && t.length < 80) {
          date = isoFrom(dm);
          headerTo = Math.max(headerTo, j + 1);
        }
      }
      if (!type && j > b.anchor - 3 && isUpperLine(t) && t.length < 200) {
        const compact = t.replace(/\s+/g, ' ');
        for (const [re, name] of TYPE_WORDS) {
          if (!re.test(compact)) continue;
          type = name;
          // "THÔNG BÁO" on one line, "KẾT LUẬN CỦA …" on the next.
          let k = j + 1;
          while (k < end && !(lines[k]?.text.trim() ?? '')) k++;
          const next = lines[k]?.text.trim() ?? '';
          if (name === 'Thông báo' && /^KẾT LUẬN/u.test(next)) type = 'Thông báo kết luận';
          const rest = compact.replace(re, '').trim();
          title = rest || (isUpperLine(next) ? next : null);
          headerTo = Math.max(headerTo, j + 1);
          break;
        }
      }
    }
    if (!type && number) {
      const code = /-(\p{L}+)\//u.exec(number)?.[1];
      if (code && CODE_TYPES[code]) type = CODE_TYPES[code] ?? null;
    }
    const headerLines = lines
      .slice(b.start, b.anchor)
      .map((l) => l.text.trim())
      .filter((t) => t && isUpperLine(t) && !/CỘNG SẢN VIỆT NAM|CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP/u.test(t));
    let issuerLines = headerLines;
    if (
      issuerLines.length > 1 &&
      /^(BAN CHẤP HÀNH|THÀNH ỦY|THÀNH UỶ|TỈNH ỦY|TỈNH UỶ|ĐẢNG ỦY|ĐẢNG UỶ|ỦY BAN NHÂN DÂN|UBND)/u.test(
        issuerLines[0] ?? '',
      )
    ) {
      issuerLines = issuerLines.slice(1);
    }
    const issuer = issuerLines.length ? sentenceCase(issuerLines.join(' ').replace(/\s+/g, ' ')) : null;
    const bodyRanges: Array<[number, number]> = [[headerTo, end]];
    docs.push({
      number,
      type,
      date,
      issuer,
      level: levelOf(`${headerLines.join(' ')} ${lines[b.anchor - 1]?.text ?? ''}`, number),
      title: title ? sentenceCase(title) : null,
      startsAtLine: lines[b.start]?.no ?? 1,
      anchor: b.anchor,
      bodyRanges,
      headerFrom: b.start,
      headerTo,
    });
  }
  if (docs.length === 0) {
    docs.push({
      number: null,
      type: null,
      date: null,
      issuer: null,
      level: null,
      title: null,
      startsAtLine: 1,
      anchor: -1,
      bodyRanges: [[0, rangeEnd(0)]],
      headerFrom: 0,
      headerTo: 0,
    });
  }
  // Appendices go to the document they name ("Kèm theo Thông báo số 20-TB/…"), else the one before.
  for (const ap of appendices) {
    const named = ap.number ? docs.find((d) => d.number === ap.number) : undefined;
    const before = [...docs].reverse().find((d) => (d.anchor < 0 ? 0 : d.headerFrom) <= ap.at);
    const owner = named ?? before ?? docs[0];
    owner?.bodyRanges.push([ap.at, rangeEnd(ap.at)]);
  }
  return docs;
}
