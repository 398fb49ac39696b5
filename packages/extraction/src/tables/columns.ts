// What each column of a task table holds, read from its header's words and, where the header says
// nothing (or there is no header), from what its cells parse as. Offices word their headers freely
// ("Nội dung nhiệm vụ", "Tên nhiệm vụ", "Công việc"; "Cơ quan chủ trì", "Đơn vị thực hiện"; "Thời hạn",
// "Thời gian hoàn thành", "Tiến độ") and order the columns as they like.
import { parseBodyList } from '../bodies/parse-bodies.ts';
import type { BodyIndex } from '../bodies/registry.ts';
import { parseDeadlineCell } from '../deadlines/parse-deadline.ts';
import { type ColumnRole, headerRole } from '../fields/labels.ts';
import { stripMarkup } from '../text/normalize.ts';

export type { ColumnRole } from '../fields/labels.ts';

/** Where a role was found: in the header's words, or by what the cells parse as. */
export type ColumnEvidence = 'header' | 'cells';

export interface TableColumns {
  number: number;
  content: number;
  lead: number;
  coordinating: number;
  deadline: number;
  deliverable: number;
  note: number;
  progress: number;
  /** How `lead` and `content` were found (confidence of what the rows yield). */
  evidence: ColumnEvidence;
}

/** The roles a header row names, or null when the row is not a header. */
export function headerRoles(cells: string[]): Array<ColumnRole | 'deadline?' | null> | null {
  const roles = cells.map(headerRole);
  const named = roles.filter((r) => r !== null);
  const strong = roles.filter((r) => r === 'content' || r === 'lead' || r === 'deadline' || r === 'deadline?');
  const nonEmpty = cells.filter((c) => c.trim()).length;
  // A header names at least two columns and no cell reads like a data cell (a long sentence).
  if (named.length < 2 || strong.length < 1) return null;
  if (cells.some((c) => c.length > 90 && stripMarkup(c).length > 90)) return null;
  if (named.length * 2 < nonEmpty) return null;
  return roles;
}

/** A row that only numbers the columns ("(1) | (2) | (3)", "1 | 2 | 3") under a header. */
export function isColumnNumberRow(cells: string[]): boolean {
  const filled = cells.map((c) => stripMarkup(c)).filter(Boolean);
  return filled.length >= 3 && filled.every((c) => /^\(?\d{1,2}\)?$|^\(?[A-G]\)?$/u.test(c));
}

const LABEL = /^(\d{1,3}(\.\d{1,3}){0,3}\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]|\(\d{1,3}\)|[-+•])$/u;

interface ColumnStats {
  filled: number;
  dates: number;
  bodies: number;
  labels: number;
  percents: number;
  avgLength: number;
}

function statsOf(rows: string[][], k: number, ix: BodyIndex, year: number | undefined): ColumnStats {
  let filled = 0;
  let dates = 0;
  let bodies = 0;
  let labels = 0;
  let percents = 0;
  let length = 0;
  for (const row of rows.slice(0, 40)) {
    const cell = stripMarkup(row[k] ?? '');
    if (!cell) continue;
    filled++;
    length += cell.length;
    if (LABEL.test(cell)) labels++;
    if (/^\d{1,3}([.,]\d+)?\s*%$/.test(cell) || /^(0|[1-9]\d?|100)$/.test(cell)) percents++;
    if (cell.length <= 60 && parseDeadlineCell(cell, { year }).kind !== 'none') dates++;
    if (cell.length <= 300) {
      const parsed = parseBodyList(cell, ix, true);
      if (parsed.names.length > parsed.unknown.length) bodies++;
    }
  }
  return { filled, dates, bodies, labels, percents, avgLength: filled ? length / filled : 0 };
}

/**
 * The columns of a table: what the header names, completed from the cells. Returns null when the
 * table has no column of task text or no column saying who or by when.
 */
export function inferColumns(
  header: Array<ColumnRole | 'deadline?' | null> | null,
  rows: string[][],
  ix: BodyIndex,
  year: number | undefined,
): TableColumns | null {
  const width = Math.max(header?.length ?? 0, ...rows.map((r) => r.length));
  if (width < 2) return null;
  const stats: ColumnStats[] = [];
  const statOf = (k: number): ColumnStats => {
    let s = stats[k];
    if (!s) {
      s = statsOf(rows, k, ix, year);
      stats[k] = s;
    }
    return s;
  };
  const cols: TableColumns = {
    number: -1,
    content: -1,
    lead: -1,
    coordinating: -1,
    deadline: -1,
    deliverable: -1,
    note: -1,
    progress: -1,
    evidence: 'header',
  };
  const taken = new Set<number>();
  const set = (role: Exclude<keyof TableColumns, 'evidence'>, k: number): void => {
    if (cols[role] >= 0 || taken.has(k)) return;
    cols[role] = k;
    taken.add(k);
  };
  header?.forEach((role, k) => {
    if (!role || role === 'deadline?') return;
    if (role === 'start' || role === 'other') taken.add(k);
    else set(role, k);
  });
  // "Tiến độ": the deadline when the cells are dates and no other column is, else the progress.
  header?.forEach((role, k) => {
    if (role !== 'deadline?') return;
    const s = statOf(k);
    if (cols.deadline < 0 && s.dates > s.percents) set('deadline', k);
    else set('progress', k);
  });
  // Fill what the header did not say from the cells.
  const free = () => Array.from({ length: width }, (_, k) => k).filter((k) => !taken.has(k) && statOf(k).filled > 0);
  const byCells = { content: false, lead: false };
  if (cols.number < 0) {
    const k = free().find((c) => statOf(c).labels >= statOf(c).filled * 0.6 && statOf(c).avgLength <= 6);
    if (k !== undefined) set('number', k);
  }
  if (cols.deadline < 0) {
    const k = free().find((c) => statOf(c).dates >= statOf(c).filled * 0.6 && statOf(c).avgLength <= 60);
    if (k !== undefined) set('deadline', k);
  }
  if (cols.lead < 0) {
    const k = free().find((c) => statOf(c).bodies >= statOf(c).filled * 0.5 && statOf(c).avgLength <= 200);
    if (k !== undefined) {
      set('lead', k);
      byCells.lead = true;
    }
  }
  if (cols.coordinating < 0 && cols.lead >= 0) {
    const k = free().find((c) => c > cols.lead && statOf(c).bodies >= statOf(c).filled * 0.5);
    if (k !== undefined) set('coordinating', k);
  }
  if (cols.content < 0) {
    let best = -1;
    for (const k of free()) if (best < 0 || statOf(k).avgLength > statOf(best).avgLength) best = k;
    if (best >= 0 && statOf(best).avgLength >= 15) {
      set('content', best);
      byCells.content = true;
    }
  }
  if (cols.content < 0 || (cols.lead < 0 && cols.deadline < 0)) return null;
  if (byCells.content || byCells.lead) cols.evidence = 'cells';
  return cols;
}
