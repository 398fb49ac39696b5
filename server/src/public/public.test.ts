import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDay } from '@giamsat/shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, type TestContext, useTestApp } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { makeReport } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { addDays, vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

const today = vietnamDate();
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** A published central plan with an overdue task, a completed one with its accepted result, a provincial plan under it, and a draft. */
async function makeCountry(db: Db) {
  const ministry = await makeAgency(db, { name: 'Bộ Khoa học và Công nghệ' });
  const province = await makeAgency(db, { name: 'Tỉnh Thái Nguyên', level: 'province' });
  const department = await makeAgency(db, { name: 'Sở Khoa học và Công nghệ Thái Nguyên', parent: province });
  const plan = await makeDirective(db, { number: '07-KH/BCĐTW', issuedOn: '2025-03-10' });
  const overdueDue = addDays(today, -45);
  const overdue = await makeTask(db, {
    directive: plan,
    lead: [department],
    coordinating: [ministry],
    dueDate: overdueDue,
    text: 'Chuyển đổi số trong quản lý đất đai của tỉnh',
  });
  const completedOn = addDays(today, -3);
  const done = await makeTask(db, {
    directive: plan,
    lead: [ministry],
    dueDate: addDays(today, 20),
    completedOn,
    progressPercent: 100,
    lastAcceptedReportAt: new Date(),
    text: 'Xây dựng Cổng dữ liệu khoa học quốc gia',
  });
  const focal = await makeUser(db, { role: 'focal', agency: ministry });
  await makeReport(db, {
    task: done,
    agency: ministry,
    author: focal,
    state: 'accepted',
    percent: 100,
    narrative: 'Cổng dữ liệu đã vận hành chính thức, kết nối 12 cơ sở dữ liệu',
  });
  await makeReport(db, {
    task: done,
    agency: ministry,
    author: focal,
    state: 'submitted',
    narrative: 'Báo cáo đang chờ duyệt, chưa công khai',
  });
  const markup = await makeTask(db, {
    directive: plan,
    lead: [ministry],
    dueDate: addDays(today, 60),
    text: 'Rà soát <script>alert(1)</script> "dữ liệu" & hạ tầng',
  });
  const lower = await makeDirective(db, { number: '15-KH/UBND', level: 'province', issuedOn: '2025-04-01' });
  await db.query(
    sql`INSERT INTO directive_implements (directive_id, implements_number) VALUES (${lower.id}, ${plan.number})`,
  );
  const draft = await makeDirective(db, { number: '99-KH/NHAP', status: 'draft' });
  const draftTask = await makeTask(db, {
    directive: draft,
    lead: [ministry],
    text: 'Chuyển đổi số bản nháp chưa ban hành',
  });
  return {
    ministry,
    province,
    department,
    plan,
    overdue,
    overdueDue,
    done,
    completedOn,
    markup,
    lower,
    draft,
    draftTask,
    focal,
  };
}

describe('the public site (Ba công khai), without sign-in', () => {
  const ctx = useTestApp(makeCountry);
  const get = (url: string) => anonymous(ctx.t.app).get(url);

  it('home: the national picture over published directives, in Vietnamese, with the provinces and ministries', async () => {
    const res = await get('/cong-khai');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const page = res.body;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Tỷ lệ hoàn thành đúng hạn');
    expect(page).toContain('Đang thực hiện quá hạn');
    // The overdue task, 45 days late, is in the 31–90 days band.
    expect(page).toMatch(/<span>31–90 ngày<\/span><strong>1<\/strong>/);
    // Completed in the last 30 days, with the day it was completed.
    expect(page).toContain('Xây dựng Cổng dữ liệu khoa học quốc gia');
    expect(page).toContain(formatDay(ctx.data.completedOn));
    // The provinces' table links to the province's page; the ministries' table to the ministry's.
    expect(page).toContain(`href="/cong-khai/co-quan/${ctx.data.province.id}">Tỉnh Thái Nguyên</a>`);
    expect(page).toContain(`href="/cong-khai/co-quan/${ctx.data.ministry.id}">Bộ Khoa học và Công nghệ</a>`);
    expect(page).not.toContain('<script');
  });

  it('speaks English with ?lang=en, keeps dates dd/mm/yyyy and keeps the language in its links', async () => {
    const page = (await get('/cong-khai?lang=en')).body;
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('On-time completion rate');
    expect(page).toContain(formatDay(ctx.data.completedOn));
    expect(page).toContain(`href="/cong-khai/co-quan/${ctx.data.province.id}?lang=en"`);
    expect(page).toContain('href="/cong-khai" hreflang="vi"');
  });

  it('a province: its overdue tasks by name with days overdue, completed ones with their accepted result', async () => {
    const res = await get(`/cong-khai/co-quan/${ctx.data.province.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Tỉnh Thái Nguyên</h1>');
    expect(res.body).toContain('Chuyển đổi số trong quản lý đất đai của tỉnh');
    expect(res.body).toContain(`Quá hạn ${daysBetween(ctx.data.overdueDue, today)} ngày`);

    const ministry = (await get(`/cong-khai/co-quan/${ctx.data.ministry.id}`)).body;
    expect(ministry).toContain('Cổng dữ liệu đã vận hành chính thức, kết nối 12 cơ sở dữ liệu');
    // It coordinates on the province's task.
    expect(ministry).toMatch(/Nhiệm vụ phối hợp \(1\)[\s\S]*Chuyển đổi số trong quản lý đất đai/);
  });

  it('a directive: its tasks with state, lead, deadline and result, and the lower plans implementing it', async () => {
    const res = await get(`/cong-khai/van-ban/${ctx.data.plan.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('07-KH/BCĐTW');
    expect(res.body).toContain('Hoàn thành đúng hạn');
    expect(res.body).toContain('Sở Khoa học và Công nghệ Thái Nguyên');
    expect(res.body).toContain(formatDay(ctx.data.overdueDue));
    expect(res.body).toContain('Cổng dữ liệu đã vận hành chính thức');
    expect(res.body).toContain(`href="/cong-khai/van-ban/${ctx.data.lower.id}">15-KH/UBND`);
  });

  it('a task: the timeline of its accepted reports only, without who wrote them', async () => {
    const res = await get(`/cong-khai/nhiem-vu/${ctx.data.done.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Cổng dữ liệu đã vận hành chính thức');
    expect(res.body).not.toContain('Báo cáo đang chờ duyệt');
    expect(res.body).not.toContain(ctx.data.focal.username);
  });

  it('every value is escaped: a task text with markup shows as text', async () => {
    const res = await get(`/cong-khai/nhiem-vu/${ctx.data.markup.id}`);
    expect(res.body).toContain('Rà soát &lt;script&gt;alert(1)&lt;/script&gt; &quot;dữ liệu&quot; &amp; hạ tầng');
    expect(res.body).not.toContain('<script>');
  });

  it('search without diacritics finds published directives and live tasks, never a draft', async () => {
    const res = await get('/cong-khai/tim-kiem?q=chuyen%20doi%20so');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Chuyển đổi số trong quản lý đất đai của tỉnh');
    expect(res.body).not.toContain('bản nháp');
    const byNumber = (await get('/cong-khai/tim-kiem?q=07-kh')).body;
    expect(byNumber).toContain(`href="/cong-khai/van-ban/${ctx.data.plan.id}"`);
  });

  it('a draft, a task of a draft or a malformed address is the site\'s "not found" page', async () => {
    for (const url of [
      `/cong-khai/van-ban/${ctx.data.draft.id}`,
      `/cong-khai/nhiem-vu/${ctx.data.draftTask.id}`,
      '/cong-khai/nhiem-vu/abc',
      '/cong-khai/co-quan/999999999',
      '/cong-khai/khong-co',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('Không tìm thấy');
      expect(res.body, url).not.toContain('bản nháp');
    }
  });
});

describe('who lands where at /', () => {
  let t: TestContext;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'giamsat-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root">web app</div>');
    t = await createTestApp({}, { webDist: dist });
  });
  afterAll(() => t?.close());

  it('a visitor is sent to the public site; a signed-in user gets the web app; the web app never answers /cong-khai', async () => {
    const visitor = await anonymous(t.app).get('/');
    expect(visitor.statusCode).toBe(302);
    expect(visitor.headers.location).toBe('/cong-khai');

    const office = await makeUser(t.db, { role: 'office', agency: await makeAgency(t.db), scope: null });
    const signedIn = await (await loginAs(t.app, office)).get('/');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain('web app');

    const home = await anonymous(t.app).get('/cong-khai');
    expect(home.body).toContain('Ba công khai');
    const unknown = await anonymous(t.app).get('/cong-khai/khong-co');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain('web app');
    // The web app's own addresses still get the web app.
    expect((await anonymous(t.app).get('/tasks/12')).body).toContain('web app');
  });
});
