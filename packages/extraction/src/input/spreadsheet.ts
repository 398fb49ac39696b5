// A task list kept as a spreadsheet (.xlsx, .csv) becomes the same text the table reader reads: a row
// with two or more filled cells is a TAB-separated table row, a row with one (a title, a group heading
// merged across the sheet) is a line of text. Dates are written dd/mm/yyyy and percentages as "40%",
// the way the sheet shows them.
import ExcelJS from 'exceljs';
import { ExtractionInputError } from './errors.ts';

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateText(d: Date): string {
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function cellText(cell: ExcelJS.Cell): string {
  // A merged area's value sits in its first cell; the others would repeat it.
  if (cell.isMerged && cell.master !== cell) return '';
  let value: unknown = cell.value;
  if (value && typeof value === 'object' && 'result' in value) value = (value as { result: unknown }).result;
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number') {
    if (/%/.test(cell.numFmt ?? '')) return `${Math.round(value * 1000) / 10}%`;
    return String(value);
  }
  if (value && typeof value === 'object' && 'richText' in value)
    return (value as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join('');
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return value === null || value === undefined ? '' : String(value);
}

/** Lines of one sheet's rows. */
function rowsToLines(rows: string[][]): string[] {
  const lines: string[] = [];
  const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
  for (const row of rows) {
    const cells = row.map((c) =>
      c
        .replace(/[\t\r\n]+/g, ' ')
        .replace(/\s{2,}/g, ' ')
        .trim(),
    );
    const filled = cells.filter(Boolean);
    if (filled.length === 0) continue;
    if (filled.length === 1 && !cells[0]?.match(/^\d{1,3}\.?$/)) lines.push(filled[0] ?? '');
    else {
      while (cells.length < width) cells.push('');
      lines.push(cells.join('\t'));
    }
  }
  return lines;
}

export async function readXlsx(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new ExtractionInputError('UNREADABLE_FILE', 'damaged .xlsx', { cause: error });
  }
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    if (sheet.state && sheet.state !== 'visible') return;
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)));
      rows.push(cells);
    });
    if (rows.length) {
      if (lines.length) lines.push('');
      lines.push(...rowsToLines(rows));
    }
  });
  return lines.join('\n');
}

/** CSV (comma, semicolon or TAB separated, quoted fields with doubled quotes) as the same lines. */
export function readCsv(text: string): string {
  const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rowsToLines(rows).join('\n');
}
