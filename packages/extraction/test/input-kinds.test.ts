// The files offices actually have: task lists kept in Excel or CSV, old Word and OpenDocument files
// (through LibreOffice), and scanned PDFs (through Tesseract's Vietnamese model).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDirectives } from '../src/extract.ts';
import { extractFromFile, ocrAvailable, readDirectiveFile } from '../src/input/index.ts';
import { buildDocx, buildScannedPdf, corpusFiles, hasFonts } from './input-fixtures.ts';

function has(command: string, flag = '--version'): boolean {
  try {
    execFileSync(command, [flag], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

describe('spreadsheets of tasks', () => {
  it('an .xlsx task list, columns in any order, becomes tasks with their starting progress', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Nhiệm vụ');
    sheet.addRow(['DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026 CỦA SỞ Y TẾ']);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['STT', 'Tên nhiệm vụ', 'Ngày kết thúc', 'Cơ quan chủ trì', 'Phối hợp', 'Tiến độ']);
    sheet.addRow([
      1,
      'Triển khai bệnh án điện tử tại bệnh viện tuyến tỉnh',
      new Date(Date.UTC(2026, 5, 30)),
      'Sở Y tế',
      'Sở Tài chính',
      0.4,
    ]);
    sheet.addRow([
      2,
      'Kết nối dữ liệu tiêm chủng với cơ sở dữ liệu dân cư',
      new Date(Date.UTC(2026, 2, 31)),
      'Công an tỉnh',
      'Sở Y tế',
      1,
    ]);
    sheet.getColumn(6).numFmt = '0%';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { format, result } = await extractFromFile(bytes, 'nhiem-vu.xlsx');
    expect(format).toBe('xlsx');
    const tasks = result.documents.flatMap((d) => d.tasks);
    expect(tasks.map((t) => [t.text, t.lead, t.coordinating, t.deadline.due, t.startingProgress])).toEqual([
      ['Triển khai bệnh án điện tử tại bệnh viện tuyến tỉnh', ['Sở Y tế'], ['Sở Tài chính'], '2026-06-30', 40],
      ['Kết nối dữ liệu tiêm chủng với cơ sở dữ liệu dân cư', ['Công an tỉnh'], ['Sở Y tế'], '2026-03-31', 100],
    ]);
  });

  it('a .csv task list (semicolons, quoted cells) reads the same way', async () => {
    const csv = [
      'TT;Nội dung;Thời hạn;Đơn vị thực hiện;Tiến độ (%)',
      '1;"Rà soát thủ tục hành chính; cắt giảm giấy tờ";Quý II/2026;Sở Tư pháp;25',
      '2;Số hóa hồ sơ hộ tịch;Tháng 9/2026;"Ủy ban nhân dân cấp xã";0',
    ].join('\r\n');
    const { format, result } = await extractFromFile(new TextEncoder().encode(csv), 'nhiem-vu.csv');
    expect(format).toBe('csv');
    const tasks = result.documents.flatMap((d) => d.tasks);
    expect(tasks.map((t) => [t.text, t.lead, t.deadline.due, t.startingProgress])).toEqual([
      ['Rà soát thủ tục hành chính; cắt giảm giấy tờ', ['Sở Tư pháp'], '2026-06-30', 25],
      ['Số hóa hồ sơ hộ tịch', ['Ủy ban nhân dân cấp xã'], '2026-09-30', 0],
    ]);
  });
});

const corpus = corpusFiles();

describe.skipIf(!has('soffice') || corpus.length === 0)('old Word (.doc) and .odt through LibreOffice', () => {
  it('a corpus file saved as .doc and as .odt gives the tasks of its .txt', { timeout: 240_000 }, async () => {
    const path = corpus[1] as string;
    const original = await readDirectiveFile(new Uint8Array(readFileSync(path)), 'a.txt');
    const dir = mkdtempSync(join(tmpdir(), 'giamsat-doc-test-'));
    try {
      writeFileSync(join(dir, 'van-ban.docx'), await buildDocx(original.text));
      for (const target of ['doc', 'odt']) {
        execFileSync(
          'soffice',
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            target,
            '--outdir',
            dir,
            join(dir, 'van-ban.docx'),
          ],
          { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir } },
        );
      }
      const expected = extractDirectives(original.text).documents.flatMap((d) => d.tasks.map((t) => t.lead.join('; ')));
      for (const target of ['doc', 'odt']) {
        const file = new Uint8Array(readFileSync(join(dir, `van-ban.${target}`)));
        const { format, result } = await extractFromFile(file, `van-ban.${target}`);
        expect(format).toBe(target);
        expect(result.documents.flatMap((d) => d.tasks.map((t) => t.lead.join('; ')))).toEqual(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(corpus.length === 0 || !hasFonts() || !has('pdftoppm', '-v'))('scanned PDFs through OCR', () => {
  it('a page rendered from a corpus file, kept only as an image, is read back with its tasks', {
    timeout: 300_000,
  }, async (ctx) => {
    if (!(await ocrAvailable('vie'))) ctx.skip();
    // A page and a bit of a corpus file, printed to a PDF, rasterised, and rebuilt as images only.
    const original = await readDirectiveFile(new Uint8Array(readFileSync(corpus[0] as string)), 'a.txt');
    const excerpt = original.text.split('\n').slice(0, 20).join('\n');
    const scanned = await buildScannedPdf(excerpt);
    // Without OCR a scan has no text; with it, every page reports its progress.
    await expect(readDirectiveFile(scanned, 'scan.pdf')).rejects.toMatchObject({ code: 'EMPTY_DOCUMENT' });
    const progress: string[] = [];
    const { result, ocr } = await extractFromFile(scanned, 'scan.pdf', {
      ocr: { onProgress: (page, pages) => void progress.push(`${page}/${pages}`) },
    });
    const pages = ocr?.pages ?? [];
    expect(pages.length).toBeGreaterThan(0);
    expect(progress).toEqual(pages.map((p) => `${p.page}/${pages.length}`));
    // Each page comes back as a PNG image beside its text, for the review page.
    for (const page of pages) expect([...page.image.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const fromText = extractDirectives(excerpt).documents.flatMap((d) => d.tasks);
    const fromScan = result.documents.flatMap((d) => d.tasks);
    expect(result.documents[0]?.number).toBe(extractDirectives(excerpt).documents[0]?.number);
    expect(fromScan.length).toBeGreaterThanOrEqual(Math.floor(fromText.length * 0.8));
    const leads = new Set(fromScan.flatMap((t) => t.lead));
    for (const t of fromText) for (const lead of t.lead) expect(leads.has(lead), lead).toBe(true);
    for (const t of fromScan) expect(t.confidence.text.reason).toBe('ocr');
  });
});

describe('without the tools', () => {
  async function withoutPath<T>(run: () => Promise<T>): Promise<T> {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      return await run();
    } finally {
      process.env.PATH = path;
    }
  }

  it('an old Word file asks to be saved as .docx; a scan says OCR is not installed', async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const error = await withoutPath(() => readDirectiveFile(doc, 'cong-van.doc').catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'CONVERTER_MISSING' });
    expect((error as Error).message).toContain('.docx');
    const scan = await PDFDocument.create();
    scan.addPage([200, 200]);
    const bytes = new Uint8Array(await scan.save());
    await expect(
      withoutPath(() => readDirectiveFile(bytes, 'scan.pdf', undefined, { ocr: true })),
    ).rejects.toMatchObject({
      code: 'OCR_UNAVAILABLE',
    });
  });
});
