import { describe, expect, it } from 'vitest';
import { multipart } from '../../test/app.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { makeReport, useProgressWorld } from '../../test/factories/reports.ts';
import { sql } from '../db/sql.ts';

describe('downloading evidence whose stored file is gone', () => {
  const world = useProgressWorld();

  it('answers 410 STORED_FILE_MISSING (not a 500), and the evidence stays listed', async () => {
    const { t, w, as } = world;
    const lead = as('leadFocal');
    const report = await makeReport(t.db, { task: w.task, agency: w.leadBody, author: w.users.leadFocal });
    const upload = await lead.request({
      method: 'POST',
      url: `/api/reports/${report.id}/evidence`,
      ...multipart([{ filename: 'bien-ban.pdf', bytes: samplePdf() }]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const [item] = upload.json<{ items: { id: number; downloadUrl: string; file: { id: number } }[] }>().items;
    expect((await lead.get(item!.downloadUrl)).statusCode).toBe(200);

    const [file] = await t.db.query<{ storage_key: string }>(
      sql`SELECT storage_key FROM stored_files WHERE id = ${item!.file.id}`,
    );
    await t.app.ctx.storage.delete(file!.storage_key);

    const download = await lead.get(item!.downloadUrl);
    expect(download.statusCode, download.body).toBe(410);
    expect(download.json()).toMatchObject({ code: 'STORED_FILE_MISSING' });
    expect(download.body).not.toContain(file!.storage_key);
    const reportRes = await lead.get(`/api/reports/${report.id}`);
    expect(reportRes.json().evidence.map((e: { id: number }) => e.id)).toContain(item!.id);
  });
});
