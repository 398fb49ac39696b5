import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessions, type TestContext } from '../../test/app.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';
import { drainJobs } from '../jobs/job.service.ts';
import { periodicReportJob } from './periodic-report.service.ts';

// A province's office asks for its report of a period; a background job writes the .docx (administrative
// format) and the .xlsx, whose figures are the dashboard's on the period's last day.

describe('periodic reports', () => {
  let t: TestContext;
  let cast: RoleCast;
  let overdueRef: string;
  const as = sessions(() => t.app);

  beforeAll(async () => {
    t = await createTestApp();
    cast = await makeRoleCast(t.db);
    const plan = await makeDirective(t.db, { status: 'published', scope: cast.hanoi, level: 'province' });
    await makeTask(t.db, { directive: plan, lead: [cast.hanoiDept], dueDate: '2026-11-10', completedOn: '2026-11-05' });
    const late = await makeTask(t.db, { directive: plan, lead: [cast.hanoiDept], dueDate: '2026-11-15' });
    await makeTask(t.db, { directive: plan, lead: [cast.hanoiCommune], dueDate: '2027-03-31' });
    await makeTask(t.db, { directive: plan, lead: [cast.hanoiCommune], dueDate: '2027-06-30' });
    const other = await makeDirective(t.db, { status: 'published', scope: cast.danang, level: 'province' });
    await makeTask(t.db, { directive: other, lead: [cast.danangCommune], dueDate: '2026-11-01' });
    await makeTask(t.db, { directive: plan, lead: [cast.hanoiDept], deadlineKind: 'continuous' });
    const [row] = await t.db.query<{ ref: string }>(sql`SELECT ref FROM tasks WHERE id = ${late.id}`);
    overdueRef = row!.ref;
    // The late task's body wrote what holds it up and what it asks for; the report was accepted in the period.
    await t.db.query(sql`
      INSERT INTO progress_reports (task_id, agency_id, agency_role, author_id, percent, narrative, difficulties,
                                    recommendations, state, submitted_at, reviewed_at)
      VALUES (${late.id}, ${cast.hanoiDept.id}, 'lead', ${cast.users.focal.id}, 60, 'Đã khảo sát xong hiện trạng.',
              'Thiếu kinh phí thuê chuyên gia tư vấn.', 'Đề nghị Sở Tài chính bổ sung dự toán năm 2026.',
              'accepted', '2026-10-10 09:00+07', '2026-10-12 15:00+07')`);
  });
  afterAll(() => t?.close());

  it('makes the .docx and .xlsx of a province for a period, with the dashboard figures of its last day', async () => {
    const office = await as(cast.users.office);
    const asked = await office.post('/api/periodic-reports', {
      agencyId: cast.hanoi.id,
      from: '2026-09-01',
      to: '2026-11-30',
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const { id, jobId } = asked.json();
    expect((await office.get(`/api/periodic-reports/${id}/docx`)).statusCode).toBe(409);
    expect(await drainJobs(t.app.ctx, [periodicReportJob])).toBe(1);
    expect((await office.get(`/api/jobs/${jobId}`)).json()).toMatchObject({ state: 'succeeded' });

    const dashboard = (
      await office.get(`/api/dashboard?scope=agency&agencyId=${cast.hanoi.id}&asOf=2026-11-30`)
    ).json();
    const total: number = dashboard.totals.total.count;
    const byState: Record<string, { count: number }> = dashboard.totals.byState;
    expect(total).toBe(5);
    const before = (await office.get(`/api/dashboard?scope=agency&agencyId=${cast.hanoi.id}&asOf=2026-08-31`)).json()
      .totals.byState as Record<string, { count: number }>;

    const docx = await office.get(`/api/periodic-reports/${id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain('attachment');
    const { value: text } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ HÀ NỘI');
    expect(text).toContain('Hà Nội, ngày 30 tháng 11 năm 2026');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả thực hiện nhiệm vụ của Thành phố Hà Nội từ ngày 01/09/2026 đến ngày 30/11/2026');
    expect(text).toContain(`Tính đến ngày 30/11/2026, Thành phố Hà Nội có ${total} nhiệm vụ`);
    expect(text).toContain(`${overdueRef} (`);
    expect(text).toContain('Nơi nhận:');
    // Each deadline state at the start and end of the period and the change, as the dashboard counts them.
    const rows = text.split(/\n+/u);
    for (const state of ['Đang thực hiện quá hạn', 'Hoàn thành đúng hạn'] as const) {
      const key = state === 'Đang thực hiện quá hạn' ? 'in_progress_overdue' : 'done_on_time';
      const at = rows.indexOf(state);
      expect(at, state).toBeGreaterThan(-1);
      const [start, end, change] = rows.slice(at + 1, at + 4);
      expect([Number(start), Number(end), Number(change)]).toEqual([
        before[key]!.count,
        byState[key]!.count,
        byState[key]!.count - before[key]!.count,
      ]);
    }
    // Continuous tasks apart, and what the bodies raised in the period under the body's name.
    expect(text).toContain('2. Nhiệm vụ thường xuyên');
    const concerns = text.slice(text.indexOf('V. KHÓ KHĂN'));
    expect(concerns).toContain('Sở Khoa học và Công nghệ Hà Nội');
    expect(concerns).toContain('Khó khăn, vướng mắc: Thiếu kinh phí thuê chuyên gia tư vấn.');
    expect(concerns).toContain('Kiến nghị, đề xuất: Đề nghị Sở Tài chính bổ sung dự toán năm 2026.');
    // The chart is a drawing in the document, its bars the period-end counts of the deadline states.
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const chartPart = Object.keys(zip.files).find((name) => /^word\/charts\/chart\d+\.xml$/u.test(name));
    expect(chartPart).toBeTruthy();
    const chart = await zip.file(chartPart!)!.async('string');
    expect(chart).toContain('Đang thực hiện quá hạn');
    const values = [...chart.matchAll(/<c:val>[\s\S]*?<\/c:val>/gu)][0]![0];
    expect([...values.matchAll(/<c:v>([^<]*)<\/c:v>/gu)].map((v) => Number(v[1]))).toContain(
      byState.in_progress_overdue!.count,
    );
    expect(text).not.toContain('Phường Hải Châu');

    const xlsx = await office.get(`/api/periodic-reports/${id}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const tasks = book.getWorksheet('Nhiệm vụ')!;
    expect(tasks.rowCount - 1).toBe(total);
    expect(tasks.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(tasks.autoFilter).toBeTruthy();
    const lateRow = tasks.getRows(2, total)!.find((r) => r.getCell(1).value === overdueRef)!;
    expect(lateRow.getCell(5).value).toEqual(new Date('2026-11-15T00:00:00Z'));
    expect(lateRow.getCell(5).numFmt).toBe('dd/mm/yyyy');
    expect(lateRow.getCell(7).value).toBe('Đang thực hiện quá hạn');
    expect(lateRow.getCell(8).value).toBe(15);
    const states = book.getWorksheet('Theo trạng thái')!;
    const counted = Object.fromEntries(
      states.getRows(2, states.rowCount - 1)!.map((r) => [String(r.getCell(1).value), Number(r.getCell(2).value)]),
    );
    expect(counted['Đang thực hiện quá hạn']).toBe(byState.in_progress_overdue!.count);
    expect(counted['Hoàn thành đúng hạn']).toBe(byState.done_on_time!.count);
    expect(counted['Tổng số']).toBe(total);
  });

  it("keeps another province's body and another office's report out of reach, and a focal point cannot ask", async () => {
    const office = await as(cast.users.office);
    const { id } = (await office.post('/api/periodic-reports', { from: '2026-11-01', to: '2026-11-30' })).json();
    await drainJobs(t.app.ctx, [periodicReportJob]);
    const other = await as(cast.users.otherOffice);
    expect((await other.get(`/api/periodic-reports/${id}/xlsx`)).statusCode).toBe(404);
    expect(
      (await other.post('/api/periodic-reports', { agencyId: cast.hanoi.id, from: '2026-11-01', to: '2026-11-30' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await (await as(cast.users.focal)).post('/api/periodic-reports', { from: '2026-11-01', to: '2026-11-30' }))
        .statusCode,
    ).toBe(403);
  });
});
