import { extractDirectives, extractFromFile } from '@giamsat/extraction';
import { LOW_CONFIDENCE_BELOW } from '@giamsat/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { seedRegistry } from '../agencies/agency.seed.ts';
import { drainJobs } from '../jobs/job.service.ts';
import { loadRegistry } from './import.queries.ts';
import { importDirectiveJob } from './import.service.ts';

// A ministry's plan written before the 2025 reorganisation: it names bodies that no longer exist
// under those names — one merged into a single successor, one split between three.
const PLAN = [
  'BỘ KẾ HOẠCH VÀ ĐẦU TƯ',
  'Số: 45/KH-BKHĐT',
  'Hà Nội, ngày 10 tháng 01 năm 2025',
  'KẾ HOẠCH',
  'Triển khai chuyển đổi số năm 2025',
  'II. NHIỆM VỤ',
  '1. Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Thông tin và Truyền thông xây dựng cơ sở dữ liệu quốc gia về đầu tư, hoàn thành trước ngày 30/6/2025.',
  '2. Bộ Lao động - Thương binh và Xã hội rà soát chính sách hỗ trợ lao động số trong năm 2025.',
  '3. Viện Nghiên cứu Số Hoa Sen chủ trì nghiên cứu mô hình quản trị dữ liệu.',
].join('\n');

interface SourceTask {
  id: number;
  ref: string;
  unresolvedBodies: string[];
  confidence: Record<string, { score: number; reason: string }> | null;
  bodySuccessors: Record<string, string[]>;
}

describe('importing a directive that names bodies by their pre-2025 names', () => {
  let t: TestContext;
  let office: Client;
  let directiveId: number;
  let source: { issuerName: string; issuerSuccessors: string[]; confidence: unknown; tasks: SourceTask[] };

  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistry(t.db);
    office = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: await makeAgency(t.db) }));
    const res = await office.post('/api/imports/paste', { text: PLAN });
    expect(res.statusCode).toBe(202);
    await drainJobs(t.app.ctx, [importDirectiveJob]);
    const job = (await office.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(job.state).toBe('succeeded');
    directiveId = job.result.directiveIds[0];
    source = (await office.get(`/api/directives/${directiveId}/source`)).json();
  }, 600_000);
  afterAll(() => t.close());

  const extracted = async () => extractDirectives(PLAN, { registry: await loadRegistry(t.db, null) }).documents[0]!;
  const bodiesOf = (taskId: number) =>
    t.db.query<{ role: string; name: string }>(
      `SELECT ta.role, a.name FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id
       WHERE ta.task_id = $1 ORDER BY ta.position`,
      [taskId],
    );

  it('assigns a body merged into one successor to that successor, and shows both names for review', async () => {
    const document = await extracted();
    const first = document.tasks[0]!;
    const written = [...first.lead, ...first.coordinating];
    expect(Object.keys(first.successors).sort()).toEqual([...written].sort());
    const task = source.tasks.find((s) => s.ref === first.ref)!;
    expect(task.bodySuccessors).toEqual(first.successors);
    expect(task.unresolvedBodies).toEqual([]);
    expect(await bodiesOf(task.id)).toEqual([
      ...first.lead.map((name) => ({ role: 'lead', name: first.successors[name]![0] })),
      ...first.coordinating.map((name) => ({ role: 'coordinating', name: first.successors[name]![0] })),
    ]);
    // The issuer too: written as the old ministry, published as today's.
    expect(source.issuerName).toBe(document.issuer);
    expect(source.issuerSuccessors).toEqual(document.issuerSuccessors);
    expect(source.issuerSuccessors).toHaveLength(1);
    const directive = (await office.get(`/api/directives/${directiveId}`)).json();
    expect(directive.issuer.name).toBe(document.issuerSuccessors[0]);
  });

  it('keeps a body split between several successors unresolved, naming them, for review to choose', async () => {
    const document = await extracted();
    const split = document.tasks.find((task) => Object.values(task.successors).some((today) => today.length > 1))!;
    const task = source.tasks.find((s) => s.ref === split.ref)!;
    expect(task.unresolvedBodies).toEqual(split.lead);
    expect(task.bodySuccessors).toEqual(split.successors);
    expect(await bodiesOf(task.id)).toEqual([]);
  });

  it("answers each field's confidence as the extractor scored it, until a person saves the task", async () => {
    const document = await extracted();
    expect(source.confidence).toEqual(document.confidence);
    expect(source.tasks.map((s) => [s.ref, s.confidence])).toEqual(document.tasks.map((x) => [x.ref, x.confidence]));
    // The plan has a field the review must look at (a body the registry does not know).
    expect(
      source.tasks.some((s) => Object.values(s.confidence ?? {}).some((f) => f.score < LOW_CONFIDENCE_BELOW)),
    ).toBe(true);

    const doubtful = source.tasks.find((s) => s.unresolvedBodies.length > 0 && s.ref !== document.tasks[1]?.ref)!;
    const current = (await office.get(`/api/tasks/${doubtful.id}`)).json();
    const saved = await office.patch(`/api/tasks/${doubtful.id}`, { version: current.version, text: current.text });
    expect(saved.statusCode).toBe(200);
    const after = (await office.get(`/api/directives/${directiveId}/source`)).json<{ tasks: SourceTask[] }>();
    expect(after.tasks.find((s) => s.id === doubtful.id)?.confidence).toBeNull();
    expect(after.tasks.filter((s) => s.id !== doubtful.id).every((s) => s.confidence !== null)).toBe(true);
  });

  // A task list as offices keep them: one row per task, with the progress already reached.
  const ROWS = [
    ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Tiến độ'],
    [
      '1',
      'Xây dựng cơ sở dữ liệu quốc gia về khoa học',
      'Bộ Khoa học và Công nghệ',
      'Bộ Tài chính',
      '30/6/2026',
      '40%',
    ],
    ['2', 'Hoàn thiện khung pháp lý về dữ liệu mở', 'Bộ Tư pháp', '', '31/12/2026', ''],
    ['3', 'Triển khai nền tảng học tập số', 'Bộ Giáo dục và Đào tạo', '', 'Quý IV/2026', '75'],
  ];
  const asCsv = () => new TextEncoder().encode(ROWS.map((row) => row.join(',')).join('\n'));
  const asXlsx = async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Nhiệm vụ').addRows(ROWS);
    return new Uint8Array(await book.xlsx.writeBuffer());
  };

  it.each([
    ['nhiem-vu.csv', 'text/csv', asCsv],
    ['nhiem-vu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', asXlsx],
  ])(
    'makes a draft of a task list (%s) whose tasks start at the progress it records, marked as imported',
    async (filename, type, bytesOf) => {
      const bytes = await bytesOf();
      const res = await office.request({
        method: 'POST',
        url: '/api/imports',
        ...multipart([{ field: 'file', filename, bytes: Buffer.from(bytes), contentType: type }]),
      });
      expect(res.statusCode).toBe(202);
      await drainJobs(t.app.ctx, [importDirectiveJob]);
      const job = (await office.get(`/api/jobs/${res.json().jobId}`)).json();
      expect(job.state).toBe('succeeded');
      const [draft] = job.result.directiveIds;
      const sheet = (await office.get(`/api/directives/${draft}/source`)).json<{
        tasks: (SourceTask & { startingProgress: number | null })[];
      }>();

      const expected = (await extractFromFile(bytes, filename, { registry: await loadRegistry(t.db, null) })).result
        .documents[0]!;
      expect(sheet.tasks.map((s) => s.startingProgress)).toEqual(expected.tasks.map((x) => x.startingProgress));
      expect(expected.tasks.filter((x) => x.startingProgress !== null).length).toBeGreaterThan(0);
      for (const [i, s] of sheet.tasks.entries()) {
        const starting = expected.tasks[i]!.startingProgress;
        const task = (await office.get(`/api/tasks/${s.id}`)).json();
        expect(task.progressPercent).toBe(starting ?? 0);
        const history = (await office.get(`/api/tasks/${s.id}/history`)).json<{
          items: { action: string; after: { percent?: number; filename?: string } }[];
        }>();
        const imported = history.items.filter((e) => e.action === 'progress_imported');
        expect(imported.map((e) => [e.after.percent, e.after.filename])).toEqual(
          starting === null ? [] : [[starting, filename]],
        );
      }
    },
  );
});
