// Text in → documents and tasks out. Pure: no clock, no I/O beyond reading the default registry.
// First the document model (documents, their parts, addressee blocks), then the assignments read
// over it: prose items (tasks/extract-tasks.ts) and tables (tables/read-tables.ts).
import { type ParsedBodies, parseBodyList } from './bodies/parse-bodies.ts';
import { indexFor, loadDefaultRegistry } from './bodies/registry.ts';
import { implementedNumbers } from './documents/implements.ts';
import { splitDocuments } from './documents/split-documents.ts';
import { tasksFromTables } from './tables/read-tables.ts';
import { tasksFromProse } from './tasks/extract-tasks.ts';
import type { SourceLine } from './text/lines.ts';
import { toLines } from './text/lines.ts';
import type { ExtractedDocument, ExtractedTask, ExtractionResult, ExtractOptions } from './types.ts';
import type { ExtractionWarning } from './warnings.ts';

const CLOSING_LINE = /^(Nơi nhận|NƠI NHẬN)\s*:?/u;
const ADDRESS_START = /^(Kính gửi|Đồng kính gửi)\s*:?/u;
/** "THỦ TƯỚNG CHÍNH PHỦ điện:", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:" — a telegram's addressees follow. */
const TELEGRAM_START = /^[\p{Lu}\s.,*]{4,120}\sđiện\s*:?\s*\**$/u;
const LIST_ITEM = /^[-–•+*]\s*/u;

interface AddressBlock {
  /** Indices (into the slice) of the lines that are addressees, not text. */
  skip: Set<number>;
  names: string[];
  unknown: string[];
}

/** Addressees: the lines after "Kính gửi:" or "… điện:" that name bodies, one per dash or line. */
function addressBlocks(slice: SourceLine[], ix: ReturnType<typeof indexFor>): AddressBlock {
  const skip = new Set<number>();
  const names: string[] = [];
  const unknown: string[] = [];
  const take = (written: string): void => {
    const item = written
      .replace(LIST_ITEM, '')
      .replace(/\((để|đề)\s[^()]*\)/gu, '')
      .replace(/[;,.]+\s*$/u, '')
      .trim();
    if (!item || /^(như trên|lưu)\b/iu.test(item)) return;
    const parsed = parseBodyList(item, ix, true);
    for (const n of parsed.names) if (!names.includes(n)) names.push(n);
    for (const n of parsed.unknown) if (!unknown.includes(n)) unknown.push(n);
  };
  for (let i = 0; i < slice.length; i++) {
    const t = slice[i]?.text.trim() ?? '';
    const kinh = ADDRESS_START.exec(t);
    const telegram = !kinh && t.length < 140 && TELEGRAM_START.test(t);
    if (!kinh && !telegram) continue;
    skip.add(i);
    const rest = kinh ? t.slice(kinh[0].length).trim() : '';
    // "Kính gửi: - Bộ Y tế; - Bộ Tài chính." on one line.
    if (rest) for (const part of rest.split(/\s+[-–]\s+|^[-–]\s*/u)) take(part);
    let ended = /\.\s*$/.test(rest);
    for (let j = i + 1; j < slice.length && !ended; j++) {
      const u = slice[j]?.text.trim() ?? '';
      if (!u) continue;
      const listed = LIST_ITEM.test(u);
      const short = u.length < 160 && !/:\s*$/.test(u) && !/^(\d{1,2}|[IVX]{1,4}|[a-zđ])[.)]\s/u.test(u);
      if (
        !listed &&
        !(
          short &&
          /^(các|bộ|sở|ủy ban|uỷ ban|ubnd|ban|văn phòng|đảng|chủ tịch|bộ trưởng|thủ trưởng|giám đốc|bí thư)\s/iu.test(u)
        )
      )
        break;
      skip.add(j);
      take(u);
      // The last addressee ends with a full stop: what follows is the text.
      if (/\.\s*$/.test(u)) ended = true;
    }
  }
  return { skip, names, unknown };
}

const MEETING_WITH =
  /làm việc (?:với|tại)\s+(?:(?:đồng chí\s+)?lãnh đạo\s+|tập thể lãnh đạo\s+)?(.{4,120}?)(?=\s+(?:về|để|nhằm|tại|ngày)\s|[,.;:(]|$)/iu;

function meetingBody(texts: string[], ix: ReturnType<typeof indexFor>): ParsedBodies | null {
  for (const text of texts) {
    const m = MEETING_WITH.exec(text);
    if (!m?.[1]) continue;
    const written = /^[\p{Lu}\s]+$/u.test(m[1]) ? ix.recase(m[1]) : m[1];
    const bodies = parseBodyList(written, ix);
    if (bodies.names.length === 1 && bodies.unknown.length === 0) return bodies;
  }
  return null;
}

export function extractDirectives(text: string, options: ExtractOptions = {}): ExtractionResult {
  const registry = options.registry ?? loadDefaultRegistry();
  const ix = indexFor(registry);
  const lines = toLines(String(text ?? ''));
  const regions = splitDocuments(lines, ix);
  const warnings: ExtractionWarning[] = [];
  const refYear = options.referenceDate ? Number(options.referenceDate.slice(0, 4)) : undefined;
  const documents: ExtractedDocument[] = regions.map((r) => {
    const year = r.date ? Number(r.date.slice(0, 4)) : refYear;
    const scope =
      r.level === 'province'
        ? /THÀNH PHỐ|THÀNH ỦY|THÀNH UỶ/u.test(
            lines
              .slice(r.headerFrom, r.headerTo)
              .map((l) => l.text)
              .join(' '),
          )
          ? 'Thành phố'
          : 'tỉnh'
        : undefined;
    const tasks: ExtractedTask[] = [];
    const implementsSet: string[] = [];
    let addressees: string[] = [];
    let implicitLead: ParsedBodies | null = null;
    const named: string[][] = [];
    r.parts.forEach((part, k) => {
      // The text ends at "Nơi nhận:" (the addressees and the signature follow).
      let end = part.to;
      for (let i = part.from; i < part.to; i++) {
        if (CLOSING_LINE.test(lines[i]?.text.trim() ?? '') && !lines[i]?.cells) {
          end = i;
          break;
        }
      }
      const whole = lines.slice(part.from, end);
      const address = addressBlocks(whole, ix);
      const slice = whole.filter((_, i) => !address.skip.has(i));
      if (k === 0) {
        addressees = address.names;
        if (addressees.length > 0) named.push(addressees);
        // A letter or notice to one body: the items that name no one are that body's.
        if (address.names.length === 1 && address.unknown.length === 0)
          implicitLead = { names: address.names, unknown: [] };
        // A conclusion notice of a meeting with one body ("… buổi làm việc với lãnh đạo Ủy ban nhân dân
        // tỉnh X"): that body is the one the unnamed items speak to.
        else if (address.names.length === 0 && r.type === 'Thông báo kết luận')
          implicitLead = meetingBody([r.title ?? '', ...slice.slice(0, 3).map((l) => l.text)], ix);
        // The opening "Thực hiện …/Triển khai …" paragraphs, before the first numbered part; and a title
        // "Ban hành Chương trình hành động thực hiện Nghị quyết số …".
        const title = /(thực hiện|triển khai)\s.*$/iu.exec(r.titleWritten ?? '')?.[0] ?? '';
        for (const text of [
          title,
          ...lines
            .slice(Math.max(0, r.headerFrom), end)
            .slice(0, 40)
            .map((l) => l.text),
        ]) {
          for (const n of implementedNumbers(text))
            if (!implementsSet.includes(n) && n !== r.number) implementsSet.push(n);
        }
      } else {
        // An attached programme or plan says under its title what it carries out ("(Thực hiện Nghị quyết số …)").
        for (const l of lines.slice(part.from, Math.min(end, part.from + 6)))
          for (const n of implementedNumbers(l.text.replace(/^[(*\s]+/, '')))
            if (!implementsSet.includes(n) && n !== r.number) implementsSet.push(n);
      }
      const ctx = { ix, year, scope, implicitLead, named };
      const prefix = k === 0 ? '' : part.kind;
      tasks.push(...tasksFromProse(slice, ctx, prefix), ...tasksFromTables(slice, ctx, prefix));
    });
    tasks.sort((a, b) => a.line - b.line);
    return {
      number: r.number,
      type: r.type,
      date: r.date,
      issuer: r.issuer,
      level: r.level,
      title: r.title,
      implements: implementsSet,
      startsAtLine: r.startsAtLine,
      tasks,
      issuerSuccessors: r.issuer ? ix.successorsOf(r.issuer) : [],
      addressees,
      attachments: r.parts.slice(1).map((p) => ({
        type: p.kind,
        title: p.title,
        startsAtLine: lines[p.from]?.no ?? r.startsAtLine,
      })),
      confidence: r.confidence,
    };
  });
  if (documents.every((d) => d.tasks.length === 0)) warnings.push('NO_TASKS');
  return { documents, warnings };
}
