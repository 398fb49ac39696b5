// The download formats of the open data, each written as a stream from the data set's pages: CSV
// (UTF-8 with a byte order mark, so Excel reads Vietnamese right; RFC 4180 quoting, CRLF), JSON (one
// object: what the set is, its dictionary, its rows) and .xlsx (exceljs' streaming writer, a sheet of
// rows and a sheet with the dictionary). Memory holds one page at a time, whatever the set's size.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Column, DataSetHead, OpenRecord } from './opendata.schemas.ts';

type Pages = AsyncIterable<OpenRecord[]>;
type Cell = string | number | null;

const cellsOf = (record: OpenRecord, columns: readonly Column[]): Cell[] =>
  columns.map((c) => (record as unknown as Record<string, Cell>)[c.name] ?? null);

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: readonly Cell[]) => `${fields.map(csvField).join(',')}\r\n`;

export function csvStream(head: DataSetHead, pages: Pages): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${csvLine(head.columns.map((c) => c.name))}`;
      for await (const page of pages) yield page.map((r) => csvLine(cellsOf(r, head.columns))).join('');
    })(),
  );
}

export function jsonStream(head: DataSetHead, pages: Pages): Readable {
  return Readable.from(
    (async function* () {
      const { columns, ...about } = head;
      yield `${JSON.stringify({ ...about, columns }).slice(0, -1)},"items":[`;
      let first = true;
      for await (const page of pages) {
        yield (first ? '\n' : ',\n') + page.map((r) => JSON.stringify(r)).join(',\n');
        first = false;
      }
      yield '\n]}\n';
    })(),
  );
}

/** Column headings of the dictionary sheet. */
export interface DictionaryHeadings {
  sheet: string;
  column: string;
  type: string;
  meaning: string;
}

export function xlsxStream(head: DataSetHead, pages: Pages, headings: DictionaryHeadings): Readable {
  const out = new PassThrough();
  const write = async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = book.addWorksheet(head.name);
    sheet.addRow(head.columns.map((c) => c.name)).commit();
    for await (const page of pages) {
      for (const record of page) sheet.addRow(cellsOf(record, head.columns)).commit();
      // Let the client take what is written before reading the next page.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    const dictionary = book.addWorksheet(headings.sheet);
    dictionary.addRow([headings.column, headings.type, headings.meaning]).commit();
    for (const c of head.columns) dictionary.addRow([c.name, c.type, c.meaning]).commit();
    dictionary.addRow([]).commit();
    dictionary.addRow([head.title, head.asOf, head.licence]).commit();
    dictionary.commit();
    await book.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}
