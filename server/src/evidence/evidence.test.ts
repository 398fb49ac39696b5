import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { makeProgressWorld, makeReport, type ProgressWorld } from '../../test/factories/reports.ts';
import { sql } from '../db/sql.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A zip with uncompressed entries, as Office and LibreOffice packages are laid out. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    // What both headers say of the entry (crc, stored = original size, name length), from `at` on.
    const writeEntry = (header: Buffer, at: number) => {
      header.writeUInt32LE(crc32(data), at);
      header.writeUInt32LE(data.length, at + 4);
      header.writeUInt32LE(data.length, at + 8);
      header.writeUInt16LE(nameBytes.length, at + 12);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeEntry(local, 14);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeEntry(central, 16);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('evidence files and links', () => {
  let t: TestContext;
  let w: ProgressWorld;
  let lead: Client;
  let coordinating: Client;
  let unrelated: Client;
  let office: Client;
  let otherOffice: Client;

  beforeAll(async () => {
    // A 1 MB upload limit keeps the oversize case small.
    t = await createTestApp({ MAX_UPLOAD_MB: '1' });
    w = await makeProgressWorld(t.db);
    lead = await loginAs(t.app, w.users.leadFocal);
    coordinating = await loginAs(t.app, w.users.coordinatingFocal);
    unrelated = await loginAs(t.app, w.users.unrelatedFocal);
    office = await loginAs(t.app, w.users.office);
    otherOffice = await loginAs(t.app, w.users.otherOffice);
  });
  afterAll(() => t.close());

  const draft = () => makeReport(t.db, { task: w.task, agency: w.leadBody, author: w.users.leadFocal });
  const upload = (client: Client, reportId: number, files: Parameters<typeof multipart>[0]) =>
    client.request({ method: 'POST', url: `/api/reports/${reportId}/evidence`, ...multipart(files) });
  const storedFileCount = async () =>
    (await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM stored_files`))[0]!.n;

  it('stores a real PDF with its sha256 and size, and hands back the same bytes as an attachment', async () => {
    const report = await draft();
    const pdf = samplePdf('Bao cao quy III nam 2025');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const res = await upload(lead, report.id, [
      { filename: 'Báo cáo tiến độ quý III.pdf', bytes: pdf, contentType: 'text/html' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      kind: 'file',
      reportId: report.id,
      file: {
        filename: 'Báo cáo tiến độ quý III.pdf',
        // The type proven by the bytes, not the one the browser claimed.
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: sha256(pdf),
      },
      downloadUrl: `/api/evidence/${item.id}/download`,
    });
    const [row] = await t.db.query<{
      sha256: string;
      size_bytes: number;
      content_type: string;
      storage_key: string;
    }>(sql`
      SELECT f.sha256, f.size_bytes, f.content_type, f.storage_key FROM evidence e JOIN stored_files f ON f.id = e.file_id
      WHERE e.id = ${item.id}`);
    expect(row).toMatchObject({ sha256: sha256(pdf), size_bytes: pdf.length, content_type: 'application/pdf' });
    expect(row!.storage_key).not.toContain('Báo');
    expect(Buffer.from(await t.app.ctx.storage.get(row!.storage_key)).equals(pdf)).toBe(true);

    const download = await lead.get(item.downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Bao cao tien do quy III.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo tiến độ quý III.pdf')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe('sandbox');
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // While a draft, only its own body sees it; another body's user gets 404, like for a missing file.
    expect((await coordinating.get(item.downloadUrl)).statusCode).toBe(404);
    expect((await office.get(item.downloadUrl)).statusCode).toBe(404);
    expect((await lead.post(`/api/reports/${report.id}/submit`)).statusCode).toBe(200);
    expect((await office.get(item.downloadUrl)).statusCode).toBe(200);
    expect((await coordinating.get(item.downloadUrl)).statusCode).toBe(200);
    expect((await unrelated.get(item.downloadUrl)).statusCode).toBe(404);
    expect((await otherOffice.get(item.downloadUrl)).statusCode).toBe(404);
    expect((await anonymous(t.app).get(item.downloadUrl)).statusCode).toBe(404);

    const shown = await office.get(`/api/reports/${report.id}`);
    expect(shown.json().evidence).toEqual([item]);
  });

  it('accepts several allowed types in one upload: Word, Excel, OpenDocument, images, zip, text and CSV', async () => {
    const report = await draft();
    const files = [
      {
        filename: 'ke-hoach.docx',
        bytes: storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
      },
      {
        filename: 'so-lieu.xlsx',
        bytes: storedZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }),
      },
      {
        filename: 'bien-ban.odt',
        bytes: storedZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document/>' }),
      },
      { filename: 'anh-hien-truong.png', bytes: PNG },
      { filename: 'ho-so.zip', bytes: storedZip({ 'a.txt': 'tài liệu' }) },
      { filename: 'ghi-chu.txt', bytes: Buffer.from('Đã tổ chức hội nghị triển khai ngày 15/7/2025.\n') },
      { filename: 'danh-sach.csv', bytes: Buffer.from('STT,Đơn vị,Tỷ lệ\n1,Phường Hoàn Kiếm,95%\n') },
    ];
    const res = await upload(lead, report.id, files);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((e: { file: { contentType: string } }) => e.file.contentType)).toEqual([
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.oasis.opendocument.text',
      'image/png',
      'application/zip',
      'text/plain; charset=utf-8',
      'text/csv; charset=utf-8',
    ]);
  });

  it('refuses an HTML page renamed .pdf, and stores nothing of the upload', async () => {
    const report = await draft();
    const before = await storedFileCount();
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
    const res = await upload(lead, report.id, [
      { filename: 'bao-cao.pdf', bytes: samplePdf() },
      { filename: 'bao-cao-2.pdf', bytes: html, contentType: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      code: 'EVIDENCE_CONTENT_MISMATCH',
      params: { filename: 'bao-cao-2.pdf', extension: 'pdf' },
    });
    expect(await storedFileCount()).toBe(before);
  });

  it('refuses types that a browser would render or run, and files whose bytes are not their extension', async () => {
    const report = await draft();
    const refused: [string, Buffer, string][] = [
      ['trang.html', Buffer.from('<html></html>'), 'EVIDENCE_TYPE_NOT_ALLOWED'],
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'EVIDENCE_TYPE_NOT_ALLOWED'],
      ['script.js', Buffer.from('alert(1)'), 'EVIDENCE_TYPE_NOT_ALLOWED'],
      ['chay.exe', Buffer.from('MZ'), 'EVIDENCE_TYPE_NOT_ALLOWED'],
      ['khong-duoi', samplePdf(), 'EVIDENCE_TYPE_NOT_ALLOWED'],
      ['ghi-chu.txt', Buffer.from('<html><script>alert(1)</script></html>'), 'EVIDENCE_CONTENT_MISMATCH'],
      ['anh.png', samplePdf(), 'EVIDENCE_CONTENT_MISMATCH'],
      ['van-ban.docx', storedZip({ 'a.txt': 'không phải Word' }), 'EVIDENCE_CONTENT_MISMATCH'],
      ['rong.pdf', Buffer.alloc(0), 'EVIDENCE_CONTENT_MISMATCH'],
    ];
    for (const [filename, bytes, code] of refused) {
      const res = await upload(lead, report.id, [{ filename, bytes }]);
      expect(res.statusCode, filename).toBe(415);
      expect(res.json().code, filename).toBe(code);
    }
  });

  it('refuses a file over the configured size limit with 413 and a clear code', async () => {
    const report = await draft();
    const limit = t.app.ctx.config.maxUploadBytes;
    const big = Buffer.concat([samplePdf(), Buffer.alloc(limit)]);
    const res = await upload(lead, report.id, [{ filename: 'qua-lon.pdf', bytes: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'EVIDENCE_FILE_TOO_LARGE', params: { maxBytes: limit } });
    const justUnder = Buffer.concat([samplePdf(), Buffer.alloc(limit - 2048)]);
    expect((await upload(lead, report.id, [{ filename: 'vua-du.pdf', bytes: justUnder }])).statusCode).toBe(201);
  });

  it('needs multipart with at least one file, and a report still open for changes', async () => {
    const report = await draft();
    const json = await lead.post(`/api/reports/${report.id}/evidence`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('EVIDENCE_MULTIPART_REQUIRED');
    const submitted = await makeReport(t.db, {
      task: w.task,
      agency: w.leadBody,
      author: w.users.leadFocal,
      state: 'submitted',
    });
    const late = await upload(lead, submitted.id, [{ filename: 'bo-sung.pdf', bytes: samplePdf() }]);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('REPORT_NOT_EDITABLE');
  });

  it('adds http(s) links only, and removes evidence while the report is a draft', async () => {
    const report = await draft();
    const link = await lead.post(`/api/reports/${report.id}/links`, {
      url: 'https://dichvucong.hanoi.gov.vn/thong-ke',
      title: 'Thống kê dịch vụ công trực tuyến',
    });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json()).toMatchObject({ kind: 'link', file: null, downloadUrl: null });
    expect((await lead.post(`/api/reports/${report.id}/links`, { url: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await lead.get(`/api/evidence/${link.json().id}/download`)).statusCode).toBe(404);

    const file = (await upload(lead, report.id, [{ filename: 'bien-ban.pdf', bytes: samplePdf() }])).json().items[0];
    const [stored] = await t.db.query<{ storage_key: string }>(
      sql`SELECT storage_key FROM stored_files WHERE id = ${file.file.id}`,
    );
    expect((await coordinating.delete(`/api/evidence/${file.id}`)).statusCode).toBe(404);
    expect((await lead.delete(`/api/evidence/${file.id}`)).statusCode).toBe(204);
    expect(await t.db.query(sql`SELECT 1 FROM stored_files WHERE id = ${file.file.id}`)).toEqual([]);
    await expect(t.app.ctx.storage.get(stored!.storage_key)).rejects.toThrow();
    const events = await t.db.query<{ action: string }>(
      sql`SELECT action FROM events WHERE entity_type = 'progress_report' AND entity_id = ${report.id} ORDER BY id`,
    );
    expect(events.map((e) => e.action)).toEqual(['add_evidence', 'add_evidence', 'remove_evidence']);

    expect((await lead.post(`/api/reports/${report.id}/submit`)).statusCode).toBe(200);
    const locked = await lead.delete(`/api/evidence/${link.json().id}`);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('EVIDENCE_NOT_DELETABLE');
  });
});
