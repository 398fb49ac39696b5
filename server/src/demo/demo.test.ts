import { readFileSync } from 'node:fs';
import { isHistoryAction } from '@giamsat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { makeProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { computeDashboard } from '../dashboard/dashboard.queries.ts';
import { sql } from '../db/sql.ts';
import type { PrintedAccount } from './accounts.ts';
import { ensureDemoData } from './demo.service.ts';
import { type GenerateResult, generateDemoData } from './generate.ts';

// The demo scale on a fresh database: it loads, and its data obeys the rules the API enforces, so the
// dashboard and the lists show what a real deployment would.

const REFERENCE_DATE = '2025-11-15';

describe('demo data', () => {
  let t: TestContext;
  let loaded: GenerateResult;

  const lastEventId = async () =>
    (await t.db.query<{ id: number }>(`SELECT max(id)::int AS id FROM events`))[0]?.id ?? 0;

  /**
   * The history rows matching `where`, by change ("task extend_deadline"): the distinct shapes of their
   * rows — the fields before and after (a list's items by their fields) and whether a reason is given.
   */
  const historyShapes = async (where: string) => {
    const fields = (value: unknown): unknown => {
      if (Array.isArray(value)) return value[0] && typeof value[0] === 'object' ? [fields(value[0])] : 'list';
      if (!value || typeof value !== 'object') return 'value';
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, fields((value as Record<string, unknown>)[key])]),
      );
    };
    const rows = await t.db.query<{
      entity_type: string;
      action: string;
      before: unknown;
      after: unknown;
      reason: string | null;
    }>(`SELECT entity_type, action, before, after, reason FROM events WHERE ${where}`);
    const shapes: Record<string, string[]> = {};
    for (const row of rows) {
      const shape = JSON.stringify([fields(row.before), fields(row.after), row.reason !== null]);
      const change = `${row.entity_type} ${row.action}`;
      const list = shapes[change] ?? [];
      if (!list.includes(shape)) shapes[change] = [...list, shape];
    }
    return shapes;
  };

  const count = async (query: string) => {
    const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${query}) x`);
    return row?.n ?? -1;
  };

  beforeAll(async () => {
    t = await createTestApp();
    loaded = await generateDemoData(t.db, { scale: 'demo', referenceDate: REFERENCE_DATE, seed: 57 });
  });
  afterAll(() => t.close());

  it('loads about 2,000 tasks across the three levels, with reports in every state', async () => {
    expect(loaded.counts.tasks).toBeGreaterThan(1500);
    expect(loaded.counts.tasks).toBeLessThan(2500);
    expect(await count('SELECT 1 FROM tasks')).toBe(loaded.counts.tasks);
    const levels = await t.db.query<{ level: string; n: number }>(`
      SELECT d.level, count(*)::int AS n FROM tasks t JOIN directives d ON d.id = t.directive_id GROUP BY d.level`);
    expect(levels.map((l) => l.level).sort()).toEqual(['central', 'commune', 'province']);
    const states = await t.db.query<{ state: string }>(`SELECT DISTINCT state FROM progress_reports ORDER BY state`);
    expect(states.map((s) => s.state)).toEqual(['accepted', 'draft', 'returned', 'submitted']);
    const kinds = await t.db.query<{ deadline_kind: string }>(`SELECT DISTINCT deadline_kind FROM tasks ORDER BY 1`);
    expect(kinds.map((k) => k.deadline_kind)).toEqual(['continuous', 'date', 'event', 'none', 'recurring']);
    expect(
      await count(`SELECT 1 FROM agencies WHERE level = 'commune' AND parent_id IN (
      SELECT id FROM agencies WHERE level = 'province' AND parent_id IS NULL)`),
    ).toBe(loaded.counts.communes);
  });

  it('shows every timeliness state on the reference date', async () => {
    const states = await t.db.query<{ state: string; n: number }>(
      `SELECT task_timeliness(deadline_kind, due_date, completed_on, last_accepted_report_at IS NOT NULL, $1::date) AS state,
              count(*)::int AS n
       FROM tasks GROUP BY 1 ORDER BY 1`,
      [REFERENCE_DATE],
    );
    expect(states.map((s) => s.state)).toEqual([
      'continuous_with_results',
      'continuous_without_results',
      'done_late',
      'done_on_time',
      'in_progress_on_time',
      'in_progress_overdue',
      'not_started',
    ]);
    for (const state of states) expect(state.n).toBeGreaterThan(5);
  });

  it('completes a task only on the Vietnamese day its lead body’s 100% report was accepted', async () => {
    expect(await count('SELECT 1 FROM tasks WHERE completed_on IS NOT NULL')).toBeGreaterThan(100);
    const broken = await count(`
      SELECT t.id FROM tasks t
      WHERE t.completed_on IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM progress_reports r
        JOIN task_assignments ta ON ta.task_id = r.task_id AND ta.agency_id = r.agency_id AND ta.role = 'lead'
        WHERE r.task_id = t.id AND r.state = 'accepted' AND r.percent = 100
          AND (r.reviewed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = t.completed_on)`);
    expect(broken).toBe(0);
    // …and a task with an accepted 100% lead report is completed.
    expect(
      await count(`
      SELECT 1 FROM tasks t JOIN progress_reports r ON r.task_id = t.id AND r.state = 'accepted' AND r.percent = 100
      JOIN task_assignments ta ON ta.task_id = r.task_id AND ta.agency_id = r.agency_id AND ta.role = 'lead'
      WHERE t.completed_on IS NULL`),
    ).toBe(0);
  });

  it('keeps progress_percent and last_accepted_report_at equal to the latest accepted lead report', async () => {
    const broken = await count(`
      SELECT t.id FROM tasks t
      LEFT JOIN LATERAL (
        SELECT r.percent, r.reviewed_at FROM progress_reports r
        JOIN task_assignments ta ON ta.task_id = r.task_id AND ta.agency_id = r.agency_id AND ta.role = 'lead'
        WHERE r.task_id = t.id AND r.state = 'accepted' ORDER BY r.reviewed_at DESC LIMIT 1) latest ON true
      WHERE t.progress_percent <> coalesce(latest.percent, 0)
         OR t.last_accepted_report_at IS DISTINCT FROM latest.reviewed_at`);
    expect(broken).toBe(0);
    // Coordinating bodies report too, without moving the task.
    expect(
      await count(`SELECT 1 FROM progress_reports WHERE agency_role = 'coordinating' AND state = 'accepted'`),
    ).toBeGreaterThan(10);
    // Drafts are never reviewed; reviewed reports have a reviewer.
    expect(
      await count(`SELECT 1 FROM progress_reports WHERE (state = 'draft' AND (submitted_at IS NOT NULL OR reviewed_at IS NOT NULL))
        OR (state IN ('accepted', 'returned') AND (reviewed_by IS NULL OR reviewed_at < submitted_at))`),
    ).toBe(0);
  });

  it('links every province plan task to a central task, and every commune task to a province task', async () => {
    const byLevel = await t.db.query<{ level: string; parent_level: string | null; n: number }>(`
      SELECT d.level, pd.level AS parent_level, count(*)::int AS n
      FROM tasks t JOIN directives d ON d.id = t.directive_id
      LEFT JOIN tasks p ON p.id = t.parent_task_id LEFT JOIN directives pd ON pd.id = p.directive_id
      GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(byLevel.map((r) => [r.level, r.parent_level])).toEqual([
      ['central', null],
      ['commune', 'province'],
      ['province', 'central'],
    ]);
    // The plan names the directive it implements, by number.
    expect(
      await count(`
      SELECT 1 FROM tasks t JOIN directives d ON d.id = t.directive_id JOIN tasks p ON p.id = t.parent_task_id
      JOIN directives pd ON pd.id = p.directive_id
      WHERE NOT EXISTS (SELECT 1 FROM directive_implements i WHERE i.directive_id = d.id AND i.implements_norm = pd.number_norm)`),
    ).toBe(0);
  });

  it('names the commune on the province tasks its plan implements', async () => {
    expect(
      await count(`
      SELECT 1 FROM tasks t JOIN directives d ON d.id = t.directive_id JOIN tasks p ON p.id = t.parent_task_id
      JOIN task_assignments lead ON lead.task_id = t.id AND lead.role = 'lead'
      WHERE d.level = 'commune' AND NOT EXISTS (
        SELECT 1 FROM task_assignments ta WHERE ta.task_id = p.id AND ta.agency_id = lead.agency_id)`),
    ).toBe(0);
    // The commune's standing office finds, in its scope, Hà Nội's tasks to plan under.
    const office = loaded.accounts.find((a) => a.username === 'vp.xa.hanoi');
    if (!office) throw new Error('no commune office account');
    const client = await loginAs(t.app, office);
    const me = (await client.get('/api/auth/me')).json();
    const scope = me.user.scopeAgency as { id: number; name: string };
    const list = await client.get(`/api/tasks?agencyId=${scope.id}&subtree=true&level=province&status=published`);
    expect(list.statusCode).toBe(200);
    const tasks = list.json().items as { deadline: { due: string | null } }[];
    expect(tasks.filter((task) => task.deadline.due !== null).length).toBeGreaterThan(0);
  });

  it('holds each commune and province as one body with its People’s Committee, found by the committee’s names', async () => {
    // Two records ("Phường An Lạc" and "Ủy ban nhân dân phường An Lạc") would split the work between them.
    expect(
      await count(`SELECT 1 FROM agencies WHERE name LIKE 'Ủy ban nhân dân %' AND level IN ('province', 'commune')
                   AND kind <> 'group'`),
    ).toBe(0);
    const admin = await loginAs(t.app, { username: 'admin' });
    const pairs = (await admin.get('/api/agencies/duplicates?limit=200')).json() as { items: { reason: string }[] };
    expect(pairs.items.filter((p) => p.reason === 'committee')).toEqual([]);
    const office = loaded.accounts.find((a) => a.username === 'vp.xa.hanoi');
    const me = (await (await loginAs(t.app, office as PrintedAccount)).get('/api/auth/me')).json();
    const commune = me.user.scopeAgency as { id: number; name: string };
    const committee = `Ủy ban nhân dân ${commune.name.charAt(0).toLowerCase()}${commune.name.slice(1)}`;
    const found = await admin.get(`/api/agencies?q=${encodeURIComponent(committee)}&withinId=${commune.id}`);
    expect((found.json() as { items: { id: number }[] }).items.map((a) => a.id)).toEqual([commune.id]);
    // Every body a task can be given to has an account to report with: the commune's focal point too.
    expect(me.user.agency.id).toBe(commune.id);
  });

  it('keeps the first deadline: moved only by an accepted extension', async () => {
    expect(await count('SELECT 1 FROM tasks WHERE first_due_date > due_date')).toBe(0);
    const extended = await count('SELECT 1 FROM tasks WHERE first_due_date < due_date');
    expect(extended).toBeGreaterThan(5);
    expect(
      await count(`
      SELECT 1 FROM tasks t WHERE t.first_due_date IS DISTINCT FROM t.due_date AND NOT EXISTS (
        SELECT 1 FROM deadline_extensions e WHERE e.task_id = t.id AND e.state = 'accepted'
          AND e.current_due = t.first_due_date AND e.requested_due = t.due_date)`),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM deadline_extensions WHERE state = 'pending'`)).toBeGreaterThan(0);
    expect(await count(`SELECT 1 FROM events WHERE entity_type = 'task' AND action = 'extend_deadline'`)).toBe(
      extended,
    );
  });

  it('writes history as the app does: the same changes, with the same fields, each one the timeline names', async () => {
    const demoFirst = await lastEventId();
    const demo = await historyShapes(`id <= ${demoFirst}`);
    // The app's own rows, written through the API on a plan of its own: published with a task, a twin
    // linked, a deadline extended and another refused, reports returned, accepted and completing the task.
    const w = await makeProgressWorld(t.db);
    const [office, lead] = [await loginAs(t.app, w.users.office), await loginAs(t.app, w.users.leadFocal)];
    const ok = async (reply: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
      const res = await reply;
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { id: number; version: number; taskIds: number[]; items: unknown[] };
    };
    const plan = await ok(
      office.post('/api/plans', {
        directive: {
          number: '99-KH/UBND',
          level: 'province',
          title: 'Kế hoạch thực hiện',
          implements: [w.directive.number],
        },
        tasks: [
          {
            text: 'Triển khai nền tảng dữ liệu',
            leadAgencyIds: [w.leadBody.id],
            deadline: { kind: 'date', raw: '30/11/2025', due: '2025-11-30' },
            parentTaskId: w.task.id,
          },
        ],
        publish: true,
      }),
    );
    const other = await makeDirective(t.db, { level: 'province', scope: w.province, programme: 'NQ71' });
    const twin = await makeTask(t.db, { directive: other, lead: [w.leadBody] });
    await ok(office.post(`/api/tasks/${w.task.id}/twins/${twin.id}`));
    const extend = async (requestedDue: string, decision: object) => {
      const asked = await ok(
        lead.post(`/api/tasks/${w.task.id}/extensions`, { requestedDue, reason: 'Cần thêm thời gian' }),
      );
      await ok(office.post(`/api/extensions/${asked.id}/decide`, decision));
    };
    await extend('2026-03-31', { decision: 'accept', comment: 'Đồng ý gia hạn.' });
    await extend('2026-06-30', { decision: 'reject', comment: 'Không đồng ý gia hạn.' });
    const report = async (percent: number, review: object[]) => {
      const made = await ok(lead.post(`/api/tasks/${w.task.id}/reports`, { percent, narrative: 'Đã triển khai.' }));
      await ok(lead.post(`/api/reports/${made.id}/links`, { url: 'https://hanoi.gov.vn/tin', title: 'Tin bài' }));
      await ok(
        lead.request({
          method: 'POST',
          url: `/api/reports/${made.id}/evidence`,
          ...multipart([{ filename: 'bien-ban.pdf', bytes: samplePdf() }]),
        }),
      );
      for (const decision of review) {
        await ok(lead.post(`/api/reports/${made.id}/submit`, {}));
        await ok(office.post(`/api/reports/${made.id}/review`, decision));
      }
    };
    await report(60, [{ decision: 'return', comment: 'Bổ sung số liệu.' }, { decision: 'accept' }]);
    await report(100, [{ decision: 'accept', comment: 'Hoàn thành.' }]);
    expect(plan.taskIds).toHaveLength(1);
    const app = await historyShapes(`id > ${demoFirst}`);

    // Every change the demo records is one the app records, with the same fields before and after and a
    // reason where the app gives one; and each change on a task's timeline has its words in both languages.
    const timeline = ['vi', 'en'].map(
      (lang) =>
        JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8')).timeline,
    );
    expect(Object.keys(demo).length).toBeGreaterThan(10);
    for (const [change, shapes] of Object.entries(demo)) {
      const [entity, action] = change.split(' ') as [string, string];
      expect(isHistoryAction(entity, action), change).toBe(true);
      expect(app[change], `${change}: the app wrote none`).toBeDefined();
      for (const shape of shapes) expect(app[change], change).toContain(shape);
      if (entity !== 'directive')
        for (const words of timeline) expect(words[entity]?.[action], change).toBeTypeOf('string');
    }
  });

  it('gives the national dashboard read from the day’s tally the same figures as judging each task', async () => {
    // The bulk load skips triggers where it may: the lead bodies they keep must be set all the same.
    expect(
      await count(`SELECT 1 FROM tasks t WHERE t.lead_agency_ids IS DISTINCT FROM
      coalesce((SELECT array_agg(agency_id ORDER BY agency_id) FROM task_assignments
                WHERE task_id = t.id AND role = 'lead'), '{}')`),
    ).toBe(0);
    const judged = await computeDashboard(t.db, sql`TRUE`, REFERENCE_DATE, {});
    const tallied = await computeDashboard(t.db, sql`TRUE`, REFERENCE_DATE, {
      tally: { level: null, programmeCode: null },
    });
    expect(tallied).toEqual(judged);
    expect(tallied.byProvince.filter((province) => province.total > 0).length).toBeGreaterThan(30);
    expect(tallied.byAgency.rows.length).toBeGreaterThan(50);
  });

  it('lets each demo account sign in with its role', async () => {
    expect(loaded.accounts.map((a: PrintedAccount) => a.role).sort()).toEqual(
      ['admin', 'focal', 'focal', 'focal', 'head', 'inspector', 'office', 'office', 'office'].sort(),
    );
    for (const account of loaded.accounts) {
      const client = await loginAs(t.app, account);
      const me = await client.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ username: account.username, role: account.role });
    }
  });

  it('is loaded at start only into an empty database', async () => {
    const before = await count('SELECT 1 FROM tasks');
    await ensureDemoData(t.db, { log: () => {} });
    expect(await count('SELECT 1 FROM tasks')).toBe(before);
  });
});
