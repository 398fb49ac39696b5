import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDirectives } from '../src/extract.ts';
import { ExtractionInputError, extractFromFile, readDirectiveFile } from '../src/input/index.ts';
import { comparable, expectWellFormed, taskSignature } from './input-check.ts';
import { buildDocx, buildPdf, CORPUS_DIR, corpusFiles, hasFonts } from './input-fixtures.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const DIRECTIVE = 'Số 12-KH/UBND\nKẾ HOẠCH\n1. Sở Tài chính chủ trì, hoàn thành trong tháng 6/2025.\n';

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExtractionInputError);
  expect((error as ExtractionInputError).code).toBe(code);
  expect((error as ExtractionInputError).message).toContain(code);
}

describe('text files', () => {
  it('strips the BOM, normalises line ends and composes NFD to NFC', async () => {
    const nfd = `\uFEFF${DIRECTIVE.normalize('NFD').replace(/\n/g, '\r\n')}\rcuối`;
    const { text, format } = await readDirectiveFile(utf8(nfd), 'ke-hoach.txt');
    expect(format).toBe('txt');
    expect(text).toBe(`${DIRECTIVE}\ncuối`);
    expect(text.split('\n')).toHaveLength(DIRECTIVE.split('\n').length + 1);
  });

  it('reads UTF-16 with a BOM (Notepad "Unicode")', async () => {
    const body = Buffer.from(`\uFEFF${DIRECTIVE}`, 'utf16le');
    expect((await readDirectiveFile(new Uint8Array(body))).text).toBe(DIRECTIVE);
  });

  it('calls a .md file md, and pasted text (no name) txt', async () => {
    expect((await readDirectiveFile(utf8(DIRECTIVE), 'a.md')).format).toBe('md');
    expect((await readDirectiveFile(utf8(DIRECTIVE), undefined, 'text/markdown')).format).toBe('md');
    expect((await readDirectiveFile(utf8(DIRECTIVE))).format).toBe('txt');
  });
});

describe('rejected input gets a typed error', () => {
  it('empty and blank files', async () => {
    await expectCode(readDirectiveFile(new Uint8Array(), 'a.txt'), 'EMPTY_DOCUMENT');
    await expectCode(readDirectiveFile(utf8(' \n\t\r\n '), 'a.txt'), 'EMPTY_DOCUMENT');
  });

  it('binary data, images, legacy .xls and other zips', async () => {
    await expectCode(readDirectiveFile(new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 7]), 'x.txt'), 'UNREADABLE_FILE');
    await expectCode(
      readDirectiveFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), 'scan.txt'),
      'UNSUPPORTED_FORMAT',
    );
    await expectCode(
      readDirectiveFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'old.xls'),
      'UNSUPPORTED_FORMAT',
    );
    await expectCode(
      readDirectiveFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 'book.xlsx'),
      'UNSUPPORTED_FORMAT',
    );
  });

  it('text in Latin-1/TCVN3 (invalid UTF-8) instead of UTF-8', async () => {
    const latin1 = new Uint8Array(
      Array.from('Kế hoạch số 12 nhiệm vụ chủ trì phối hợp '.repeat(20), (c) => c.charCodeAt(0) & 0xff),
    );
    await expectCode(readDirectiveFile(latin1, 'a.txt'), 'UNREADABLE_FILE');
  });

  it('a damaged .pdf or .docx, and a .pdf name on text bytes', async () => {
    await expectCode(readDirectiveFile(utf8('%PDF-1.7\n%garbage without objects'), 'a.pdf'), 'UNREADABLE_FILE');
    await expectCode(
      readDirectiveFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('word/document.xml broken')]), 'a.docx'),
      'UNREADABLE_FILE',
    );
    await expectCode(readDirectiveFile(utf8(DIRECTIVE), 'a.pdf'), 'UNREADABLE_FILE');
  });

  it('text that is not a directive', async () => {
    await expectCode(
      readDirectiveFile(utf8('The quick brown fox jumps over the lazy dog.\n'), 'fox.txt'),
      'NOT_A_DIRECTIVE',
    );
    await expectCode(extractFromFile(utf8('12345 67890\n!!!'), 'n.txt'), 'NOT_A_DIRECTIVE');
  });
});

describe('.docx', () => {
  it('keeps paragraphs as lines, tables as TAB rows and bold/italic as Markdown', async () => {
    const source = [
      '**KẾ HOẠCH** triển khai',
      'Số 12-KH/UBND',
      'STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tHạn hoàn thành',
      '1.\tXây dựng *cơ sở dữ liệu* dùng chung\tSở Tài chính\tQuý I/2026',
      '2.\tRà soát thủ tục\tUBND cấp xã\tThường xuyên',
      'Nơi nhận:',
    ].join('\n');
    const { text, format } = await readDirectiveFile(await buildDocx(source), 'ke-hoach.docx');
    expect(format).toBe('docx');
    expect(text.split('\n')).toEqual(source.split('\n'));
  });
});

describe('.docx empty paragraphs', () => {
  it('an empty paragraph is an empty line, so a task is on the line it has in the text saved from the file', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const lines = [
      'Số: 9/UBND-VP',
      '',
      'Kính gửi: Sở Y tế.',
      '',
      '1. Sở Y tế rà soát danh sách trạm y tế xã, hoàn thành trước ngày 15/12/2025.',
    ];
    const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
    const { text, result } = await extractFromFile(new Uint8Array(await Packer.toBuffer(doc)), 'cong-van.docx');
    expect(text.split('\n')).toEqual(lines);
    expect(result.documents[0]?.tasks.map((t) => t.line)).toEqual([5]);
  });
});

describe('.docx cells of several paragraphs', () => {
  it('bodies on their own lines in a lead cell stay separate bodies', async () => {
    const { Document, Packer, Paragraph, Table, TableCell, TableRow } = await import('docx');
    const cell = (...paragraphs: string[]) => new TableCell({ children: paragraphs.map((p) => new Paragraph(p)) });
    const row = (...cells: Array<InstanceType<typeof TableCell>>) => new TableRow({ children: cells });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Số: 7/KH-UBND'),
            new Paragraph('KẾ HOẠCH'),
            new Table({
              rows: [
                row(cell('STT'), cell('Nội dung'), cell('Cơ quan chủ trì'), cell('Thời hạn')),
                row(
                  cell('1'),
                  cell('Xây dựng kho dữ liệu', 'dùng chung của tỉnh'),
                  cell('Sở Khoa học và Công nghệ', 'Sở Tài chính'),
                  cell('Quý IV/2025'),
                ),
              ],
            }),
          ],
        },
      ],
    });
    const { result } = await extractFromFile(new Uint8Array(await Packer.toBuffer(doc)), 'ke-hoach.docx');
    expect(result.documents[0]?.tasks.map((t) => [t.text, t.lead])).toEqual([
      ['Xây dựng kho dữ liệu dùng chung của tỉnh', ['Sở Khoa học và Công nghệ', 'Sở Tài chính']],
    ]);
  });
});

const corpus = corpusFiles();
const fonts = hasFonts();

describe.skipIf(corpus.length === 0)(`corpus files as .docx and .pdf (${CORPUS_DIR})`, () => {
  for (const path of corpus) {
    const name = basename(path);
    const txt = () => readFileSync(path);

    it(`${name}: the .docx reads back to the same lines and the same tasks`, { timeout: 120_000 }, async () => {
      const original = await readDirectiveFile(new Uint8Array(txt()), name);
      const docx = await extractFromFile(await buildDocx(original.text), name.replace(/\.txt$/, '.docx'));
      expect(docx.format).toBe('docx');
      const lines = (text: string) =>
        text
          .split('\n')
          .map(comparable)
          .filter((line) => line !== '');
      expect(lines(docx.text)).toEqual(lines(original.text));
      const fromTxt = extractDirectives(original.text);
      expectWellFormed(docx.result, docx.text);
      expect(taskSignature(docx.result)).toEqual(taskSignature(fromTxt));
    });

    it.skipIf(!fonts)(
      `${name}: the .pdf rebuilds the lines and gives the same tasks`,
      { timeout: 120_000 },
      async () => {
        const original = await readDirectiveFile(new Uint8Array(txt()), name);
        const pdf = await extractFromFile(await buildPdf(original.text), name.replace(/\.txt$/, '.pdf'));
        expect(pdf.format).toBe('pdf');
        const expected = original.text
          .split('\n')
          .map(comparable)
          .filter((line) => line !== '');
        const got = new Set(pdf.text.split('\n').map(comparable));
        const found = expected.filter((line) => got.has(line)).length;
        // Paragraph rebuilding from a PDF is a heuristic: a wrapped line that starts with "- " or
        // "(1)" may stay apart. Nearly every line must still come back whole.
        expect(found / expected.length).toBeGreaterThan(0.97);
        expectWellFormed(pdf.result, pdf.text);
        expect(taskSignature(pdf.result)).toEqual(taskSignature(extractDirectives(original.text)));
      },
    );
  }
});

if (corpus.length === 0) console.warn(`input.test: corpus not found at ${CORPUS_DIR}; corpus .docx/.pdf tests skipped`);
if (!fonts) console.warn('input.test: DejaVu fonts missing (apt-get install fonts-dejavu-core); .pdf tests skipped');
