// The deadline grammar: how Vietnamese directives write "by when", turned into the last on-time day.
// Rules (PRODUCT.md): "trong tháng 6/2025" → 2025-06-30; "trước ngày 20/6/2025" → the day before;
// "ngày/chậm nhất ngày/đến ngày/từ ngày X" → X; "quý IV/2025" → 2025-12-31; "năm 2025" → 2025-12-31;
// spans → end of span; "thường xuyên" → continuous; "hằng tháng/quý/năm" → recurring; "cùng thời điểm
// Luật … có hiệu lực" → event. Document numbers ("15/2020/NĐ-CP") and the dates that follow a
// document number ("Thông báo số 07-TB/CQTTBCĐ ngày 15/10/2025") are references, not deadlines.
// Every pattern is a flat regular expression (no nested quantifiers), so the scan is linear.

import { calendarDay, daysInMonth, isPlausibleYear } from '@giamsat/shared/dates';
import { toOldToneMarks } from '@giamsat/shared/text';
import { stripMarkup } from '../text/normalize.ts';
import type { Deadline, RecurrencePeriod } from '../types.ts';

export interface DeadlineContext {
  /** Year used when the text gives a day and month only (the document's year). */
  year?: number;
}

export type CandidateKind = 'date' | 'continuous' | 'recurring' | 'event';

export interface DeadlineCandidate {
  kind: CandidateKind;
  due: string | null;
  period: RecurrencePeriod | null;
  /** Offsets in the (markup-stripped) text. */
  start: number;
  end: number;
  /** 3 = an explicit completion phrase ("hoàn thành…", "chậm nhất…", "Nhiệm vụ thường xuyên"), 1 = weak. */
  strength: number;
}

export const NO_DEADLINE: Deadline = Object.freeze({ raw: '', kind: 'none', due: null, period: null }) as Deadline;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) - 86_400_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function endOfMonth(year: number, month: number): string | null {
  if (!isPlausibleYear(year) || month < 1 || month > 12) return null;
  return calendarDay(year, month, daysInMonth(year, month));
}

function endOfQuarter(year: number, q: number): string | null {
  if (q < 1 || q > 4) return null;
  return endOfMonth(year, q * 3);
}

function endOfYear(year: number): string | null {
  return isPlausibleYear(year) ? `${year}-12-31` : null;
}

/** Lower case and one tone placement, character for character, so offsets stay aligned with the input. */
function lowerAligned(s: string): string {
  // Lowering the whole string at once keeps every offset unless some character lowers to a
  // different length ("İ" → "i̇"): only then go character by character.
  const whole = s.toLowerCase();
  if (whole.length === s.length) return toOldToneMarks(whole);
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return toOldToneMarks(out);
}

const COMPLETION_CUE = /(hoàn thành|chậm nhất|hạn chót|thời hạn|xong)[^.;]{0,40}$/;
const MEDIUM_CUE = /(trước|trong|đến|từ|kể từ|vào|cuối|hết|ngay)\s*(ngày|tháng|quý|năm)?\s*$/;
/** A date that follows a document number ("…/CQTTBCĐ ngày 15/10/2025", "số 45-TB/TGV, ngày …") is a reference. */
const AFTER_DOC_NUMBER = /(\d[\p{L}\d.]*[-/][\p{L}\d./-]*|số \d+)\s*[,;]?\s*(ban hành\s*)?(ngày\s*)?$/u;
const NARRATIVE_BEFORE = /(ngày|hôm)\s*$/;
/** An hour written before the day: "17 giờ ngày", "16h00 ngày", "9 giờ 30 phút, ngày". */
const HOUR_BEFORE_DAY = /(?<!\d)\d{1,2}\s*(giờ|h)(\s*\d{1,2}(\s*phút)?)?\s*,?\s*(ngày\s*)?$/u;

function strengthBefore(before: string): number {
  if (COMPLETION_CUE.test(before)) return 3;
  if (MEDIUM_CUE.test(before)) return 2;
  return 1;
}

interface ScanOptions {
  /** A table cell: a bare year, month or date is a deadline by position. */
  cell: boolean;
  year?: number;
}

/** Every deadline expression in the text, in order. Never throws. */
export function findDeadlineCandidates(input: string, ctx: DeadlineContext = {}, cell = false): DeadlineCandidate[] {
  const out: DeadlineCandidate[] = [];
  // Every deadline form has a digit or one of these words; most sentences have neither.
  if (!/\d/.test(input) && !/(thường xuyên|liên tục|hằng|hàng|cùng|kỳ họp|định kỳ)/iu.test(input)) return out;
  try {
    scan(lowerAligned(input), { cell, year: ctx.year }, out);
  } catch (e) {
    if (process.env.GIAMSAT_DEBUG) console.error(e);
    return [];
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * One scan of a lower-cased text. A class rather than closures: scan() runs once per task text, so
 * its helpers are made once.
 */
class Scanner {
  /** Characters already claimed by an expression: a later, weaker pattern may not reuse them. */
  private readonly taken: Uint8Array;
  constructor(
    private readonly t: string,
    private readonly opt: ScanOptions,
    private readonly out: DeadlineCandidate[],
  ) {
    this.taken = new Uint8Array(t.length + 1);
  }

  before(i: number): string {
    return this.t.slice(Math.max(0, i - 60), i);
  }

  push(c: DeadlineCandidate): void {
    for (let k = c.start; k < c.end; k++) if (this.taken[k]) return;
    this.taken.fill(1, c.start, c.end);
    this.out.push(c);
  }

  /** A due day over a whole match. */
  pushDate(due: string, m: RegExpExecArray, strength: number): void {
    this.push({ kind: 'date', due, period: null, start: m.index, end: m.index + m[0].length, strength });
  }

  /** A deadline with no due day (continuous, recurring, event) over a whole match. */
  pushOpen(kind: CandidateKind, period: RecurrencePeriod | null, m: RegExpExecArray, strength: number): void {
    this.push({ kind, due: null, period, start: m.index, end: m.index + m[0].length, strength });
  }

  pushDay(iso: string, start: number, end: number): void {
    const b = this.before(start);
    // "trước 17 giờ ngày X": the hour is on the day; the cue is before the hour.
    const hour = HOUR_BEFORE_DAY.exec(b);
    const bNoNgay = (hour ? b.slice(0, hour.index) : b).replace(/ngày\s*$/, '');
    if (AFTER_DOC_NUMBER.test(b)) {
      // The date of a cited document ("Chỉ thị số 12/CT-TTg ngày 03 tháng 4 năm 2025"): its words are
      // claimed, so the month and year inside it are not read as a deadline either.
      this.taken.fill(1, start, end);
      return;
    }
    let strength = this.opt.cell ? 3 : strengthBefore(bNoNgay);
    if (!this.opt.cell && strength === 1) {
      // A bare "ngày 16/10/2025, …" in prose narrates when something happened.
      if (NARRATIVE_BEFORE.test(b) || b.trim() === '') return;
      strength = 1;
    }
    const isBefore = /trước\s*(ngày\s*)?$/.test(b);
    this.push({ kind: 'date', due: isBefore ? dayBefore(iso) : iso, period: null, start, end, strength });
  }
}

function scan(t: string, opt: ScanOptions, out: DeadlineCandidate[]): void {
  const sc = new Scanner(t, opt, out);
  // Each pattern needs a digit or a word of its own: skip the patterns whose word is absent.
  const digits = /\d/.test(t);

  // Full dates: 20/6/2025, 20-6-2025, 20.6.2025, "ngày 17 tháng 10 năm 2025".
  const full = /(?<![\d./-])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?![\d/])/g;
  const longForm = /ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/g;
  for (const re of [longForm, full]) {
    for (const m of matchesIf(digits, t, re)) {
      const start = m.index;
      const end = start + m[0].length;
      const iso = calendarDay(Number(m[3]), Number(m[2]), Number(m[1]));
      if (!iso) continue;
      sc.pushDay(iso, start, end);
    }
  }
  // Day and month without a year ("trước ngày 20/6") take the document's year.
  if (opt.year !== undefined) {
    for (const m of matchesIf(digits && t.includes('ngày'), t, /ngày (\d{1,2})\s?\/\s?(\d{1,2})(?![\d/-])(?!\.\d)/g)) {
      const start = m.index + 5;
      const iso = calendarDay(opt.year, Number(m[2]), Number(m[1]));
      if (iso) sc.pushDay(iso, start, m.index + m[0].length);
    }
  }

  // Months: "tháng 6/2025", "tháng 6 năm 2025", a bare cell "6/2025".
  for (const m of matchesIf(digits && t.includes('tháng'), t, /tháng\s?(\d{1,2})\s?(?:\/|-|năm)\s?(\d{4})(?![\d/])/g)) {
    const start = m.index;
    const b = sc.before(start);
    if (/từ\s*$/.test(b)) continue;
    const iso = endOfMonth(Number(m[2]), Number(m[1]));
    if (!iso) continue;
    const isBefore = /trước\s*$/.test(b);
    const due = isBefore ? dayBefore(`${m[2]}-${pad(Number(m[1]))}-01`) : iso;
    sc.pushDate(due, m, opt.cell ? 3 : Math.max(2, strengthBefore(b)));
  }
  if (opt.cell) {
    for (const m of matchesIf(digits, t, /(?<![\d./-])(\d{1,2})\s?\/\s?(\d{4})(?![\d/])/g)) {
      const iso = endOfMonth(Number(m[2]), Number(m[1]));
      if (iso) sc.pushDate(iso, m, 3);
    }
  }

  // Quarters: "quý IV/2025", "Quý I năm 2026".
  for (const m of matchesIf(
    digits && t.includes('quý'),
    t,
    /quý\s?(iv|iii|ii|i|[1-4])\s?(?:\/|-|năm)\s?(\d{4})(?![\d/])/g,
  )) {
    const q = ROMAN[m[1] ?? ''] ?? 0;
    const iso = endOfQuarter(Number(m[2]), q);
    if (!iso) continue;
    sc.pushDate(iso, m, opt.cell ? 3 : Math.max(2, strengthBefore(sc.before(m.index))));
  }

  // Spans: "2025-2026", "giai đoạn 2025 - 2030" → the end of the span.
  for (const m of matchesIf(digits, t, /(?<![\d/])(\d{4})\s?[-–]\s?(\d{4})(?![\d/])/g)) {
    const a = Number(m[1]);
    const z = Number(m[2]);
    if (!isPlausibleYear(a) || !isPlausibleYear(z) || z < a) continue;
    const b = sc.before(m.index);
    const cued = /(giai đoạn|hoàn thành|trong)\s*(năm\s*)?$/.test(b);
    if (!opt.cell && !cued) continue;
    // "Rà soát Đề án … giai đoạn 2021-2030" (in a text of 2025): a programme already running, named by its
    // period — the period is part of the name, not when the work is due.
    if (
      !opt.cell &&
      opt.year !== undefined &&
      a < opt.year &&
      /(đề án|chương trình|chiến lược|quy hoạch|kế hoạch|dự án|nghị quyết)[^.;:,]{0,100}(giai đoạn|thời kỳ)\s*$/.test(b)
    )
      continue;
    const iso = endOfYear(z);
    if (iso) sc.pushDate(iso, m, opt.cell ? 3 : 2);
  }

  // "2025 và những năm tiếp theo": from that year on, with no end.
  for (const m of matchesIf(
    digits && t.includes('tiếp theo'),
    t,
    /(năm\s?)?\d{4}\s(và|cùng)\s(những|các)\snăm\stiếp theo/g,
  )) {
    sc.pushOpen('continuous', null, m, opt.cell ? 3 : 2);
  }

  // Years: "trong năm 2025", "hoàn thành năm 2025"; a bare cell "2025" / "Năm 2025".
  for (const m of matchesIf(digits, t, /(?<![\d/.-])(năm\s?)?(\d{4})(?![\d/-])(?!\.\d)/g)) {
    const y = Number(m[2]);
    if (!isPlausibleYear(y)) continue;
    const start = m.index;
    const b = sc.before(start);
    let strength = 0;
    if (opt.cell) strength = 3;
    else if (m[1] && /(trong|hoàn thành|đến hết|hết)\s*$/.test(b)) strength = COMPLETION_CUE.test(b) ? 3 : 2;
    // "Phấn đấu đến năm 2028, …": the year a target is to be met.
    else if (m[1] && /phấn đấu\s*(đến|tới|trong)?\s*$/.test(b)) strength = 2;
    if (!strength) continue;
    const iso = endOfYear(y);
    if (iso) sc.push({ kind: 'date', due: iso, period: null, start, end: start + m[0].length, strength });
  }

  // Continuous: "thường xuyên", "Nhiệm vụ thường xuyên" — but "chi thường xuyên" is recurrent spending.
  for (const m of matchesIf(t.includes('thường xuyên'), t, /thường xuyên/g)) {
    const b = sc.before(m.index);
    if (/(chi|chi phí|kinh phí|vốn|nguồn)\s*$/.test(b)) continue;
    const explicit = /nhiệm vụ\s*$/.test(b) || opt.cell || /(^|[.;:(*]\s*)(thực hiện\s*)?$/.test(b);
    // "tuyên truyền thường xuyên, sâu rộng", a movement that is "…" thường xuyên, liên tục: one quality
    // among others of a thing, not when the work is done.
    if (
      !explicit &&
      (/["”]\s*$/.test(b) ||
        /^\s*,\s*(sâu rộng|liên tục|phổ cập|lâu dài|bền vững|rộng khắp|sâu sắc|đa dạng)/.test(
          t.slice(m.index + m[0].length, m.index + m[0].length + 20),
        ))
    )
      continue;
    sc.pushOpen('continuous', null, m, explicit ? 3 : 2);
  }

  // "(thực hiện) liên tục" as the time of a clause or a cell: continuous. Inside a clause it is a manner
  // ("theo dõi liên tục diễn biến"), and after "thường xuyên," the same time said twice.
  for (const m of matchesIf(t.includes('liên tục'), t, /liên tục(?=\s*([.;)]|$))/g)) {
    const b = sc.before(m.index);
    if (/thường xuyên\s*(,|và)?\s*$/.test(b)) continue;
    if (!(opt.cell || /(^|[.;:,(*]\s*)((thực hiện|triển khai|nhiệm vụ)\s*)?$/.test(b))) continue;
    sc.pushOpen('continuous', null, m, 3);
  }

  // Recurring: "hằng tháng", "hàng tuần", "định kỳ hằng quý", "6 tháng/lần"… at the head of a clause,
  // after "định kỳ" or "và" — "khen thưởng hằng năm" describes an annual award, not an obligation.
  for (const m of matchesIf(t.includes('hằng') || t.includes('hàng'), t, /(hằng|hàng)\s(tuần|tháng|quý|năm)/g)) {
    const b = sc.before(m.index);
    // "… trước ngày 20 hằng tháng": a monthly due day.
    // "… báo cáo kết quả hằng quý": the report is the recurring obligation.
    const atHead =
      /(^|[.;:,(*]|định kỳ|và|\d{4}|ngày \d{1,2})\s*$/.test(b) ||
      /(báo cáo|tổng hợp|cập nhật|thực hiện)(\s+(kết quả|tình hình|số liệu|tiến độ))?(\s+(về|cho|lên|gửi)\s+[^.;:,]{2,50})?\s*$/u.test(
        b,
      );
    if (!atHead) continue;
    const period = periodOf(m[2] ?? '');
    sc.pushOpen('recurring', period, m, 2);
  }
  for (const m of matchesIf(t.includes('định kỳ'), t, /định kỳ\s?(6|sáu)\s?tháng/g)) {
    sc.pushOpen('recurring', 'half-yearly', m, 2);
  }

  // "Định kỳ, X chủ trì …", "Định kỳ đánh giá …": a recurring duty whose period the text does not give.
  for (const m of matchesIf(
    t.includes('định kỳ'),
    t,
    /(^|[.:]\s*|\(\d{1,2}\)\s*)định kỳ(?!\s?(hằng|hàng|6|sáu|\d))/g,
  )) {
    const start = m.index + (m[1] ?? '').length;
    sc.push({ kind: 'recurring', due: null, period: null, start, end: start + 7, strength: 2 });
  }

  // Events: "cùng thời điểm Luật … có hiệu lực", "có hiệu lực cùng thời điểm", "tại Kỳ họp thứ 10".
  for (const m of matchesIf(t.includes('cùng'), t, /cùng (thời điểm|thời gian|lúc)/g)) {
    const b = sc.before(m.index);
    sc.pushOpen('event', null, m, COMPLETION_CUE.test(b) ? 3 : 2);
  }
  for (const m of matchesIf(
    t.includes('kỳ họp'),
    t,
    /kỳ họp thứ\s?(\d{1,2}|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)/g,
  )) {
    const b = sc.before(m.index);
    if (!/(trình|thông qua|tại|vào|chương trình|trước|hoàn thành)[^.;]{0,40}$/.test(b)) continue;
    sc.pushOpen('event', null, m, 1);
  }
}

const NO_MATCHES: RegExpExecArray[] = [];

/** The matches of `re` in `t`, or none without a scan when the text lacks what every match contains. */
function matchesIf(possible: boolean, t: string, re: RegExp): Iterable<RegExpExecArray> {
  return possible ? t.matchAll(re) : NO_MATCHES;
}

function periodOf(word: string): RecurrencePeriod {
  switch (word) {
    case 'tuần':
      return 'weekly';
    case 'quý':
      return 'quarterly';
    case 'năm':
      return 'yearly';
    default:
      return 'monthly';
  }
}

const KIND_RANK: Record<CandidateKind, number> = { date: 4, continuous: 3, recurring: 2, event: 1 };

/** The deadline words: the clause holding the chosen expression. */
function rawClause(text: string, c: DeadlineCandidate): string {
  const s = c.start > 0 ? Math.max(text.lastIndexOf('.', c.start - 1), text.lastIndexOf(';', c.start - 1)) + 1 : 0;
  const e = Math.min(indexOrEnd(text, '.', c.end), indexOrEnd(text, ';', c.end));
  return text.slice(s, e).replace(/\s+/g, ' ').trim();
}

function indexOrEnd(text: string, ch: string, from: number): number {
  const at = text.indexOf(ch, from);
  return at < 0 ? text.length : at;
}

/** Picks one deadline among the candidates: the strongest, then the latest written. */
export function chooseDeadline(text: string, cands: DeadlineCandidate[]): Deadline {
  if (cands.length === 0) return { ...NO_DEADLINE };
  let best: DeadlineCandidate | undefined;
  for (const c of cands) {
    if (
      !best ||
      c.strength > best.strength ||
      (c.strength === best.strength && KIND_RANK[c.kind] > KIND_RANK[best.kind]) ||
      (c.strength === best.strength && KIND_RANK[c.kind] === KIND_RANK[best.kind])
    ) {
      best = c;
    }
  }
  if (!best) return { ...NO_DEADLINE };
  const recurring = cands.find((c) => c.kind === 'recurring');
  const period = best.kind === 'recurring' ? best.period : (recurring?.period ?? null);
  return { raw: rawClause(text, best), kind: best.kind, due: best.due, period };
}

/** The deadline of a piece of prose (a task's text). */
export function parseDeadline(text: string, ctx: DeadlineContext = {}): Deadline {
  try {
    const clean = stripMarkup(String(text ?? ''));
    return chooseDeadline(clean, findDeadlineCandidates(clean, ctx, false));
  } catch {
    return { ...NO_DEADLINE };
  }
}

/** The deadline of a "Hạn hoàn thành" table cell: "2025", "6/2025", "Quý I/2026", "Thường xuyên"… */
export function parseDeadlineCell(cell: string, ctx: DeadlineContext = {}): Deadline {
  // A table repeats a few short cells ("Thường xuyên", "Quý IV/2025") row after row: read each once.
  if (typeof cell !== 'string' || cell.length > MEMO_CELL_CHARS) return readDeadlineCell(cell, ctx);
  const key = `${ctx.year ?? ''}|${cell}`;
  let d = cellMemo.get(key);
  if (!d) {
    d = readDeadlineCell(cell, ctx);
    if (cellMemo.size >= 10_000) cellMemo.clear();
    cellMemo.set(key, d);
  }
  return { ...d };
}

const MEMO_CELL_CHARS = 200;
const cellMemo = new Map<string, Deadline>();

function readDeadlineCell(cell: string, ctx: DeadlineContext): Deadline {
  try {
    const clean = stripMarkup(String(cell ?? ''));
    if (!clean) return { ...NO_DEADLINE };
    const d = chooseDeadline(clean, findDeadlineCandidates(clean, ctx, true));
    return d.kind === 'none' ? d : { ...d, raw: clean };
  } catch {
    return { ...NO_DEADLINE };
  }
}
