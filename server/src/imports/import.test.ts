import { existsSync, readFileSync } from 'node:fs';
import { extractDirectives } from '@giamsat/extraction';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { seedRegistry } from '../agencies/agency.seed.ts';
import { drainJobs } from '../jobs/job.service.ts';
import { importDirectiveJob } from './import.service.ts';

const corpusDir = new URL('../../../../shared/corpus/', import.meta.url);
const corpusFile = new URL('000_717b8eda9debafd2.txt', corpusDir);
const hasCorpus = existsSync(corpusFile);

describe('importing a directive file', () => {
  let t: TestContext;
  let office: Client;
  let focal: Client;

  beforeAll(async () => {
    t = await createTestApp({ MAX_UPLOAD_MB: '2' });
    await seedRegistry(t.db);
    const central = await makeAgency(t.db, { name: 'Văn phòng Trung ương Đảng' });
    office = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: central }));
    focal = await loginAs(t.app, await makeUser(t.db, { role: 'focal', agency: await makeAgency(t.db) }));
  });
  afterAll(() => t.close());

  const upload = (client: Client, filename: string, bytes: Uint8Array, type?: string) =>
    client.request({
      method: 'POST',
      url: '/api/imports',
      ...multipart([{ field: 'file', filename, bytes: Buffer.from(bytes), contentType: type }], {
        programmeCode: 'NQ57',
      }),
    });

  it.skipIf(!hasCorpus)(
    'turns an uploaded directive into draft directives with every extracted task, for review',
    async () => {
      const bytes = readFileSync(corpusFile);
      const res = await upload(office, 'ke-hoach.txt', bytes, 'text/plain');
      expect(res.statusCode).toBe(202);
      const { jobId } = res.json<{ jobId: number }>();
      expect((await office.get(`/api/jobs/${jobId}`)).json().state).toBe('queued');
      await drainJobs(t.app.ctx, [importDirectiveJob]);
      const job = (await office.get(`/api/jobs/${jobId}`)).json();
      expect(job).toMatchObject({ state: 'succeeded', progress: 100 });

      const expected = extractDirectives(bytes.toString('utf8'));
      const created = await t.db.query<{
        id: number;
        status: string;
        source_text: string;
        tasks: number;
        programme_code: string;
      }>(
        `SELECT d.id, d.status, d.source_text, d.programme_code, (SELECT count(*) FROM tasks t WHERE t.directive_id = d.id) AS tasks
       FROM directives d WHERE d.import_job_id = $1 ORDER BY d.id`,
        [jobId],
      );
      const withTasks = expected.documents.filter((d) => d.tasks.length > 0);
      expect(created.length).toBe(withTasks.length);
      expect(created.map((d) => d.tasks)).toEqual(withTasks.map((d) => d.tasks.length));
      for (const directive of created) {
        expect(directive.status).toBe('draft');
        expect(directive.programme_code).toBe('NQ57');
        expect(directive.source_text).toContain(withTasks[0]?.tasks[0]?.text.slice(0, 30) ?? '');
      }
      // Bodies the registry knows become assignments; those it does not are kept as written, never dropped.
      const tasks = withTasks.flatMap((d) => d.tasks);
      const [counts] = await t.db.query<{ with_lead: number; unresolved: number }>(
        `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'lead')) AS with_lead,
              count(*) FILTER (WHERE cardinality(t.unresolved_bodies) > 0) AS unresolved
       FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE d.import_job_id = $1`,
        [jobId],
      );
      const knownLead = tasks.filter((task) => task.lead.some((name) => !task.unknownBodies.includes(name)));
      expect(counts?.with_lead).toBeGreaterThanOrEqual(knownLead.length);
      expect(knownLead.length).toBeGreaterThan(tasks.length / 2);
      expect(counts?.unresolved).toBeLessThanOrEqual(tasks.filter((task) => task.unknownBodies.length > 0).length);
      expect(job.result.unknownBodies).toEqual(expect.any(Array));
    },
  );

  it('imports pasted text the same way', async () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM',
      'Số: 12/KH-UBND',
      'Thử Nghiệm, ngày 05 tháng 8 năm 2025',
      'KẾ HOẠCH',
      'Triển khai thực hiện chuyển đổi số năm 2025',
      '1. Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu khoa học, hoàn thành trong tháng 10/2025.',
    ].join('\n');
    const res = await office.post('/api/imports/paste', { text });
    expect(res.statusCode).toBe(202);
    await drainJobs(t.app.ctx, [importDirectiveJob]);
    const job = (await office.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(['succeeded', 'failed']).toContain(job.state);
    if (job.state === 'failed') expect(job.error.code).toBe('IMPORT_UNREADABLE');
  });

  /** A new office account of Hà Nội's standing office, signed in: imports in Hà Nội's area. */
  const signInHanoiOffice = async () => {
    const [hanoi] = await t.db.query<{ id: number; path: string; level: 'province' }>(
      `SELECT id, path::text AS path, level FROM agencies WHERE slug = 'tp-ha-noi'`,
    );
    const hanoiOffice = await loginAs(
      t.app,
      await makeUser(t.db, {
        role: 'office',
        agency: { ...hanoi!, name: 'Thành phố Hà Nội' },
        scope: { ...hanoi!, name: '' },
      }),
    );
    return { hanoi: hanoi!, hanoiOffice };
  };

  it("resolves a department named without its province to the importing province's own", async () => {
    const { hanoiOffice } = await signInHanoiOffice();
    const text = [
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ HÀ NỘI',
      'Số: 215/KH-UBND',
      'Hà Nội, ngày 05 tháng 8 năm 2025',
      'KẾ HOẠCH',
      'Triển khai chuyển đổi số năm 2025',
      'II. NHIỆM VỤ',
      '1. Sở Tư pháp chủ trì, phối hợp với Sở Tài chính rà soát thủ tục hành chính trên môi trường số, hoàn thành trong tháng 10/2025.',
    ].join('\n');
    const res = await hanoiOffice.post('/api/imports/paste', { text });
    await drainJobs(t.app.ctx, [importDirectiveJob]);
    expect((await hanoiOffice.get(`/api/jobs/${res.json().jobId}`)).json().state).toBe('succeeded');
    const assigned = await t.db.query<{ role: string; name: string }>(
      `SELECT ta.role, a.name FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id
       JOIN tasks t ON t.id = ta.task_id JOIN directives d ON d.id = t.directive_id
       WHERE d.import_job_id = $1 ORDER BY ta.role DESC`,
      [res.json().jobId],
    );
    expect(assigned).toEqual([
      { role: 'lead', name: 'Sở Tư pháp thành phố Hà Nội' },
      { role: 'coordinating', name: 'Sở Tài chính thành phố Hà Nội' },
    ]);
  });

  it("does not follow a short name another province saved for its own department, but does for a ministry's", async () => {
    const { hanoi, hanoiOffice } = await signInHanoiOffice();
    // Another province matched "Sở YT" to its own health department; a ministry and that province
    // itself have short names too.
    const [elsewhere] = await t.db.query<{ id: number; province: number }>(
      `SELECT a.id, subpath(a.path, 0, 1)::text::int AS province FROM agencies a, agencies h
       WHERE h.id = $1 AND NOT a.path <@ h.path AND a.level = 'province' AND a.name LIKE 'Sở Y tế %' ORDER BY a.id LIMIT 1`,
      [hanoi.id],
    );
    const [ministry] = await t.db.query<{ id: number; name: string }>(
      `SELECT id, name FROM agencies WHERE level = 'central' AND name LIKE 'Bộ %' ORDER BY id LIMIT 1`,
    );
    await t.db.query(
      `INSERT INTO agency_aliases (agency_id, alias) VALUES ($1, 'Sở YT'), ($2, 'Bộ CQ thử'), ($3, 'Tỉnh bạn thử')`,
      [elsewhere!.id, ministry!.id, elsewhere!.province],
    );
    const text = [
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ HÀ NỘI',
      'Số: 216/KH-UBND',
      'Hà Nội, ngày 06 tháng 8 năm 2025',
      'KẾ HOẠCH',
      'Triển khai y tế số năm 2025',
      'II. NHIỆM VỤ',
      '1. Sở YT chủ trì, phối hợp với Bộ CQ thử, Tỉnh bạn thử xây dựng hồ sơ sức khỏe điện tử, hoàn thành trong tháng 11/2025.',
    ].join('\n');
    const res = await hanoiOffice.post('/api/imports/paste', { text });
    await drainJobs(t.app.ctx, [importDirectiveJob]);
    expect((await hanoiOffice.get(`/api/jobs/${res.json().jobId}`)).json().state).toBe('succeeded');
    const [task] = await t.db.query<{ lead: number[]; coordinating: number[]; unresolved: string[] }>(
      `SELECT coalesce(array_agg(ta.agency_id::int) FILTER (WHERE ta.role = 'lead'), '{}') AS lead,
              coalesce(array_agg(ta.agency_id::int) FILTER (WHERE ta.role = 'coordinating'), '{}') AS coordinating,
              t.unresolved_bodies AS unresolved
       FROM tasks t JOIN directives d ON d.id = t.directive_id LEFT JOIN task_assignments ta ON ta.task_id = t.id
       WHERE d.import_job_id = $1 GROUP BY t.id`,
      [res.json().jobId],
    );
    expect(task?.lead).not.toContain(elsewhere!.id);
    expect(task?.unresolved).toContain('Sở YT');
    expect(task?.coordinating.sort()).toEqual([ministry!.id, elsewhere!.province].sort());
  });

  /** Follows an upload's job to its end, as the import page does. */
  const finish = async (res: { statusCode: number; json: <T>() => T; body: string }) => {
    expect(res.statusCode, res.body).toBe(202);
    await drainJobs(t.app.ctx, [importDirectiveJob]);
    return (await office.get(`/api/jobs/${res.json<{ jobId: number }>().jobId}`)).json();
  };

  it('keeps a file with no task recognised as a draft with its source text, for tasks to be added by hand', async () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM',
      'Số: 31/TB-UBND',
      'Thử Nghiệm, ngày 10 tháng 11 năm 2025',
      'THÔNG BÁO',
      'Kết luận tại buổi làm việc về chuyển đổi số',
      'Buổi làm việc đã trao đổi về tình hình chung của địa phương trong năm qua.',
    ].join('\n');
    const job = await finish(await office.post('/api/imports/paste', { text }));
    expect(job.state).toBe('succeeded');
    expect(job.result.documents).toEqual([
      {
        number: '31/TB-UBND',
        type: expect.any(String),
        taskCount: 0,
        outcome: 'created',
        directiveId: expect.any(Number),
      },
    ]);
    const id = job.result.documents[0].directiveId;
    const draft = (await office.get(`/api/directives/${id}`)).json();
    expect(draft).toMatchObject({ status: 'draft', number: '31/TB-UBND', taskCounts: { total: 0 } });
    expect((await office.get(`/api/directives/${id}/source`)).json().text).toContain(
      'Buổi làm việc đã trao đổi về tình hình chung',
    );
    // The office adds the task the reader missed, beside the text.
    const added = await office.post(`/api/directives/${id}/tasks`, { text: 'Rà soát hạ tầng số của địa phương' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await office.get(`/api/directives/${id}`)).json().taskCounts.total).toBe(1);

    // Text with no document header at all still becomes a draft, numbered by hand later.
    const bare = await finish(
      await office.post('/api/imports/paste', {
        text: 'Ghi chép nhiệm vụ của tỉnh\nBuổi họp bàn về kế hoạch năm sau.',
      }),
    );
    expect(bare.state).toBe('succeeded');
    expect(bare.result.documents).toMatchObject([{ number: null, taskCount: 0, outcome: 'created' }]);
  });

  /** An RTF file written by hand: LibreOffice reads it as it reads an old Word .doc. */
  const rtf = (lines: string[]) =>
    new TextEncoder().encode(
      `{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 ${lines
        .map((line) =>
          Array.from(line, (c) => {
            const code = c.codePointAt(0) ?? 0;
            return code < 128 ? c : `\\u${code > 32767 ? code - 65536 : code}?`;
          }).join(''),
        )
        .join('\\par\n')}}`,
    );
  const rtfDirective = rtf([
    'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM',
    'Số: 44/KH-UBND',
    'Thử Nghiệm, ngày 05 tháng 8 năm 2025',
    'KẾ HOẠCH',
    'Triển khai chuyển đổi số năm 2025',
    '1. Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu khoa học, hoàn thành trong tháng 10/2025.',
  ]);

  it('reads old Word kinds (.doc, .odt, .rtf) through LibreOffice and task tables (.xlsx, .csv)', async () => {
    const job = await finish(await upload(office, 'ke-hoach-cu.rtf', rtfDirective, 'application/rtf'));
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded');
    const id = job.result.documents[0].directiveId;
    expect((await office.get(`/api/directives/${id}/source`)).json().text).toContain(
      'Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu khoa học',
    );
    // The other kinds are taken in (the bytes decide in the job); an old .xls is not.
    const csv = new TextEncoder().encode(
      'STT,Nhiệm vụ,Cơ quan chủ trì,Thời hạn\n1,Xây dựng kế hoạch,Sở Tư pháp,Tháng 12/2025\n',
    );
    for (const [name, type] of [
      ['bang-nhiem-vu.csv', 'text/csv'],
      ['bang-nhiem-vu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['van-ban.doc', 'application/msword'],
      ['van-ban.odt', 'application/vnd.oasis.opendocument.text'],
    ]) {
      expect((await upload(office, name as string, csv, type)).statusCode, name).toBe(202);
    }
    await drainJobs(t.app.ctx, [importDirectiveJob]);
    expect((await upload(office, 'bang.xls', csv, 'application/vnd.ms-excel')).statusCode).toBe(415);
  });

  it('says to save the file as .docx when the server has no converter for an old Word file', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let job: { state: string; error: { code: string; params: { reason: string } } };
    try {
      job = await finish(await upload(office, 'ke-hoach-cu.rtf', rtfDirective, 'application/rtf'));
    } finally {
      process.env.PATH = path;
    }
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'IMPORT_UNREADABLE', params: { reason: 'CONVERTER_MISSING' } });
  });

  it('fails the job with a clear code when the file is not a directive, keeping nothing half-made', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const res = await upload(office, 'anh.pdf', png);
    expect(res.statusCode).toBe(202);
    await drainJobs(t.app.ctx, [importDirectiveJob]);
    const job = (await office.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(job.state).toBe('failed');
    expect(job.error.code).toBe('IMPORT_UNREADABLE');
    const [count] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM directives WHERE import_job_id = $1', [
      res.json().jobId,
    ]);
    expect(count?.n).toBe(0);
  });

  it('refuses other file types, oversized files, and users who do not import directives', async () => {
    expect((await upload(office, 'virus.exe', new Uint8Array([0x4d, 0x5a]))).statusCode).toBe(415);
    const big = await upload(office, 'lon.txt', new Uint8Array(3 * 1024 * 1024).fill(65));
    expect(big.statusCode).toBe(413);
    // The limit comes with the refusal, so the page can say it ("tối đa 2 MB").
    expect(big.json()).toEqual({ code: 'FILE_TOO_LARGE', params: { maxBytes: t.app.ctx.config.maxUploadBytes } });
    const refused = await upload(focal, 'ke-hoach.txt', new TextEncoder().encode('Số: 1/KH'));
    expect(refused.statusCode).toBe(403);
    expect((await office.request({ method: 'POST', url: '/api/imports', payload: {} })).statusCode).toBe(400);
  });
});
