import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { anonymous, useTestApp } from '../../test/app.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { buildApp } from '../app/app.ts';
import { addDays, vietnamDate } from '../calendar/calendar.ts';
import { loadConfig } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { localStorage } from '../storage/storage.ts';

const today = vietnamDate();

/** A province with a body under it, a ministry, a published plan with three tasks, and a draft. */
async function makeOpenCountry(db: Db) {
  const ministry = await makeAgency(db, { name: 'Bộ Tài chính' });
  const province = await makeAgency(db, { name: 'Tỉnh Nghệ An', level: 'province' });
  const department = await makeAgency(db, { name: 'Sở Tài chính Nghệ An', parent: province });
  const plan = await makeDirective(db, { number: '12-KH/UBND', issuedOn: '2025-05-02' });
  await db.query(sql`UPDATE directives SET title = ${'Kế hoạch <b>số hoá</b> & "dữ liệu"'} WHERE id = ${plan.id}`);
  const overdue = await makeTask(db, {
    directive: plan,
    lead: [department],
    coordinating: [ministry],
    dueDate: addDays(today, -20),
    text: 'Số hoá hồ sơ đất đai, "ưu tiên" các xã vùng cao',
  });
  const done = await makeTask(db, {
    directive: plan,
    lead: [ministry],
    dueDate: addDays(today, 10),
    completedOn: addDays(today, -2),
    progressPercent: 100,
    text: 'Hướng dẫn thanh toán điện tử cho dịch vụ công',
  });
  const open = await makeTask(db, { directive: plan, lead: [ministry], dueDate: addDays(today, 40) });
  const draft = await makeDirective(db, { number: '77-KH/NHAP', status: 'draft' });
  const draftTask = await makeTask(db, { directive: draft, lead: [ministry], text: 'Nhiệm vụ nháp KHONGCONGKHAI' });
  return { ministry, province, department, plan, overdue, done, open, draft, draftTask };
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF), as a spreadsheet reads them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('open data (/open-data and /api/public), without sign-in', () => {
  const ctx = useTestApp(makeOpenCountry);
  const visitor = () => anonymous(ctx.t.app);
  const get = (url: string, headers: Record<string, string> = {}) => visitor().request({ method: 'GET', url, headers });

  it('the page lists each data set with its downloads and its data dictionary, in Vietnamese and English', async () => {
    const res = await get('/open-data');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Dữ liệu mở</h1>');
    for (const set of ['tasks', 'directives', 'bodies', 'provinces']) {
      for (const format of ['csv', 'json', 'xlsx']) expect(res.body).toContain(`href="/open-data/${set}.${format}"`);
      expect(res.body).toContain(`href="/api/public/${set}"`);
    }
    // The dictionary explains each column the download has.
    const json = (await get('/open-data/tasks.json')).json<{ columns: { name: string; meaning: string }[] }>();
    for (const column of json.columns) {
      expect(res.body).toContain(`<td><code>${column.name}</code></td>`);
      expect(res.body).toContain(column.meaning.replaceAll('"', '&quot;'));
    }
    const en = await get('/open-data?lang=en');
    expect(en.body).toContain('<h1>Open data</h1>');
    expect(en.body).toContain('href="/open-data/tasks.csv?lang=en"');
    // The public site's header leads to it.
    expect((await get('/cong-khai')).body).toContain('href="/open-data">Dữ liệu mở</a>');
  });

  it('tasks.csv: UTF-8 with BOM, the Vietnamese and quoted text intact, published tasks only', async () => {
    const res = await get('/open-data/tasks.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    const column = (name: string) => header!.indexOf(name);
    const ids = rows.map((r) => Number(r[column('id')]));
    const { overdue, done, open, draftTask, department, ministry } = ctx.data;
    expect(ids).toEqual([overdue.id, done.id, open.id]);
    expect(ids).not.toContain(draftTask.id);
    const late = rows[0]!;
    expect(late[column('text')]).toBe('Số hoá hồ sơ đất đai, "ưu tiên" các xã vùng cao');
    expect(late[column('lead_bodies')]).toBe('Sở Tài chính Nghệ An');
    expect(late[column('lead_body_ids')]).toBe(String(department.id));
    expect(late[column('coordinating_body_ids')]).toBe(String(ministry.id));
    expect(late[column('state')]).toBe('in_progress_overdue');
    expect(late[column('days_overdue')]).toBe('20');
    expect(late[column('due_date')]).toBe(addDays(today, -20));
    expect(rows[1]![column('state')]).toBe('done_on_time');
    expect(res.body).not.toContain('KHONGCONGKHAI');
  });

  it('tasks.json and the .xlsx give the same rows, with their dictionary, the day of the data and a licence', async () => {
    const json = (await get('/open-data/tasks.json')).json<{
      asOf: string;
      licence: string;
      columns: { name: string; type: string; meaning: string }[];
      items: Record<string, unknown>[];
    }>();
    expect(json.asOf).toBe(today);
    expect(json.licence).toMatch(/Giấy phép/);
    expect(json.items.map((t) => t.id)).toEqual([ctx.data.overdue.id, ctx.data.done.id, ctx.data.open.id]);
    expect(json.columns.map((c) => c.name)).toEqual(Object.keys(json.items[0]!));
    expect(json.columns.every((c) => c.meaning && c.type)).toBe(true);

    const xlsx = await get('/open-data/tasks.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('tasks')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(json.columns.map((c) => c.name));
    expect(sheet.rowCount).toBe(1 + json.items.length);
    expect(values(2)[json.columns.findIndex((c) => c.name === 'text')]).toBe(json.items[0]!.text);
    const dictionary = book.getWorksheet('Từ điển dữ liệu')!;
    expect((dictionary.getRow(2).values as unknown[]).slice(1)).toEqual([
      json.columns[0]!.name,
      json.columns[0]!.type,
      json.columns[0]!.meaning,
    ]);
  });

  it('the bodies and provinces data sets carry the dashboard figures; directives only the published ones', async () => {
    const bodies = (await get('/open-data/bodies.json')).json<{ items: Record<string, unknown>[] }>().items;
    const ministry = bodies.find((b) => b.id === ctx.data.ministry.id)!;
    expect(ministry).toMatchObject({ name: 'Bộ Tài chính', tasks_led: 2, done_on_time: 1 });
    const provinces = (await get('/open-data/provinces.json')).json<{ items: Record<string, unknown>[] }>().items;
    expect(provinces.find((p) => p.id === ctx.data.province.id)).toMatchObject({
      tasks_led: 1,
      in_progress_overdue: 1,
    });
    const directives = (await get('/open-data/directives.csv')).body;
    expect(directives).toContain('12-KH/UBND');
    expect(directives).not.toContain('77-KH/NHAP');
  });

  it('the API pages in id order with a cursor, bounds the page size, and filters by province, body, directive and state', async () => {
    const seen: number[] = [];
    let url = '/api/public/tasks?limit=1';
    for (;;) {
      const res = await get(url);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: { id: number }[]; next: number | null }>();
      seen.push(...page.items.map((t) => t.id));
      if (page.next === null) break;
      url = `/api/public/tasks?limit=1&after=${page.next}`;
    }
    const { overdue, done, open, province, department, ministry, plan } = ctx.data;
    expect(seen).toEqual([overdue.id, done.id, open.id]);
    expect((await get('/api/public/tasks?limit=1001')).statusCode).toBe(400);

    const ids = async (query: string) =>
      (await get(`/api/public/tasks?${query}`)).json<{ items: { id: number }[] }>().items.map((t) => t.id);
    expect(await ids(`provinceId=${province.id}`)).toEqual([overdue.id]);
    expect(await ids(`bodyId=${department.id}`)).toEqual([overdue.id]);
    expect(await ids(`bodyId=${ministry.id}`)).toEqual([overdue.id, done.id, open.id]);
    expect(await ids(`directiveId=${plan.id}&state=done_on_time`)).toEqual([done.id]);
    expect(await ids(`directiveId=${ctx.data.draft.id}`)).toEqual([]);

    const directives = (await get('/api/public/directives')).json<{ items: { id: number }[] }>();
    expect(directives.items.map((d) => d.id)).toEqual([plan.id]);
    const bodies = (await get('/api/public/bodies?level=central')).json<{ items: { id: number }[] }>();
    expect(bodies.items.map((b) => b.id)).toEqual([ministry.id]);
  });

  it('the Atom feed names the published directive and the completed task, escaped, and not the draft', async () => {
    const res = await get('/open-data/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(
      res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'),
    ).toBe(true);
    expect(res.body).toContain('Kế hoạch &lt;b&gt;số hoá&lt;/b&gt; &amp; &quot;dữ liệu&quot;');
    expect(res.body).not.toContain('<b>');
    expect(res.body).toContain(`/cong-khai/nhiem-vu/${ctx.data.done.id}</`.replace('</', '"/>'));
    expect(res.body).toContain('Hướng dẫn thanh toán điện tử cho dịch vụ công');
    expect(res.body).not.toContain('77-KH/NHAP');
    // Every entry has the elements Atom requires.
    const entries = res.body.split('<entry>').slice(1);
    expect(entries).toHaveLength(2);
    for (const entry of entries)
      expect(entry).toMatch(/<id>tag:[^<]+<\/id>[\s\S]*<title>[\s\S]*<updated>[^<]+<\/updated>/);
  });

  it('answers 304 while nothing changed, and new content at once after a task changes, in every app process', async () => {
    const { t, data } = ctx;
    // A second app process on the same database, with its own in-memory copies.
    const dataDir = mkdtempSync(join(tmpdir(), 'giamsat-test-'));
    const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'false', WORKERS: 'false', LOG_LEVEL: 'silent' });
    const other = await buildApp(
      { db: t.db, config, storage: localStorage(join(dataDir, 'files')) },
      { logger: false },
    );
    try {
      for (const url of [
        '/cong-khai',
        `/cong-khai/van-ban/${data.plan.id}`,
        '/api/public/tasks',
        '/open-data/tasks.csv',
      ]) {
        const first = await get(url);
        const etag = first.headers.etag as string;
        expect(etag, url).toBeTruthy();
        expect(first.headers['cache-control']).toBe('public, no-cache');
        expect((await get(url, { 'if-none-match': etag })).statusCode, url).toBe(304);
        const elsewhere = await other.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
        expect(elsewhere.statusCode, url).toBe(304);
      }
      const before = await get(`/cong-khai/van-ban/${data.plan.id}`);
      const renamed = `Nhiệm vụ đã sửa ${Date.now()}`;
      await t.db.query(sql`UPDATE tasks SET text = ${renamed} WHERE id = ${data.open.id}`);
      for (const app of [t.app, other]) {
        for (const url of [`/cong-khai/van-ban/${data.plan.id}`, '/api/public/tasks', '/open-data/tasks.csv']) {
          const res = await app.inject({
            method: 'GET',
            url,
            headers: { 'if-none-match': before.headers.etag as string },
          });
          expect(res.statusCode, url).toBe(200);
          expect(res.body, url).toContain(renamed);
          expect(
            (await app.inject({ method: 'GET', url, headers: { 'if-none-match': res.headers.etag as string } }))
              .statusCode,
          ).toBe(304);
        }
      }
    } finally {
      await other.close();
    }
  });

  it('a write that rolls back changes nothing: the version stays and clients keep their copy', async () => {
    const first = await get('/api/public/directives');
    await expect(
      ctx.t.db.transaction(async (tx) => {
        await tx.query(sql`UPDATE directives SET title = 'không lưu' WHERE id = ${ctx.data.plan.id}`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const again = await get('/api/public/directives', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });
});
