// The input as numbered lines, with table rows split into cells (tab-separated or Markdown pipes).
import { stripMarkup } from './normalize.ts';

export interface SourceLine {
  /** 1-based line number in the input. */
  no: number;
  raw: string;
  /** Markup removed, spacing collapsed. */
  text: string;
  /** Table cells, when the line is a table row. */
  cells: string[] | null;
}

const PIPE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function toLines(input: string): SourceLine[] {
  const text = input.normalize('NFC').replace(/\r\n?/g, '\n');
  const rows = text.split('\n');
  const out: SourceLine[] = [];
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i] ?? '';
    let cells: string[] | null = null;
    if (raw.includes('\t')) {
      cells = raw.split('\t').map((c) => stripMarkup(c));
    } else if (/^\s*\|.*\|\s*$/.test(raw)) {
      if (PIPE_SEPARATOR.test(raw.trim())) {
        out.push({ no: i + 1, raw, text: '', cells: null });
        continue;
      }
      const inner = raw.trim().replace(/^\|/, '').replace(/\|$/, '');
      cells = inner.split('|').map((c) => stripMarkup(c));
    }
    out.push({ no: i + 1, raw, text: cells ? cells.filter(Boolean).join(' ') : stripMarkup(raw), cells });
  }
  return out;
}
