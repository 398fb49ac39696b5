import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ExtractionInputError, MAX_UNPACKED_BYTES, readDirectiveFile } from '../src/input/index.ts';
import { deflated, deflatedZeros, docxBomb, zipArchive } from './zip-fixtures.ts';

const MIB = 1024 * 1024;
const limitMib = MAX_UNPACKED_BYTES / MIB;

async function refusal(promise: Promise<unknown>): Promise<ExtractionInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExtractionInputError);
  return error as ExtractionInputError;
}

describe('zip inputs that unpack to far more than they weigh', () => {
  it('a 2 MB .docx whose document.xml unpacks to 2 GiB is refused from its directory, before any reader', async () => {
    const bomb = docxBomb(2048, { honest: true });
    expect(bomb.length).toBeLessThan(3 * MIB);
    const error = await refusal(readDirectiveFile(bomb, 'ke-hoach.docx'));
    expect(error.code).toBe('ARCHIVE_TOO_LARGE');
    expect(error.messageVi).toMatch(/quá lớn/);
  });

  it('an entry that unpacks to more than its directory declares is cut off and refused', async () => {
    const error = await refusal(readDirectiveFile(docxBomb(2048, { honest: false }), 'ke-hoach.docx'));
    expect(error.code).toBe('ARCHIVE_TOO_LARGE');
    expect(error.detail).toContain('word/document.xml');
  });

  it('entries that each stay under the limit but together exceed it are refused', async () => {
    const part = Math.ceil(limitMib / 3) + 1;
    const archive = zipArchive([
      { name: 'word/document.xml', data: deflatedZeros(part), deflated: true, declaredSize: part * MIB },
      { name: 'word/styles.xml', data: deflatedZeros(part), deflated: true, declaredSize: part * MIB },
      { name: 'word/numbering.xml', data: deflatedZeros(part), deflated: true, declaredSize: part * MIB },
    ]);
    expect((await refusal(readDirectiveFile(archive, 'ke-hoach.docx'))).code).toBe('ARCHIVE_TOO_LARGE');
  });

  it('one guard for every zip input: .xlsx and .odt bombs are refused the same way', async () => {
    const xlsx = zipArchive([
      { name: 'xl/workbook.xml', data: deflated('<workbook/>'), deflated: true, declaredSize: 11 },
      { name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(2048), deflated: true, declaredSize: 500 },
    ]);
    const odt = zipArchive([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') },
      { name: 'content.xml', data: deflatedZeros(2048), deflated: true, declaredSize: 2048 * MIB },
    ]);
    for (const [bytes, name] of [
      [xlsx, 'nhiem-vu.xlsx'],
      [odt, 'ke-hoach.odt'],
    ] as const) {
      expect((await refusal(readDirectiveFile(bytes, name))).code).toBe('ARCHIVE_TOO_LARGE');
    }
  });

  it('several bombs at once are each refused, unpacking near the limit without keeping it', async () => {
    // Each declares just under the limit and holds 2 GiB: all of it would be read without the cut-off.
    const lying = () =>
      zipArchive([
        {
          name: 'word/document.xml',
          data: deflatedZeros(2048),
          deflated: true,
          declaredSize: MAX_UNPACKED_BYTES - MIB,
        },
      ]);
    const errors = await Promise.all(
      Array.from({ length: 4 }, () => refusal(readDirectiveFile(lying(), 'ke-hoach.docx'))),
    );
    expect(errors.map((e) => e.code)).toEqual(Array(4).fill('ARCHIVE_TOO_LARGE'));
  });

  it('real .docx and .xlsx files pass the guard', async () => {
    const docx = new Uint8Array(
      await Packer.toBuffer(
        new Document({
          sections: [
            {
              children: [
                new Paragraph('KẾ HOẠCH'),
                new Paragraph('1. Sở Tài chính chủ trì, hoàn thành trong tháng 6/2025.'),
              ],
            },
          ],
        }),
      ),
    );
    expect((await readDirectiveFile(docx, 'ke-hoach.docx')).text).toContain('Sở Tài chính chủ trì');
    const workbook = new ExcelJS.Workbook();
    workbook
      .addWorksheet('Nhiệm vụ')
      .addRow(['1', 'Sở Tài chính chủ trì, hoàn thành trong tháng 6/2025', 'Sở Tài chính']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect((await readDirectiveFile(xlsx, 'nhiem-vu.xlsx')).format).toBe('xlsx');
  });

  it('an archive with a damaged directory is unreadable, not a crash', async () => {
    const archive = docxBomb(1, { honest: true }).slice(0, -10);
    expect((await refusal(readDirectiveFile(archive, 'ke-hoach.docx'))).code).toBe('UNREADABLE_FILE');
  });
});
