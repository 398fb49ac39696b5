import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBomb } from '../../../packages/extraction/test/zip-fixtures.ts';
import { type Client, createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';

describe('a .docx zip bomb sent to the import', () => {
  let t: TestContext;
  let office: Client;

  beforeAll(async () => {
    t = await createTestApp();
    office = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: await makeAgency(t.db) }));
  });
  afterAll(() => t.close());

  const upload = (bytes: Uint8Array) =>
    office.request({
      method: 'POST',
      url: '/api/imports',
      ...multipart([{ field: 'file', filename: 'ke-hoach.docx', bytes: Buffer.from(bytes) }]),
    });
  const counts = async () =>
    (
      await t.db.query<{ files: number; jobs: number }>(
        `SELECT (SELECT count(*)::int FROM stored_files) AS files, (SELECT count(*)::int FROM jobs) AS jobs`,
      )
    )[0];

  it('is refused at once with 422 and a reason the web app translates; nothing is stored or queued', async () => {
    const before = await counts();
    const res = await upload(docxBomb(2048, { honest: true }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IMPORT_UNREADABLE', params: { reason: 'ARCHIVE_TOO_LARGE' } });
    expect(await counts()).toEqual(before);
  });

  it('several at once, each lying about its size, are all refused and the server keeps answering', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => upload(docxBomb(2048, { honest: false }))));
    expect(answers.map((res) => [res.statusCode, res.json().params?.reason])).toEqual(
      Array(6).fill([422, 'ARCHIVE_TOO_LARGE']),
    );
    expect((await office.get('/api/health')).statusCode).toBe(200);
  });
});
