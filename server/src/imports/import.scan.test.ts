import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ocrAvailable, readDirectiveFile } from '@giamsat/extraction';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScannedPdf, corpusFiles, hasFonts } from '../../../packages/extraction/test/input-fixtures.ts';
import { anonymous, type Client, createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { seedRegistry } from '../agencies/agency.seed.ts';
import { drainJobs } from '../jobs/job.service.ts';
import { importDirectiveJob } from './import.service.ts';

const corpus = corpusFiles();
const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();
const ready = corpus.length > 0 && hasFonts() && hasPdftoppm && (await ocrAvailable('vie'));
if (!ready)
  console.warn(
    'import.scan.test: skipped — needs ../shared/corpus, the DejaVu fonts, pdftoppm and tesseract with the "vie" model',
  );

describe.skipIf(!ready)('importing a scanned PDF (OCR as a background job)', () => {
  let t: TestContext;
  let office: Client;
  let stranger: Client;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistry(t.db);
    office = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: await makeAgency(t.db) }));
    stranger = await loginAs(t.app, await makeUser(t.db, { role: 'focal', agency: await makeAgency(t.db) }));
  }, 600_000);
  afterAll(() => t?.close());

  it('answers at once, reads the pages in the job with their count, and shows each page image only to who may see the draft', {
    timeout: 600_000,
  }, async () => {
    // One small page of a corpus file, kept only as an image: no text layer, as a signed scan arrives.
    const original = await readDirectiveFile(new Uint8Array(readFileSync(corpus[0]!)), 'a.txt');
    const scan = await buildScannedPdf(original.text.split('\n').slice(0, 20).join('\n'));
    const res = await office.request({
      method: 'POST',
      url: '/api/imports',
      ...multipart([
        { field: 'file', filename: 'ban-quet.pdf', bytes: Buffer.from(scan), contentType: 'application/pdf' },
      ]),
    });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json<{ jobId: number }>();
    // The upload returned before any page was read: the job waits in the database for a worker.
    expect((await office.get(`/api/jobs/${jobId}`)).json()).toMatchObject({ state: 'queued', steps: null });

    await drainJobs(t.app.ctx, [importDirectiveJob]);
    const job = (await office.get(`/api/jobs/${jobId}`)).json();
    expect(job.state).toBe('succeeded');
    const pageCount = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', ['-'], { input: scan }).toString())?.[1]);
    expect(job.steps).toEqual({ done: pageCount, total: pageCount });

    const [directiveId] = job.result.directiveIds;
    const source = (await office.get(`/api/directives/${directiveId}/source`)).json();
    expect(source.pages.map((p: { page: number }) => p.page)).toEqual(
      Array.from({ length: pageCount }, (_, i) => i + 1),
    );
    expect(source.pages[0].startsAtLine).toBe(1);
    expect(source.tasks.length).toBeGreaterThan(0);
    // What was read from a scan is marked as such on every task.
    for (const task of source.tasks) expect(task.confidence.text.reason).toBe('ocr');

    const url = `/api/directives/${directiveId}/source/pages/1`;
    const image = await office.get(url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(String(image.headers['content-security-policy'])).toContain('sandbox');
    expect([...image.rawPayload.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    // A draft is its office's business: another body and the public see no page of it.
    expect((await stranger.get(url)).statusCode).toBe(404);
    expect((await anonymous(t.app).get(url)).statusCode).toBe(404);
    expect((await office.get(`/api/directives/${directiveId}/source/pages/${pageCount + 1}`)).statusCode).toBe(404);
  });
});
