// Builds .docx and .pdf files from a corpus .txt inside the tests, so the readers are checked on
// files whose expected text is known: paragraphs stay paragraphs, TAB rows become real tables,
// ** and * become bold and italic. Corpus text is read at run time, never copied into the source.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/corpus beside the repository root (packages/extraction/test → ../../../../shared). */
export const CORPUS_DIR = process.env.GIAMSAT_CORPUS ?? resolve(here, '../../../../shared/corpus');
export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return [
    '000_717b8eda9debafd2.txt',
    '001_99d7d01e4a97034b.txt',
    '002_33bf928519923d4d.txt',
    '003_c60093e0d8f5c5a6.txt',
  ]
    .map((name) => join(CORPUS_DIR, name))
    .filter((path) => existsSync(path));
}

export function hasFonts(): boolean {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'].every((f) =>
    existsSync(join(FONT_DIR, f)),
  );
}

export interface Span {
  text: string;
  bold: boolean;
  italic: boolean;
}

export type Block = { kind: 'paragraph'; spans: Span[] } | { kind: 'table'; rows: Span[][][] };

/**
 * Markdown emphasis and the stray HTML of the corpus (<p>, <i>, <ul style=…>) as styled spans.
 * Bold may run over several lines (a two-line heading); single * pairs only within a line, and an
 * unpaired one is a literal asterisk.
 */
class InlineParser {
  bold = false;

  parse(source: string): Span[] {
    const spans: Span[] = [];
    let italic = false;
    let htmlItalic = false;
    const singles = (source.replace(/\*\*/g, '').match(/\*/g) ?? []).length;
    let allowSingle = singles % 2 === 0;
    let buffer = '';
    const push = (): void => {
      if (buffer !== '') spans.push({ text: buffer, bold: this.bold, italic: italic || htmlItalic });
      buffer = '';
    };
    for (let i = 0; i < source.length; ) {
      if (source.startsWith('**', i)) {
        push();
        this.bold = !this.bold;
        i += 2;
      } else if (source[i] === '*' && allowSingle) {
        push();
        italic = !italic;
        i += 1;
      } else if (source[i] === '<' && /^<\/?[a-z][^>]*>/i.test(source.slice(i, i + 200))) {
        const end = source.indexOf('>', i);
        const tag = source.slice(i + 1, end).toLowerCase();
        push();
        if (tag === 'i' || tag === 'em') htmlItalic = true;
        else if (tag === '/i' || tag === '/em') htmlItalic = false;
        else if (buffer === '' && spans.length > 0) buffer = ' ';
        i = end + 1;
      } else {
        buffer += source[i];
        i += 1;
      }
    }
    push();
    if (allowSingle) allowSingle = false;
    return spans.filter((span) => span.text !== '');
  }
}

/** `keepBlank`: a blank line is an empty paragraph (a .docx), not nothing (a .pdf lays out no empty line). */
export function parseCorpusText(text: string, keepBlank = false): Block[] {
  const blocks: Block[] = [];
  const inline = new InlineParser();
  let table: Span[][][] | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      inline.bold = false;
      table = null;
      if (keepBlank) blocks.push({ kind: 'paragraph', spans: [] });
      continue;
    }
    if (line.includes('\t')) {
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table });
      }
      table.push(line.split('\t').map((cell) => inline.parse(cell.trim())));
      continue;
    }
    table = null;
    blocks.push({ kind: 'paragraph', spans: inline.parse(line.trim()) });
  }
  return blocks;
}

function columnCount(rows: Span[][][]): number {
  return rows.reduce((max, row) => Math.max(max, row.length), 1);
}

/**
 * Column widths in proportion to how much each column holds, none narrower than `min` nor than
 * its longest word (`charWidth` per character): Word does not break "31/12/2025" inside a cell.
 */
function columnWidths(rows: Span[][][], total: number, min: number, charWidth = 0): number[] {
  const count = columnCount(rows);
  const floors = Array.from({ length: count }, (_, column) => {
    let longest = 0;
    for (const row of rows)
      for (const span of row[column] ?? [])
        for (const word of span.text.split(/\s+/)) longest = Math.max(longest, word.length);
    return Math.max(min, Math.min(longest * charWidth, total / count));
  });
  const weights = Array.from({ length: count }, (_, column) => {
    let chars = 0;
    for (const row of rows) for (const span of row[column] ?? []) chars += span.text.length;
    return Math.sqrt(chars / rows.length + 1);
  });
  const spare = Math.max(0, total - floors.reduce((a, b) => a + b, 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  return floors.map((floor, column) => floor + ((weights[column] ?? 0) / sum) * spare);
}

const runs = (spans: Span[]): TextRun[] =>
  spans.map((s) => new TextRun({ text: s.text, bold: s.bold, italics: s.italic }));

export async function buildDocx(text: string): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [];
  // Blank lines stay as empty paragraphs, so the file reads back line for line like the .txt it was made from.
  for (const block of parseCorpusText(text, true)) {
    if (block.kind === 'paragraph') {
      children.push(new Paragraph({ children: runs(block.spans) }));
      continue;
    }
    const count = columnCount(block.rows);
    const widths = columnWidths(block.rows, 9000, 600).map(Math.round);
    const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
    children.push(
      new Table({
        columnWidths: widths,
        width: { size: 9000, type: WidthType.DXA },
        borders: {
          top: border,
          bottom: border,
          left: border,
          right: border,
          insideHorizontal: border,
          insideVertical: border,
        },
        rows: block.rows.map(
          (row) =>
            new TableRow({
              children: Array.from(
                { length: count },
                (_, column) =>
                  new TableCell({
                    width: { size: widths[column] ?? 600, type: WidthType.DXA },
                    children: [new Paragraph({ children: runs(row[column] ?? []) })],
                  }),
              ),
            }),
        ),
      }),
    );
  }
  const document = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
}

const fontOf = (fonts: Fonts, span: Span): PDFFont =>
  span.bold ? (span.italic ? fonts.boldItalic : fonts.bold) : span.italic ? fonts.italic : fonts.regular;

interface Word {
  text: string;
  font: PDFFont;
  spaceBefore: boolean;
}

/** Greedy word wrap; a word wider than the line is cut by characters. */
function wrap(spans: Span[], fonts: Fonts, size: number, width: number): Word[][] {
  const words: Word[] = [];
  let spaceBefore = false;
  for (const span of spans) {
    const font = fontOf(fonts, span);
    const parts = span.text.split(/( +)/);
    for (const part of parts) {
      if (part === '') continue;
      if (/^ +$/.test(part)) {
        spaceBefore = true;
        continue;
      }
      let rest = part;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        words.push({ text: rest.slice(0, cut), font, spaceBefore });
        spaceBefore = true;
        rest = rest.slice(cut);
      }
      words.push({ text: rest, font, spaceBefore });
      spaceBefore = false;
    }
  }
  const lines: Word[][] = [];
  let line: Word[] = [];
  let used = 0;
  for (const word of words) {
    const space = line.length > 0 && word.spaceBefore ? word.font.widthOfTextAtSize(' ', size) : 0;
    const w = word.font.widthOfTextAtSize(word.text, size);
    if (line.length > 0 && used + space + w > width) {
      lines.push(line);
      line = [{ ...word, spaceBefore: false }];
      used = w;
    } else {
      line.push(word);
      used += space + w;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function drawLine(page: PDFPage, words: Word[], x: number, y: number, size: number): void {
  let cursor = x;
  for (const [index, word] of words.entries()) {
    if (index > 0 && word.spaceBefore) cursor += word.font.widthOfTextAtSize(' ', size);
    page.drawText(word.text, { x: cursor, y, size, font: word.font });
    cursor += word.font.widthOfTextAtSize(word.text, size);
  }
}

export async function buildPdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const load = (name: string) => pdf.embedFont(readFileSync(join(FONT_DIR, name)), { subset: true });
  const fonts: Fonts = {
    regular: await load('DejaVuSans.ttf'),
    bold: await load('DejaVuSans-Bold.ttf'),
    italic: await load('DejaVuSans-Oblique.ttf'),
    boldItalic: await load('DejaVuSans-BoldOblique.ttf'),
  };
  const [pageWidth, pageHeight, margin] = [595, 842, 50];
  const textWidth = pageWidth - 2 * margin;
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const newPage = (): void => {
    page = pdf.addPage([pageWidth, pageHeight]);
    y = pageHeight - margin;
  };
  for (const block of parseCorpusText(text)) {
    if (block.kind === 'paragraph') {
      const size = 10;
      const pitch = size * 1.3;
      for (const line of wrap(block.spans, fonts, size, textWidth)) {
        if (y - pitch < margin) newPage();
        y -= pitch;
        drawLine(page, line, margin, y, size);
      }
      y -= size * 0.6; // paragraph spacing, as Word's "spacing after"
      continue;
    }
    const size = 8;
    const pitch = size * 1.3;
    const pad = 3;
    const widths = columnWidths(block.rows, textWidth, 36, size * 0.7);
    const count = widths.length;
    for (const row of block.rows) {
      const cells = Array.from({ length: count }, (_, column) =>
        wrap(row[column] ?? [], fonts, size, (widths[column] ?? 36) - 2 * pad),
      );
      const height = Math.max(1, ...cells.map((lines) => lines.length)) * pitch + 2 * pad;
      if (y - height < margin) newPage();
      const top = y;
      const bottom = y - height;
      let x = margin;
      const border = { thickness: 0.5, color: rgb(0, 0, 0) };
      page.drawLine({ start: { x: margin, y: top }, end: { x: margin + textWidth, y: top }, ...border });
      page.drawLine({ start: { x: margin, y: bottom }, end: { x: margin + textWidth, y: bottom }, ...border });
      for (const [column, lines] of cells.entries()) {
        page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, ...border });
        for (const [index, line] of lines.entries()) {
          drawLine(page, line, x + pad, top - pad - (index + 1) * pitch + size * 0.25, size);
        }
        x += widths[column] ?? 0;
      }
      page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, ...border });
      y = bottom;
    }
    y -= 10;
  }
  return pdf.save();
}

/**
 * A scan of `text`: printed to a PDF, rasterised with pdftoppm and rebuilt as page images only (no
 * text layer), the way a signed directive arrives. Needs pdftoppm and the fonts (hasFonts()).
 */
export async function buildScannedPdf(text: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'giamsat-scan-'));
  try {
    writeFileSync(join(dir, 'text.pdf'), await buildPdf(text));
    execFileSync('pdftoppm', ['-r', '150', '-png', join(dir, 'text.pdf'), join(dir, 'page')], { timeout: 120_000 });
    const scan = await PDFDocument.create();
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()) {
      const png = await scan.embedPng(readFileSync(join(dir, file)));
      const page = scan.addPage([png.width / 2, png.height / 2]);
      page.drawImage(png, { x: 0, y: 0, width: png.width / 2, height: png.height / 2 });
    }
    return new Uint8Array(await scan.save());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
