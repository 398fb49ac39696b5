// Rebuilds the text of a PDF the way the corpus .txt files are written: one paragraph per line
// (wrapped lines joined again), one table row per line with cells joined by a TAB. Table cells
// come from the ruling lines the PDF draws; where there are none, a wide horizontal gap between
// two runs of text on one line becomes a TAB. Bold and italic fonts become ** and *.
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { ExtractionInputError } from './errors.ts';
import { StyledLine } from './html-lines.ts';

interface Run {
  str: string;
  x: number;
  y: number;
  right: number;
  size: number;
  bold: boolean;
  italic: boolean;
}

interface Segment {
  readonly at: number; // x (horizontal rule) or y (vertical rule)
  readonly from: number;
  readonly to: number;
}

interface VisualLine {
  y: number;
  x: number;
  right: number;
  size: number;
  /** Runs split where a TAB goes. */
  cells: Run[][];
}

interface Block {
  top: number;
  /** A table row (cells by column) or a line of running text. */
  row?: Run[][][];
  line?: VisualLine;
}

/**
 * pdfjs-dist, loaded the first time a PDF is read. Its legacy build (and its worker code, loaded with
 * the first document) swaps the global JSON.stringify and JSON.parse for polyfills (≈7× slower
 * stringify), which would slow every JSON response of a server that merely imports this library; the
 * originals are put back once it has loaded and after each read (readPdf).
 */
type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<{ pdfjs: Pdfjs; paintOps: Set<number> }> | undefined;
function loadPdfjs() {
  loading ??= (async () => {
    const { stringify, parse } = JSON;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    JSON.stringify = stringify;
    JSON.parse = parse;
    const OPS = pdfjs.OPS;
    const paintOps = new Set<number>([
      OPS.stroke,
      OPS.closeStroke,
      OPS.fill,
      OPS.eoFill,
      OPS.fillStroke,
      OPS.eoFillStroke,
      OPS.closeFillStroke,
      OPS.closeEOFillStroke,
    ]);
    return { pdfjs, paintOps };
  })();
  return loading;
}

const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return value instanceof Float32Array || (Array.isArray(value) && value.every((v) => typeof v === 'number'));
}

/** Horizontal and vertical ruling segments the page paints (table borders). */
async function rulings(page: PDFPageProxy): Promise<{ horizontal: Segment[]; vertical: Segment[] }> {
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  const [, , pageWidth = 0, pageHeight = 0] = page.view;
  const {
    pdfjs: { OPS },
    paintOps: PAINT_OPS,
  } = await loadPdfjs();
  const list = await page.getOperatorList();
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const addSegment = (x0: number, y0: number, x1: number, y1: number): void => {
    const [a, b, c, d, e, f] = ctm;
    const ax = a * x0 + c * y0 + e;
    const ay = b * x0 + d * y0 + f;
    const bx = a * x1 + c * y1 + e;
    const by = b * x1 + d * y1 + f;
    if (Math.abs(ay - by) < 1 && Math.abs(ax - bx) > 3 && Math.abs(ax - bx) < pageWidth * 0.98) {
      horizontal.push({ at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    } else if (Math.abs(ax - bx) < 1 && Math.abs(ay - by) > 3 && Math.abs(ay - by) < pageHeight * 0.98) {
      vertical.push({ at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
    }
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args: unknown = list.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform && isNumberArray(args) && args.length === 6) {
      ctm = multiply(ctm, [args[0] ?? 1, args[1] ?? 0, args[2] ?? 0, args[3] ?? 1, args[4] ?? 0, args[5] ?? 0]);
    } else if (fn === OPS.constructPath && Array.isArray(args)) {
      const [paint, buffers] = args as [unknown, unknown];
      if (typeof paint !== 'number' || !PAINT_OPS.has(paint) || !Array.isArray(buffers)) continue;
      for (const data of buffers) {
        if (!isNumberArray(data)) continue;
        let startX = 0;
        let startY = 0;
        let x = 0;
        let y = 0;
        for (let k = 0; k < data.length; ) {
          const op = data[k];
          if (op === MOVE_TO) {
            x = startX = data[k + 1] ?? 0;
            y = startY = data[k + 2] ?? 0;
            k += 3;
          } else if (op === LINE_TO) {
            const nx = data[k + 1] ?? 0;
            const ny = data[k + 2] ?? 0;
            addSegment(x, y, nx, ny);
            x = nx;
            y = ny;
            k += 3;
          } else if (op === CURVE_TO) {
            x = data[k + 5] ?? x;
            y = data[k + 6] ?? y;
            k += 7;
          } else if (op === QUAD_TO) {
            x = data[k + 3] ?? x;
            y = data[k + 4] ?? y;
            k += 5;
          } else if (op === CLOSE) {
            addSegment(x, y, startX, startY);
            x = startX;
            y = startY;
            k += 1;
          } else {
            break;
          }
        }
      }
    }
  }
  return { horizontal, vertical };
}

const BOLD_FONT = /bold|black|heavy|demi|semibold|,bd|-bd/i;
const ITALIC_FONT = /italic|oblique|,it|-it\b/i;

function fontStyle(page: PDFPageProxy, fontName: string): { bold: boolean; italic: boolean } {
  let name = fontName;
  try {
    if (page.commonObjs.has(fontName)) {
      const font: unknown = page.commonObjs.get(fontName);
      if (font && typeof font === 'object' && 'name' in font && typeof font.name === 'string') name = font.name;
    }
  } catch {
    // A font pdf.js could not load: read the run as regular text.
  }
  return { bold: BOLD_FONT.test(name), italic: ITALIC_FONT.test(name) };
}

function isTextItem(item: unknown): item is TextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

async function pageRuns(page: PDFPageProxy): Promise<Run[]> {
  const content = await page.getTextContent();
  const runs: Run[] = [];
  const styles = new Map<string, { bold: boolean; italic: boolean }>();
  for (const item of content.items) {
    if (!isTextItem(item) || item.str.trim() === '') continue;
    const t = item.transform as number[];
    const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || item.height || 10;
    let style = styles.get(item.fontName);
    if (!style) {
      style = fontStyle(page, item.fontName);
      styles.set(item.fontName, style);
    }
    const x = t[4] ?? 0;
    runs.push({ str: item.str, x, y: t[5] ?? 0, right: x + item.width, size, ...style });
  }
  return runs;
}

/** Runs on one baseline (within 40% of the font size), left to right. */
function groupLines(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Run[][] = [];
  let current: Run[] = [];
  let baseline = Number.NaN;
  for (const run of sorted) {
    if (current.length > 0 && Math.abs(run.y - baseline) <= run.size * 0.4) {
      current.push(run);
    } else {
      if (current.length > 0) lines.push(current);
      current = [run];
      baseline = run.y;
    }
  }
  if (current.length > 0) lines.push(current);
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

/** A gap wider than this many font sizes between two runs of one line separates two cells. */
const TAB_GAP = 2.5;

function splitCells(runs: Run[]): Run[][] {
  const cells: Run[][] = [];
  let cell: Run[] = [];
  let previous: Run | undefined;
  for (const run of runs) {
    if (previous && run.x - previous.right > TAB_GAP * run.size) {
      cells.push(cell);
      cell = [];
    }
    cell.push(run);
    previous = run;
  }
  if (cell.length > 0) cells.push(cell);
  return cells;
}

function renderRuns(runs: Run[]): string {
  const line = new StyledLine();
  let previous: Run | undefined;
  for (const run of runs) {
    // A gap, or a step back to the left (the next visual line of a joined paragraph), is a space.
    if (
      previous &&
      (run.x - previous.right > run.size * 0.15 || run.x < previous.x || Math.abs(run.y - previous.y) > run.size * 0.4)
    )
      line.write(' ', false, false);
    line.write(run.str, run.bold, run.italic);
    previous = run;
  }
  return line.finish();
}

function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const clusters: number[] = [];
  for (const value of sorted) {
    const last = clusters[clusters.length - 1];
    if (last === undefined || value - last > 2) clusters.push(value);
  }
  return clusters;
}

/** The ruled cell a run sits in: nearest rule above, below, left and right that reach it. */
function cellOf(run: Run, rules: { horizontal: Segment[]; vertical: Segment[] }) {
  const cx = (run.x + Math.min(run.right, run.x + run.size * 2)) / 2;
  const cy = run.y + run.size * 0.3;
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const h of rules.horizontal) {
    if (h.from - 1 > cx || h.to + 1 < cx) continue;
    if (h.at > cy && h.at < top) top = h.at;
    if (h.at < cy && h.at > bottom) bottom = h.at;
  }
  if (!Number.isFinite(top) || !Number.isFinite(bottom)) return undefined;
  let left = Number.NEGATIVE_INFINITY;
  let right = Number.POSITIVE_INFINITY;
  const columns: number[] = [];
  const middle = (top + bottom) / 2;
  for (const v of rules.vertical) {
    if (v.from - 1 > middle || v.to + 1 < middle) continue;
    columns.push(v.at);
    if (v.at < cx && v.at > left) left = v.at;
    if (v.at > cx && v.at < right) right = v.at;
  }
  if (!Number.isFinite(left) || !Number.isFinite(right)) return undefined;
  const boundaries = clusterPositions(columns);
  // One ruled box around text (a frame) is not a table.
  if (boundaries.length < 3) return undefined;
  const column = boundaries.findIndex((b) => Math.abs(b - left) <= 2);
  return { top, bottom, column: Math.max(0, column), columns: boundaries.length - 1 };
}

function toVisualLine(runs: Run[]): VisualLine {
  const first = runs[0] as Run;
  let right = first.right;
  for (const run of runs) right = Math.max(right, run.right);
  return { y: first.y, x: first.x, right, size: first.size, cells: splitCells(runs) };
}

function pageBlocks(runs: Run[], rules: { horizontal: Segment[]; vertical: Segment[] }): Block[] {
  const rows = new Map<string, { top: number; columns: Run[][] }>();
  const flowing: Run[] = [];
  const hasTable = rules.horizontal.length >= 2 && rules.vertical.length >= 3;
  for (const run of runs) {
    const cell = hasTable ? cellOf(run, rules) : undefined;
    if (!cell) {
      flowing.push(run);
      continue;
    }
    const key = `${cell.top.toFixed(1)}:${cell.bottom.toFixed(1)}`;
    let row = rows.get(key);
    if (!row) {
      row = { top: cell.top, columns: Array.from({ length: cell.columns }, () => []) };
      rows.set(key, row);
    }
    while (row.columns.length <= cell.column) row.columns.push([]);
    row.columns[cell.column]?.push(run);
  }
  const blocks: Block[] = [];
  for (const row of rows.values()) {
    // Inside a cell every visual line is part of one paragraph of the cell.
    blocks.push({ top: row.top, row: row.columns.map((runsOfCell) => groupLines(runsOfCell)) });
  }
  for (const line of groupLines(flowing)) blocks.push({ top: (line[0] as Run).y, line: toVisualLine(line) });
  return blocks.sort((a, b) => b.top - a.top);
}

const LIST_MARKER = /^(?:\d{1,3}(?:\.\d{1,3}){0,4}[.)]|[a-zđ]\)|[-+•–—*]|\(\d{1,3}\)|[IVXLC]{1,7}[.-]|Điều \d)/u;
const PAGE_NUMBER = /^(?:-\s*)?\d{1,4}(?:\s*-)?$|^Trang \d{1,4}(?:\s*\/\s*\d{1,4})?$/iu;

/**
 * A wrapped line that begins with a marker starts a new item, unless the marker is an inline
 * enumeration ("gồm: (1) …; (2) …", "khoản 2.") in a sentence the previous line left unfinished.
 */
function startsItem(startText: string, paragraph: Run[]): boolean {
  if (!LIST_MARKER.test(startText)) return false;
  if (/^[-+•–—*]/u.test(startText)) return true;
  const previousText = (paragraph[paragraph.length - 1]?.str ?? '').trimEnd();
  return /[.;!?]$/u.test(previousText);
}

function renderRow(row: Run[][][]): string {
  return row.map((lines) => renderRuns(lines.flat())).join('\t');
}

/**
 * Whether the previous line ended because the next line's first word did not fit: the line
 * reaches the right edge of the text, less than that word (and a space) away.
 */
function wrappedBefore(previous: VisualLine, next: Run[], textRight: number): boolean {
  const first = next[0];
  if (!first) return false;
  const text = first.str.trimStart();
  const space = text.indexOf(' ');
  const wordChars = space === -1 ? text.length : space;
  const charWidth = text.length > 0 ? (first.right - first.x) / first.str.length : first.size * 0.5;
  const room = textRight - previous.right;
  return room < (wordChars + 1.5) * charWidth + previous.size * 0.5;
}

/** Joins wrapped lines of running text back into paragraphs; rows stay one line each. */
function assemble(pages: Block[][]): string[] {
  const out: string[] = [];
  let paragraph: Run[] | null = null;
  let last: VisualLine | null = null;
  const flushParagraph = (): void => {
    if (paragraph) out.push(renderRuns(paragraph));
    paragraph = null;
    last = null;
  };
  for (const blocks of pages) {
    let textLeft = Number.POSITIVE_INFINITY;
    let textRight = 0;
    for (const block of blocks) {
      if (block.line && block.line.cells.length === 1) {
        textLeft = Math.min(textLeft, block.line.x);
        textRight = Math.max(textRight, block.line.right);
      }
    }
    const lineBlocks = blocks.filter((b) => b.line);
    const firstLine = lineBlocks[0]?.line;
    const lastLine = lineBlocks[lineBlocks.length - 1]?.line;
    let firstOnPage = true;
    for (const block of blocks) {
      if (block.row) {
        flushParagraph();
        const text = renderRow(block.row);
        if (text.replace(/\t/g, '').trim() !== '') out.push(text);
        continue;
      }
      const line = block.line;
      if (!line) continue;
      if (
        (line === firstLine || line === lastLine) &&
        line.cells.length === 1 &&
        PAGE_NUMBER.test(renderRuns(line.cells[0] ?? []))
      )
        continue;
      if (line.cells.length > 1) {
        flushParagraph();
        out.push(line.cells.map(renderRuns).join('\t'));
        continue;
      }
      const runs = line.cells[0] ?? [];
      const startText = runs
        .map((r) => r.str)
        .join('')
        .trimStart();
      const previous: VisualLine | null = last;
      let join = false;
      if (paragraph && previous && wrappedBefore(previous, runs, textRight) && !startsItem(startText, paragraph)) {
        const pitch = previous.y - line.y;
        const indented = line.x > textLeft + line.size * 0.8;
        if (firstOnPage) join = /^\p{Ll}/u.test(startText);
        else join = pitch > 0 && pitch <= line.size * 1.75 && !indented;
      }
      if (join && paragraph) {
        (paragraph as Run[]).push(...runs);
      } else {
        flushParagraph();
        paragraph = [...runs];
      }
      last = line;
      firstOnPage = false;
    }
  }
  flushParagraph();
  return out;
}

async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    const { getDocument } = (await loadPdfjs()).pdfjs;
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    const task = getDocument({
      data: bytes.slice(),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    });
    return await task.promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException')
      throw new ExtractionInputError('UNREADABLE_FILE', 'PDF is password-protected', { cause: error });
    throw new ExtractionInputError('UNREADABLE_FILE', 'damaged PDF', { cause: error });
  }
}

export async function readPdf(bytes: Uint8Array): Promise<string> {
  const { stringify, parse } = JSON;
  try {
    return await readPdfPages(bytes);
  } finally {
    // pdf.js's worker code (loaded on the first document) swaps them again: put the originals back.
    JSON.stringify = stringify;
    JSON.parse = parse;
  }
}

async function readPdfPages(bytes: Uint8Array): Promise<string> {
  const pdf = await openPdf(bytes);
  try {
    const pages: Block[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const rules = await rulings(page);
      const runs = await pageRuns(page);
      pages.push(pageBlocks(runs, rules));
      page.cleanup();
    }
    const lines = assemble(pages);
    if (lines.every((line) => line.trim() === '')) {
      throw new ExtractionInputError('EMPTY_DOCUMENT', 'PDF without a text layer (a scan needs OCR)');
    }
    return lines.join('\n');
  } catch (error) {
    if (error instanceof ExtractionInputError) throw error;
    throw new ExtractionInputError('UNREADABLE_FILE', 'damaged PDF', { cause: error });
  } finally {
    await pdf.destroy();
  }
}
