// The document model of a file: the documents in it and the parts of each. A Vietnamese administrative
// document (Nghị định 30/2020, and the Party's own format) opens with a title block — the issuing body
// in capitals, the national motto or "ĐẢNG CỘNG SẢN VIỆT NAM", "Số …", the place and date, the type in
// capitals and the title — may address bodies ("Kính gửi:", "THỦ TƯỚNG CHÍNH PHỦ điện:"), ends with
// "Nơi nhận:" and a signature, and may carry attachments after that: appendices ("PHỤ LỤC"), an
// action programme or plan "ban hành kèm theo", a draft. A "SAO Y"/"SAO LỤC" block is a certified copy,
// not a document of its own. Nothing after a signature is dropped: what follows is an attachment or
// the next document.

import { type BodyIndex, expandAbbreviations } from '../bodies/registry.ts';
import type { SourceLine } from '../text/lines.ts';
import { fold, isUpperLine, stripMarkup } from '../text/normalize.ts';
import type { DocumentConfidence, DocumentHeading, Level } from '../types.ts';
import { normalizeDocNumber } from './doc-number.ts';

export interface DocumentPart {
  /** 'main' for the document's own text, else the attachment's type ("Phụ lục", "Chương trình hành động"). */
  kind: string;
  title: string | null;
  /** Index range [from, to) into the lines. */
  from: number;
  to: number;
}

export interface DocumentRegion extends DocumentHeading {
  /** The title as written (its letter case kept: document numbers in it). */
  titleWritten: string | null;
  startsAtLine: number;
  /** Index (into lines) of the "Số" line, or -1. */
  anchor: number;
  parts: DocumentPart[];
  /** Index range of the header lines (for level and issuer). */
  headerFrom: number;
  headerTo: number;
  confidence: DocumentConfidence;
}

const NUMBER_AT_START =
  /^Số\s*[:.]?\s*(\d[\p{L}\d.]*\s*[-–/]\s*[\p{L}\d]+(?:\s*[-–/]\s*[\p{L}\d]+){0,4})(?=\s|$|[,;])/u;
const DATE_LINE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const COPY_LINE = /^(SAO Y|SAO LỤC|TRÍCH SAO)(\s+BẢN CHÍNH)?\s*$/u;
const APPENDIX_LINE = /^PHỤ LỤC(\s|$|\d|:)/u;
const ATTACHED_LINE = /^[(*\s]*(ban hành\s+|được ban hành\s+)?kèm theo\s/iu;
const MOTTO = /cộng sản việt nam|cộng hòa|cộng hoà|độc lập|tự do|hạnh phúc|^[-–_*=\s\\]+$/iu;

const TYPE_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^THÔNG BÁO\s+KẾT LUẬN/u, 'Thông báo kết luận'],
  [/^KẾ HOẠCH/u, 'Kế hoạch'],
  [/^THÔNG BÁO/u, 'Thông báo'],
  [/^CÔNG ĐIỆN/u, 'Công điện'],
  [/^CÔNG VĂN/u, 'Công văn'],
  [/^QUY CHẾ/u, 'Quy chế'],
  [/^QUYẾT ĐỊNH/u, 'Quyết định'],
  [/^NGHỊ QUYẾT/u, 'Nghị quyết'],
  [/^NGHỊ ĐỊNH/u, 'Nghị định'],
  [/^CHỈ THỊ/u, 'Chỉ thị'],
  [/^KẾT LUẬN/u, 'Kết luận'],
  [/^CHƯƠNG TRÌNH HÀNH ĐỘNG/u, 'Chương trình hành động'],
  [/^CHƯƠNG TRÌNH/u, 'Chương trình'],
  [/^HƯỚNG DẪN/u, 'Hướng dẫn'],
  [/^BÁO CÁO/u, 'Báo cáo'],
  [/^TỜ TRÌNH/u, 'Tờ trình'],
  [/^THÔNG TƯ/u, 'Thông tư'],
  [/^QUY ĐỊNH/u, 'Quy định'],
  [/^ĐỀ ÁN/u, 'Đề án'],
  [/^DỰ THẢO/u, 'Dự thảo'],
  [/^DANH MỤC/u, 'Danh mục'],
];

/** Type from a code in the number when no title says it: "55-CV/…", "12/CĐ-TTg", "05/2025/NĐ-CP". */
const CODE_TYPES: Record<string, string> = {
  CV: 'Công văn',
  TB: 'Thông báo',
  KH: 'Kế hoạch',
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  CĐ: 'Công điện',
  BC: 'Báo cáo',
  QC: 'Quy chế',
  HD: 'Hướng dẫn',
  KL: 'Kết luận',
  CTr: 'Chương trình',
  CTHĐ: 'Chương trình hành động',
  QyĐ: 'Quy định',
  ĐA: 'Đề án',
  NĐ: 'Nghị định',
  TT: 'Thông tư',
  TTr: 'Tờ trình',
};

/** The text of a line, or its cells read left to right (a two-column title block pasted with a TAB). */
function cellsOf(l: SourceLine | undefined): string[] {
  if (!l) return [];
  if (l.cells) return l.cells.map((c) => c.trim()).filter(Boolean);
  const t = l.text.trim();
  return t ? [t] : [];
}

function numberIn(l: SourceLine | undefined): string | null {
  // Most lines do not open with "Số": test the first letter before anything else.
  if (!l || (!l.cells && !/^\s*S/iu.test(l.text))) return null;
  for (const c of cellsOf(l)) {
    const m = NUMBER_AT_START.exec(c);
    // A "Số …" line is short: the number, maybe the place and date beside it.
    if (m?.[1] && c.length < 120) return m[1];
  }
  return null;
}

function isHeaderish(l: SourceLine): boolean {
  const cells = cellsOf(l);
  if (cells.length === 0) return true;
  if (l.cells && l.cells.length > 3) return false;
  return cells.every((t) => {
    if (/^\*+$/.test(t) || t === '\\*' || MOTTO.test(t)) return true;
    if (DATE_LINE.test(t) && t.length < 80) return true;
    if (NUMBER_AT_START.test(t)) return true;
    if (/^V\/v\s/iu.test(t)) return true;
    return isUpperLine(t) && t.length < 120;
  });
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
  // A title written in sentence case keeps its capitals (names, "Nghị quyết số 57-NQ/TW").
  if (!isUpperLine(s)) return s.charAt(0).toUpperCase() + s.slice(1);
  // In capitals: lower every word but a document's code ("57-NQ/TW", "05/2025/NĐ-CP").
  const lower = s.replace(/\S+/gu, (w) => (/\d/u.test(w) && /[/-]/u.test(w) ? w : w.toLowerCase()));
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "Ủy ban nhân dân xã tân lập" → "Ủy ban nhân dân xã Tân Lập": place names keep their capitals. */
function capitalisePlaces(s: string): string {
  return s.replace(
    /(^|\s)(tỉnh|thành phố|xã|phường|đặc khu|huyện|quận|thị xã|thị trấn)\s+([\p{L}\s-]+)$/u,
    (_m, pre: string, kind: string, place: string) =>
      `${pre}${kind} ${place.replace(/(^|[\s-])(\p{L})/gu, (_x, sep: string, ch: string) => sep + ch.toUpperCase())}`,
  );
}

/** The type a number's codes name ("12/CĐ-TTg" → Công điện), if any. */
function typeFromNumber(number: string): string | null {
  for (const code of number.split(/[-/]/)) {
    const t = CODE_TYPES[code];
    if (t) return t;
  }
  return null;
}

/** The title block's issuer: the registry's name when it knows the lines, else the lines as written. */
function issuerOf(headerLines: string[], ix: BodyIndex | undefined): { name: string | null; known: boolean } {
  if (headerLines.length === 0) return { name: null, known: false };
  const candidates: string[] = [];
  for (let k = 0; k < headerLines.length; k++) candidates.push(headerLines.slice(k).join(' '));
  candidates.push(headerLines[headerLines.length - 1] ?? '');
  if (ix) {
    for (const c of candidates) {
      const hit = ix.lookup(c.replace(/\s+/g, ' '));
      if (hit?.body) return { name: hit.name, known: true };
    }
  }
  let lines = headerLines;
  // "ĐẢNG BỘ TỈNH X / ĐẢNG ỦY XÃ Y", "UBND TỈNH X / SỞ Y TẾ": the lower unit issues.
  if (
    lines.length > 1 &&
    /^(BAN CHẤP HÀNH|THÀNH ỦY|THÀNH UỶ|TỈNH ỦY|TỈNH UỶ|ĐẢNG ỦY|ĐẢNG UỶ|ĐẢNG BỘ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+\S/u.test(
      lines[0] ?? '',
    ) &&
    /^(BAN|SỞ|ĐẢNG ỦY|ĐẢNG UỶ|VĂN PHÒNG|CHI BỘ|ỦY BAN|UỶ BAN|PHÒNG|TRUNG TÂM|CƠ QUAN)\s/u.test(lines[1] ?? '')
  ) {
    lines = lines.slice(1);
  }
  // "UBND XÃ TÂN HÒA": the abbreviation spelled out, as every name the extractor gives.
  const written = expandAbbreviations(lines.join(' ').replace(/\s+/g, ' '));
  return { name: capitalisePlaces(ix ? ix.recase(written) : sentenceCase(written)), known: false };
}

function conf(score: number, reason: DocumentConfidence['number']['reason']) {
  return { score, reason };
}

interface Attachment {
  at: number;
  number: string | null;
  type: string;
  title: string | null;
}

function attachmentType(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  if (APPENDIX_LINE.test(t.toUpperCase())) return 'Phụ lục';
  for (const [re, name] of TYPE_WORDS) if (re.test(t.toUpperCase())) return name;
  return 'Phụ lục';
}

const KEM_THEO_NUMBER =
  /kèm theo[^()]{0,80}?số\s*:?\s*(\d[\p{L}\d.]*\s*[-–/]\s*[\p{L}\d]+(?:\s*[-–/]\s*[\p{L}\d-]+)*)/iu;

/** Attachments: appendix headings, titles above a "(Ban hành) kèm theo …" line, titles after a signature. */
function findAttachments(lines: SourceLine[], closings: number[]): Attachment[] {
  const out: Attachment[] = [];
  const numberNear = (from: number): string | null => {
    for (let j = from; j < Math.min(lines.length, from + 8); j++) {
      const m = KEM_THEO_NUMBER.exec(lines[j]?.text ?? '');
      if (m?.[1]) return normalizeDocNumber(m[1]);
    }
    return null;
  };
  const push = (at: number, type: string, title: string | null): void => {
    if (out.some((a) => Math.abs(a.at - at) <= 3)) return;
    out.push({ at, number: numberNear(at), type, title });
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l || l.cells) continue;
    const t = l.text.trim();
    if (!t || t.length > 400) continue;
    // An appendix heading opens with "P"/"p", a "(Kèm theo …)" line with "(" or "*".
    const first = t.charAt(0);
    if (first !== 'P' && first !== 'p' && first !== '(' && first !== '*') continue;
    // The heading is tested on its first words: upper-casing every line of a long file costs more.
    if (t.length <= 160 && APPENDIX_LINE.test(t.slice(0, 12).toUpperCase())) {
      if (isUpperLine(t.replace(/\d+/g, '')) || /^Phụ lục(\s+[\dIVX]+)?\.?$/iu.test(t)) {
        push(i, 'Phụ lục', titleAfter(lines, i));
        continue;
      }
    }
    if (ATTACHED_LINE.test(t) && /^[(*]/.test(t)) {
      // The title is right above: "CHƯƠNG TRÌNH HÀNH ĐỘNG / CỦA CHÍNH PHỦ …", maybe a subtitle in lower case.
      let s = -1;
      for (let j = i - 1; j >= 0 && i - j <= 6; j--) {
        const u = lines[j]?.text.trim() ?? '';
        if (!u) continue;
        if (lines[j]?.cells || MOTTO.test(u) || numberIn(lines[j]) || CLOSING.test(u) || u.length > 250) break;
        if (!isUpperLine(u)) continue;
        s = j;
        if (TYPE_WORDS.some(([re]) => re.test(u)) || APPENDIX_LINE.test(u)) break;
      }
      if (s >= 0) {
        const title = lines
          .slice(s, i)
          .map((x) => x.text.trim())
          .filter(Boolean)
          .join(' ');
        push(s, attachmentType(title), stripMarkup(title));
      }
    }
  }
  // After a signature: the first title in capitals that is not part of the signature block.
  for (const c of closings) {
    for (let i = c + 1; i < Math.min(lines.length, c + 60); i++) {
      const t = lines[i]?.text.trim() ?? '';
      if (!t || lines[i]?.cells) continue;
      if (numberIn(lines[i]) || MOTTO.test(t)) break;
      if (!isUpperLine(t) || t.length < 6) continue;
      if (!TYPE_WORDS.some(([re]) => re.test(t)) && !APPENDIX_LINE.test(t)) continue;
      push(i, attachmentType(t), t);
      break;
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function titleAfter(lines: SourceLine[], i: number): string | null {
  const parts: string[] = [];
  for (let j = i; j < Math.min(lines.length, i + 4); j++) {
    const t = lines[j]?.text.trim() ?? '';
    if (!t) continue;
    if (!isUpperLine(t)) break;
    parts.push(t);
  }
  return parts.length ? parts.join(' ') : null;
}

const CLOSING = /^(Nơi nhận|NƠI NHẬN)\s*:?/u;

/** A text published without its title block opens by citing itself: "Công điện số 52/CĐ-TTg ngày 18/8/2025 của Thủ tướng Chính phủ về …". */
const CITED_TITLE =
  /^(Công điện|Chỉ thị|Thông báo kết luận|Thông báo|Kế hoạch|Công văn|Quyết định|Nghị quyết|Kết luận|Chương trình hành động|Hướng dẫn)(?:\s+(?:số\s*:?\s*)?(\d[\p{L}\d.]*\s*[-–/]\s*[\p{L}\d]+(?:\s*[-–/]\s*[\p{L}\d]+){0,4}))?(?:\s*,?\s*ngày\s+(\d{1,2})\s*(?:\/|tháng)\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4}))?(?:\s+của\s+(.+?))?(?:\s+(?:về việc|về|V\/v)\s+(.+))?$/u;
/** "Ủy ban nhân dân xã X thông báo …": the body that speaks in a text without a title block. */
const SPEAKER =
  /(?:^|[,.;]\s*)((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Đảng ủy|Đảng uỷ|Hội đồng nhân dân|HĐND|Ban Thường vụ Đảng ủy|Ban Chỉ đạo)\s+(?:xã|phường|đặc khu|tỉnh|thành phố)\s+\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})\s+(?:thông báo|yêu cầu|đề nghị|hướng dẫn|kính đề nghị)(?![\p{L}])/u;

/** What the opening lines of a text without a title block say of the document itself. */
function citedHeader(lines: SourceLine[], ix: BodyIndex | undefined): DocumentHeading {
  const out: DocumentHeading = { number: null, type: null, date: null, issuer: null, level: null, title: null };
  const opening = lines
    .slice(0, 12)
    .filter((l) => !l.cells && l.text.trim())
    .map((l) => stripMarkup(l.text).replace(/\s+/g, ' ').trim());
  const first = opening[0] ?? '';
  const m = first.length < 400 ? CITED_TITLE.exec(first.replace(/[.:]$/, '')) : null;
  if (m) {
    out.type = m[1] ?? null;
    if (m[2]) out.number = normalizeDocNumber(m[2]);
    if (m[3] && m[4] && m[5]) {
      const dm = /(\d+) (\d+) (\d+)/.exec(`${m[3]} ${m[4]} ${m[5]}`);
      if (dm) out.date = isoFrom(dm);
    }
    if (m[6]) out.issuer = ix?.lookup(m[6])?.name ?? m[6];
    out.title = m[7] ?? null;
  }
  if (!m) {
    // "CÔNG ĐIỆN" / "Về việc …": the type in capitals on a line of its own, the title under it.
    const typeOf = (t: string) =>
      isUpperLine(t) && t.length < 60
        ? TYPE_WORDS.find(([re]) => re.test(t) && t.replace(re, '').trim() === '')
        : undefined;
    const at = opening.slice(0, 4).findIndex((t) => typeOf(t) !== undefined);
    const named = at >= 0 ? typeOf(opening[at] ?? '') : undefined;
    if (named) {
      out.type = named[1];
      out.title = (opening[at + 1] ?? '').replace(/^(Về việc|Về|V\/v)\s+/u, '') || null;
      // The issuer in capitals above the type ("ỦY BAN NHÂN DÂN XÃ …").
      const above = opening.slice(0, at).filter((t) => isUpperLine(t) && !MOTTO.test(t));
      if (above.length) out.issuer = issuerOf(above, ix).name;
    }
  }
  // "THỦ TƯỚNG CHÍNH PHỦ điện:": the telegram's sender.
  const sender = opening.slice(0, 8).find((t) => /^[\p{Lu}\s]{4,80}\sđiện\s*:/u.test(t));
  if (!out.issuer && sender) {
    const written = sender.replace(/\sđiện\s*:.*$/u, '');
    out.issuer = ix?.lookup(written)?.name ?? ix?.recase(written) ?? written;
  }
  if (!out.issuer) {
    for (const t of opening.slice(0, 8)) {
      const sm = SPEAKER.exec(t);
      if (!sm?.[1]) continue;
      const written = expandAbbreviations(sm[1]);
      out.issuer = ix?.lookup(written)?.name ?? written;
      break;
    }
  }
  if (out.issuer || out.number) out.level = levelOf(out.issuer ?? '', out.number);
  return out;
}

export function splitDocuments(lines: SourceLine[], ix?: BodyIndex): DocumentRegion[] {
  const anchors: number[] = [];
  for (let i = 0; i < lines.length; i++) if (numberIn(lines[i])) anchors.push(i);
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
      if (!l || !isHeaderish(l)) break;
      if (l.text.trim()) start = j;
    }
    let copy = false;
    const prevAnchor = ai > 0 ? (anchors[ai - 1] ?? -1) : -1;
    for (let j = Math.max(0, a - 6, prevAnchor + 1); j < Math.min(lines.length, a + 14, nextAnchor); j++) {
      if (COPY_LINE.test(lines[j]?.text.trim() ?? '')) copy = true;
    }
    blocks.push({ anchor: a, start, copy });
  });
  const closings: number[] = [];
  for (let i = 0; i < lines.length; i++)
    if (!lines[i]?.cells && CLOSING.test(lines[i]?.text.trim() ?? '')) closings.push(i);
  const attachments = findAttachments(lines, closings);

  const docs: DocumentRegion[] = [];
  const realBlocks = blocks.filter((b) => !b.copy);
  // Boundaries: each block (real or copy) and each attachment starts a new range.
  const cuts = [...blocks.map((b) => b.start), ...attachments.map((a) => a.at), lines.length].sort((x, y) => x - y);
  const rangeEnd = (from: number) => cuts.find((c) => c > from) ?? lines.length;

  for (const b of realBlocks) {
    const raw = numberIn(lines[b.anchor]);
    const number = raw ? normalizeDocNumber(raw) : null;
    const end = rangeEnd(b.start);
    // Date, type and title: in the header block and the lines right after the number.
    let date: string | null = null;
    let type: string | null = null;
    let title: string | null = null;
    let typeReason: DocumentConfidence['type']['reason'] = 'title-block';
    let headerTo = b.anchor + 1;
    let vv = false;
    for (let j = b.start; j < Math.min(end, b.anchor + 12); j++) {
      for (const t of cellsOf(lines[j])) {
        if (!date) {
          const dm = DATE_LINE.exec(t);
          if (dm && t.length < 120) {
            date = isoFrom(dm);
            headerTo = Math.max(headerTo, j + 1);
          }
        }
        if (/^V\/v\s/iu.test(t)) {
          vv = true;
          title ??= t.replace(/^V\/v\s*/iu, '');
          headerTo = Math.max(headerTo, j + 1);
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
            if (name === 'Thông báo' && /^kết luận/iu.test(next)) type = 'Thông báo kết luận';
            const rest = compact.replace(re, '').trim();
            // The title (trích yếu) is the next line: in capitals, or in sentence case under a type alone on its line.
            const titleLine =
              next &&
              (isUpperLine(next) ||
                /^(Về|V\/v)\s/u.test(next) ||
                // The Party's format writes the trích yếu in lower case: "KẾ HOẠCH / thực hiện Nghị quyết …".
                (/^\p{L}/u.test(next) &&
                  next.length < 400 &&
                  !/[:;]$/.test(next) &&
                  !/^(Căn cứ|Kính gửi|Số)/u.test(next)));
            title = rest || (titleLine ? next : null);
            headerTo = Math.max(headerTo, j + 1);
            break;
          }
        }
      }
    }
    if (!type && number) {
      type = typeFromNumber(number);
      typeReason = 'number-code';
    }
    if (!type && vv) type = 'Công văn';
    const headerLines = lines
      .slice(b.start, b.anchor + 1)
      .flatMap((l) => {
        const cells = cellsOf(l);
        // In a two-column title block the issuer is the left column.
        return l.cells ? cells.slice(0, 1) : cells;
      })
      .filter((t) => t && isUpperLine(t) && !MOTTO.test(t) && !NUMBER_AT_START.test(t) && !DATE_LINE.test(t))
      .map((t) => stripMarkup(t).replace(/\s+/g, ' '));
    const issuer = issuerOf(headerLines, ix);
    const parts: DocumentPart[] = [{ kind: 'main', title: null, from: headerTo, to: end }];
    docs.push({
      number,
      type,
      date,
      issuer: issuer.name,
      level: levelOf(`${headerLines.join(' ')} ${lines[b.anchor - 1]?.text ?? ''}`, number),
      title: title ? sentenceCase(stripMarkup(title)) : null,
      titleWritten: title ? stripMarkup(title) : null,
      startsAtLine: lines[b.start]?.no ?? 1,
      anchor: b.anchor,
      parts,
      headerFrom: b.start,
      headerTo,
      confidence: {
        number: conf(number ? 0.95 : 0.3, number ? 'title-block' : 'none-found'),
        type: conf(type ? (typeReason === 'title-block' ? 0.95 : 0.75) : 0.3, type ? typeReason : 'none-found'),
        date: conf(date ? 0.95 : 0.3, date ? 'title-block' : 'none-found'),
        issuer: conf(
          issuer.name ? (issuer.known ? 0.95 : 0.7) : 0.3,
          issuer.name ? (issuer.known ? 'registry' : 'header-lines') : 'none-found',
        ),
      },
    });
  }
  if (docs.length === 0) {
    const cited = citedHeader(lines, ix);
    docs.push({
      number: cited.number,
      type: cited.type,
      date: cited.date,
      issuer: cited.issuer,
      level: cited.level,
      title: cited.title,
      titleWritten: cited.title,
      startsAtLine: 1,
      anchor: -1,
      parts: [{ kind: 'main', title: null, from: 0, to: rangeEnd(0) }],
      headerFrom: 0,
      headerTo: 0,
      confidence: {
        number: conf(cited.number ? 0.7 : 0.3, cited.number ? 'title-block' : 'none-found'),
        type: conf(cited.type ? 0.7 : 0.3, cited.type ? 'title-block' : 'none-found'),
        date: conf(cited.date ? 0.7 : 0.3, cited.date ? 'title-block' : 'none-found'),
        issuer: conf(cited.issuer ? 0.7 : 0.3, cited.issuer ? 'header-lines' : 'none-found'),
      },
    });
  }
  // Attachments go to the document they name ("Kèm theo Thông báo số 20-TB/…"), else the one before.
  for (const ap of attachments) {
    const named = ap.number ? docs.find((d) => d.number === ap.number) : undefined;
    const before = [...docs].reverse().find((d) => (d.anchor < 0 ? 0 : d.headerFrom) <= ap.at);
    const owner = named ?? before ?? docs[0];
    owner?.parts.push({ kind: ap.type, title: ap.title, from: ap.at, to: rangeEnd(ap.at) });
  }
  return docs;
}
