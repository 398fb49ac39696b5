import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { samplePdf } from '../../test/factories/evidence.ts';
import { makeReport, useProgressWorld } from '../../test/factories/reports.ts';
import { sql } from '../db/sql.ts';

/** A multipart body the way a browser writes it: `"`, CR and LF in the file name sent as %22, %0D, %0A. */
function browserUpload(field: string, name: string, bytes: Buffer) {
  const boundary = `----WebKitFormBoundary${randomBytes(8).toString('hex')}`;
  const escaped = name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${escaped}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
      'utf8',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('an uploaded file named with quotes or a line break', () => {
  const world = useProgressWorld();

  it('is stored under the name as given and encoded once when downloaded', async () => {
    const { t, w, as } = world;
    const lead = as('leadFocal');
    const report = await makeReport(t.db, { task: w.task, agency: w.leadBody, author: w.users.leadFocal });
    const given = 'Biên bản "nghiệm thu"\r\nđợt 1.pdf';
    const upload = await lead.request({
      method: 'POST',
      url: `/api/reports/${report.id}/evidence`,
      ...browserUpload('files', given, samplePdf()),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const [item] = upload.json<{ items: { downloadUrl: string; file: { id: number; filename: string } }[] }>().items;
    // Line breaks are not part of a file name (evidence names drop control characters); the quotes are.
    const stored = 'Biên bản "nghiệm thu"đợt 1.pdf';
    expect(item!.file.filename).toBe(stored);
    const [row] = await t.db.query<{ filename: string }>(
      sql`SELECT filename FROM stored_files WHERE id = ${item!.file.id}`,
    );
    expect(row!.filename).toBe(stored);

    const download = await lead.get(item!.downloadUrl);
    expect(download.statusCode).toBe(200);
    const disposition = String(download.headers['content-disposition']);
    const encoded = /filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(stored);
    expect(disposition).not.toMatch(/[\r\n]/);
  });

  it('an imported directive file keeps the name as given too', async () => {
    const { t, as } = world;
    const res = await as('office').request({
      method: 'POST',
      url: '/api/imports',
      ...browserUpload('file', 'Kế hoạch "57".txt', Buffer.from('KẾ HOẠCH')),
    });
    expect(res.statusCode, res.body).toBe(202);
    const [row] = await t.db.query<{ filename: string }>(
      sql`SELECT filename FROM stored_files WHERE id = ${res.json<{ fileId: number }>().fileId}`,
    );
    expect(row!.filename).toBe('Kế hoạch "57".txt');
  });
});
