// Tasks out of tables, read by their shape: a header row (or, without one, the cells themselves)
// says which column holds the numbering, the task, the lead and coordinating bodies, the deadline, the
// deliverable, a note or progress. Group rows ("I. Công tác chỉ đạo", a bold row across the table)
// head the rows below them, and name their lead when they name a body ("II. Sở Tư pháp"). A row cut
// by a page break (the header repeats, the rest of the row follows without a number) is joined again.
import { findSubject, type ParsedBodies } from '../bodies/parse-bodies.ts';
import type { BodyIndex } from '../bodies/registry.ts';
import {
  chooseDeadline,
  findDeadlineCandidates,
  parseDeadline,
  parseDeadlineCell,
} from '../deadlines/parse-deadline.ts';
import { leadCell } from '../fields/field-bodies.ts';
import { type TaskContext, TaskSink } from '../tasks/task-sink.ts';
import type { SourceLine } from '../text/lines.ts';
import { fold, isUpperLine, startsLower, stripMarkup } from '../text/normalize.ts';
import type { ExtractedTask } from '../types.ts';
import { type ColumnRole, headerRoles, inferColumns, isColumnNumberRow, type TableColumns } from './columns.ts';

interface Row {
  line: number;
  label: string;
  cells: string[];
  group: Group | null;
}

interface Group {
  label: string;
  lead: ParsedBodies | null;
}

const GROUP_LABEL = /^([IVXLC]{1,6}|[A-HK-Z])\.?$/u;
const ROW_LABEL = /^(\d{1,3}(\.\d{1,3}){0,3}\.?|[a-zđ][.)]?|\(\d{1,3}\)|[-+•])$/u;
const TABLE_END = /^(nơi nhận|phụ lục|\(?\s*(ban hành\s+)?kèm theo)/iu;
const FOOTNOTE = /^([¹²³⁴⁵⁶⁷⁸⁹⁰]|\[\d{1,3}\])/u;

/** The body a group row names ("II. Sở Tư pháp", "B. ỦY BAN NHÂN DÂN CẤP XÃ"), or null. */
function groupLead(text: string, ix: BodyIndex): ParsedBodies | null {
  const t = text.replace(/^([IVXLC]{1,6}|[A-Z]|\d{1,2})([.)]\s*|\s+)(?=\S)/u, '').trim();
  if (!t || t.length > 160) return null;
  const subject = findSubject(isUpperLine(t) ? ix.recase(t) : t, ix);
  // A group row is short: a body's name, not a sentence that happens to open with one.
  if (subject?.headingOnly && subject.bodies.names.length > 0 && t.split(/\s+/).length <= 14) return subject.bodies;
  return null;
}

/** A cell of a row (toLines gives cells without markup). */
function cellOf(row: string[], k: number): string {
  return k >= 0 ? (row[k] ?? '').trim() : '';
}

function percentOf(cell: string): number | null {
  const f = fold(cell);
  // A status in words: done is 100, not started 0; "đang thực hiện" says no figure.
  if (/^(đã )?hoàn thành/u.test(f)) return 100;
  if (/^chưa (thực hiện|triển khai|bắt đầu)/u.test(f)) return 0;
  const m = /^(\d{1,3}(?:[.,]\d+)?)\s*%?$/.exec(cell.trim());
  if (!m?.[1]) return null;
  const n = Number(m[1].replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 100) return null;
  // A fraction written 0..1 in a sheet ("0.5" formatted as 50%) reaches us already as a percentage.
  return n;
}

/** Reads the rows of one table (columns known) into tasks. */
function readRows(
  sink: TaskSink,
  ctx: TaskContext,
  cols: TableColumns,
  lines: Array<{ line: SourceLine; afterHeader: boolean }>,
  refPrefix: string,
): void {
  const rows: Row[] = [];
  let last: Row | null = null;
  let group: Group | null = null;
  const ix = ctx.ix;
  // Each row's cells without markup, once (toLines already stripped them; a joined row is re-read below).
  const plainRows = lines.map(({ line }) => line.cells ?? []);
  lines.forEach(({ line: l, afterHeader }, i) => {
    const cells = plainRows[i] ?? [];
    const at = (k: number) => (k >= 0 ? (cells[k] ?? '') : '');
    const label = at(cols.number);
    const content = at(cols.content);
    const filled = cells.filter(Boolean);
    const lead = at(cols.lead);
    const deadline = at(cols.deadline);
    const coord = at(cols.coordinating);
    // A group row: a Roman or capital-letter number, or one cell across the table that is no continuation.
    const single = filled.length === 1 && !lead && !deadline && !coord;
    const nextLabel = cols.number >= 0 ? (plainRows[i + 1]?.[cols.number] ?? '') : '';
    const parentOfNext =
      label !== '' && nextLabel.startsWith(`${label.replace(/\.$/, '')}.`) && !lead && !deadline && !coord;
    if (GROUP_LABEL.test(label) || (single && !startsLower(filled[0] ?? '') && !afterHeader) || parentOfNext) {
      const text = cells.filter((c, k) => c && (k !== cols.number || !GROUP_LABEL.test(label))).join(' ');
      group = { label: label.replace(/\.$/, ''), lead: groupLead(text, ix) };
      last = null;
      return;
    }
    if (cols.number >= 0) {
      if (label && ROW_LABEL.test(label)) {
        last = { line: l.no, label: label.replace(/[.)]$/, ''), cells: [...cells], group };
        rows.push(last);
        return;
      }
      if (!label && last) {
        mergeInto(last, cells);
        return;
      }
      if (!content || (!lead && !deadline)) return;
      last = { line: l.no, label: '', cells: [...cells], group };
      rows.push(last);
      return;
    }
    // Without a numbering column a row continues the one above when its text does (lower case or none).
    if (last && (startsLower(content) || !content)) {
      mergeInto(last, cells);
      return;
    }
    if (!content) return;
    last = { line: l.no, label: String(rows.length + 1), cells: [...cells], group };
    rows.push(last);
  });

  const source = cols.evidence === 'header' ? 'table-header' : 'table-inferred';
  for (const r of rows) {
    const content = cellOf(r.cells, cols.content);
    if (!content) continue;
    let lead = cols.lead >= 0 ? leadCell(r.cells[cols.lead] ?? '', ix) : { names: [], unknown: [] };
    let leadSource: 'table-header' | 'table-inferred' | 'inherited' | 'implicit' = source;
    if (lead.names.length === 0 && r.group?.lead) {
      lead = r.group.lead;
      leadSource = 'inherited';
    } else if (lead.names.length === 0 && ctx.implicitLead) {
      lead = ctx.implicitLead;
      leadSource = 'implicit';
    }
    const coordCell = cols.coordinating >= 0 ? (r.cells[cols.coordinating] ?? '') : '';
    const coord = coordCell.trim() ? leadCell(coordCell, ix) : null;
    const cell = cellOf(r.cells, cols.deadline);
    let deadline = parseDeadlineCell(cell, { year: ctx.year });
    const fromCell = deadline.kind !== 'none';
    if (!fromCell) deadline = parseDeadline(content, { year: ctx.year });
    else {
      // A recurring report named in the task keeps its period next to the column's date.
      const inText = chooseDeadline(content, findDeadlineCandidates(content, { year: ctx.year }));
      if (inText.kind === 'recurring' && !deadline.period) deadline = { ...deadline, period: inText.period };
    }
    const label = [r.group?.label, r.label].filter(Boolean).join('.');
    sink.push({
      text: content,
      line: r.line,
      ref: `${refPrefix ? `${refPrefix} ` : ''}row ${r.label || label || '?'}`,
      lead,
      coord,
      deadline,
      leadSource,
      deadlineFromCell: fromCell,
      deliverable: cellOf(r.cells, cols.deliverable) || null,
      note: cellOf(r.cells, cols.note) || null,
      startingProgress: cols.progress >= 0 ? percentOf(cellOf(r.cells, cols.progress)) : null,
    });
  }
}

function mergeInto(row: Row, cells: string[]): void {
  cells.forEach((c, k) => {
    if (!c.trim()) return;
    const prev = row.cells[k] ?? '';
    row.cells[k] = prev ? `${prev} ${c}` : c;
  });
}

/**
 * "Chỉ tiêu | Đơn vị (tính) | Kết quả | Cơ quan theo dõi": a table of targets, each measured in a unit,
 * not of work to do — its body column names who follows the figure, not who acts.
 */
export function isIndicatorTable(headerCells: string[]): boolean {
  const f = headerCells.map((c) =>
    fold(stripMarkup(c))
      .replace(/[()*:.]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const indicator = f.some((c) => /^(tên\s+)?(các\s+)?chỉ tiêu( cụ thể)?$/u.test(c));
  const unit = f.some((c) => /^(đơn vị tính|đơn vị đo|đvt|đơn vị)$/u.test(c));
  const work = f.some((c) => /nhiệm vụ|công việc|nội dung|giải pháp|hoạt động/u.test(c));
  return indicator && unit && !work;
}

/** Tasks of every table in the lines. */
export function tasksFromTables(lines: SourceLine[], ctx: TaskContext, refPrefix = ''): ExtractedTask[] {
  const sink = new TaskSink(ctx);
  const cellLines = lines.filter((l) => l.cells);
  if (cellLines.length === 0) return sink.tasks;

  let header: Array<ColumnRole | 'deadline?' | null> | null = null;
  let headerKey = '';
  let cols: TableColumns | null = null;
  let body: Array<{ line: SourceLine; afterHeader: boolean }> = [];
  let loose: SourceLine[] = [];
  let previousWasHeader = false;
  let afterHeader = false;
  /** Under a header of targets (isIndicatorTable): its rows are no tasks, with a header or without. */
  let targets = false;

  const flushTable = (): void => {
    if (cols && body.length) readRows(sink, ctx, cols, body, refPrefix);
    body = [];
  };
  const flushLoose = (): void => {
    // A table without a header: three or more columns and a few rows, read by what the cells hold.
    const rows = loose.filter((l) => (l.cells?.filter((c) => c.trim()).length ?? 0) >= 2);
    if (rows.length >= 2 && Math.max(...rows.map((l) => l.cells?.length ?? 0)) >= 3) {
      const inferred = inferColumns(
        null,
        rows.map((l) => l.cells ?? []),
        ctx.ix,
        ctx.year,
      );
      if (inferred)
        readRows(
          sink,
          ctx,
          inferred,
          rows.map((line) => ({ line, afterHeader: false })),
          refPrefix,
        );
    }
    loose = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as SourceLine;
    if (!l.cells) {
      const t = l.text.trim();
      if (!t || FOOTNOTE.test(t)) continue;
      flushLoose();
      previousWasHeader = false;
      if (TABLE_END.test(t) || (isUpperLine(t) && t.length > 12)) {
        flushTable();
        cols = null;
        header = null;
        headerKey = '';
        targets = false;
      }
      continue;
    }
    const roles = headerRoles(l.cells);
    if (roles) {
      flushLoose();
      const key = l.cells.map((c) => fold(stripMarkup(c))).join('\t');
      if (previousWasHeader && header) {
        // A two-row header: "Đơn vị thực hiện" over "Chủ trì | Phối hợp", "Thời gian" over "Bắt đầu | Kết thúc".
        const merged: Array<ColumnRole | 'deadline?' | null> = header.map((r, k) => roles[k] ?? r);
        for (let k = header.length; k < roles.length; k++) merged.push(roles[k] ?? null);
        header = merged;
        headerKey += `\n${key}`;
      } else if (key === headerKey.split('\n')[0] && cols) {
        // The header repeated on a new page: the same table goes on.
        afterHeader = true;
        previousWasHeader = true;
        continue;
      } else {
        flushTable();
        header = roles;
        headerKey = key;
      }
      previousWasHeader = true;
      // The columns are settled on the rows that follow, up to the next header.
      const following: string[][] = [];
      for (let j = i + 1; j < lines.length && following.length < 40; j++) {
        const c = lines[j]?.cells;
        if (!c) continue;
        if (headerRoles(c)) break;
        following.push(c);
      }
      targets = isIndicatorTable(l.cells);
      cols = targets ? null : inferColumns(header, following, ctx.ix, ctx.year);
      afterHeader = true;
      continue;
    }
    previousWasHeader = false;
    if (isColumnNumberRow(l.cells)) continue;
    if (cols) {
      body.push({ line: l, afterHeader });
      afterHeader = false;
    } else if (!targets) loose.push(l);
  }
  flushLoose();
  flushTable();
  return sink.tasks;
}
