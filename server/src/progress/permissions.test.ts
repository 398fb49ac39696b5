import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import {
  makeProgressWorld,
  makeReport,
  multipart,
  type ProgressWorld,
  samplePdf,
} from '../../test/factories/progress.ts';
import { makeTask } from '../../test/factories.ts';
import { sql } from '../db/sql.ts';

// Every write route of progress × every role: who may, who is refused, and how (401 not signed in,
// 404 cannot see it, 403 can see it but may not do it).
type RoleName = keyof ProgressWorld['users'] | 'public';
const ROLES: RoleName[] = [
  'admin',
  'office',
  'otherOffice',
  'leadFocal',
  'coordinatingFocal',
  'unrelatedFocal',
  'head',
  'inspector',
  'public',
];

describe('progress write routes × roles', () => {
  let t: TestContext;
  let w: ProgressWorld;
  const clients = new Map<RoleName, Client>();
  const as = (role: RoleName) => clients.get(role)!;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeProgressWorld(t.db);
    for (const role of ROLES) {
      clients.set(role, role === 'public' ? anonymous(t.app) : await loginAs(t.app, w.users[role]));
    }
  });
  afterAll(() => t.close());

  const leadDraft = () => makeReport(t.db, { task: w.task, agency: w.leadBody, author: w.users.leadFocal });
  const newTask = () =>
    makeTask(t.db, {
      directive: w.directive,
      lead: [w.leadBody],
      coordinating: [w.coordinatingBody],
      dueDate: '2025-09-30',
    });

  const cases: Record<string, Record<RoleName, number>> = {
    'POST /api/tasks/:id/reports': {
      admin: 403,
      office: 403,
      otherOffice: 404,
      leadFocal: 201,
      coordinatingFocal: 201,
      unrelatedFocal: 404,
      head: 201,
      inspector: 403,
      public: 401,
    },
    // A draft is seen by its own body only, so every other role gets 404.
    'PATCH /api/reports/:id': {
      admin: 404,
      office: 404,
      otherOffice: 404,
      leadFocal: 200,
      coordinatingFocal: 404,
      unrelatedFocal: 404,
      head: 200,
      inspector: 404,
      public: 401,
    },
    'POST /api/reports/:id/submit': {
      admin: 404,
      office: 404,
      otherOffice: 404,
      leadFocal: 200,
      coordinatingFocal: 404,
      unrelatedFocal: 404,
      head: 200,
      inspector: 404,
      public: 401,
    },
    'POST /api/reports/:id/review': {
      admin: 200,
      office: 200,
      otherOffice: 404,
      leadFocal: 403,
      coordinatingFocal: 403,
      unrelatedFocal: 404,
      head: 403,
      inspector: 403,
      public: 401,
    },
    'POST /api/reports/:id/evidence': {
      admin: 404,
      office: 404,
      otherOffice: 404,
      leadFocal: 201,
      coordinatingFocal: 404,
      unrelatedFocal: 404,
      head: 201,
      inspector: 404,
      public: 401,
    },
    'POST /api/reports/:id/links': {
      admin: 404,
      office: 404,
      otherOffice: 404,
      leadFocal: 201,
      coordinatingFocal: 404,
      unrelatedFocal: 404,
      head: 201,
      inspector: 404,
      public: 401,
    },
    'DELETE /api/evidence/:id': {
      admin: 404,
      office: 404,
      otherOffice: 404,
      leadFocal: 204,
      coordinatingFocal: 404,
      unrelatedFocal: 404,
      head: 204,
      inspector: 404,
      public: 401,
    },
    'POST /api/tasks/:id/extensions': {
      admin: 403,
      office: 403,
      otherOffice: 404,
      leadFocal: 201,
      coordinatingFocal: 403,
      unrelatedFocal: 404,
      head: 201,
      inspector: 403,
      public: 401,
    },
    'POST /api/extensions/:id/decide': {
      admin: 200,
      office: 200,
      otherOffice: 404,
      leadFocal: 403,
      coordinatingFocal: 403,
      unrelatedFocal: 404,
      head: 403,
      inspector: 403,
      public: 401,
    },
  };

  const perform: Record<string, (client: Client) => Promise<{ statusCode: number; body: string }>> = {
    'POST /api/tasks/:id/reports': (c) =>
      c.post(`/api/tasks/${w.task.id}/reports`, { percent: 30, narrative: 'Đã ban hành kế hoạch triển khai.' }),
    'PATCH /api/reports/:id': async (c) => {
      const report = await leadDraft();
      return c.patch(`/api/reports/${report.id}`, { version: report.version, percent: 40 });
    },
    'POST /api/reports/:id/submit': async (c) => c.post(`/api/reports/${(await leadDraft()).id}/submit`),
    'POST /api/reports/:id/review': async (c) => {
      const report = await makeReport(t.db, {
        task: w.task,
        agency: w.leadBody,
        author: w.users.leadFocal,
        state: 'submitted',
      });
      return c.post(`/api/reports/${report.id}/review`, { decision: 'accept' });
    },
    'POST /api/reports/:id/evidence': async (c) => {
      const report = await leadDraft();
      const body = multipart([{ filename: 'bao-cao.pdf', bytes: samplePdf() }]);
      return c.request({ method: 'POST', url: `/api/reports/${report.id}/evidence`, ...body });
    },
    'POST /api/reports/:id/links': async (c) =>
      c.post(`/api/reports/${(await leadDraft()).id}/links`, {
        url: 'https://hanoi.gov.vn/ke-hoach-chuyen-doi-so',
        title: 'Cổng thông tin',
      }),
    'DELETE /api/evidence/:id': async (c) => {
      const report = await leadDraft();
      const [evidence] = await t.db.query<{ id: number }>(sql`
        INSERT INTO evidence (report_id, kind, url, title) VALUES (${report.id}, 'link', 'https://hanoi.gov.vn', 'Trang')
        RETURNING id`);
      return c.delete(`/api/evidence/${evidence!.id}`);
    },
    'POST /api/tasks/:id/extensions': async (c) =>
      c.post(`/api/tasks/${(await newTask()).id}/extensions`, {
        requestedDue: '2025-12-31',
        reason: 'Chờ bố trí kinh phí năm 2026',
      }),
    'POST /api/extensions/:id/decide': async (c) => {
      const task = await newTask();
      const [extension] = await t.db.query<{ id: number }>(sql`
        INSERT INTO deadline_extensions (task_id, agency_id, requested_by, current_due, requested_due, reason)
        VALUES (${task.id}, ${w.leadBody.id}, ${w.users.leadFocal.id}, '2025-09-30', '2025-12-31', 'Chờ kinh phí')
        RETURNING id`);
      return c.post(`/api/extensions/${extension!.id}/decide`, { decision: 'accept' });
    },
  };

  for (const [route, expected] of Object.entries(cases)) {
    describe(route, () => {
      for (const role of ROLES) {
        it(`${role} → ${expected[role]}`, async () => {
          const res = await perform[route]!(as(role));
          expect(res.statusCode, res.body).toBe(expected[role]);
        });
      }
    });
  }

  it('a body that can see a submitted report of another body still may not change it', async () => {
    const report = await makeReport(t.db, {
      task: w.task,
      agency: w.leadBody,
      author: w.users.leadFocal,
      state: 'returned',
    });
    const res = await as('coordinatingFocal').patch(`/api/reports/${report.id}`, {
      version: report.version,
      percent: 90,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'REPORT_NOT_OWN_BODY' });
    const [row] = await t.db.query<{ percent: number }>(
      sql`SELECT percent FROM progress_reports WHERE id = ${report.id}`,
    );
    expect(row!.percent).toBe(50);
  });

  it('a coordinating body is told it is not the lead when asking for more time', async () => {
    const res = await as('coordinatingFocal').post(`/api/tasks/${(await newTask()).id}/extensions`, {
      requestedDue: '2025-12-31',
      reason: 'Xin thêm thời gian',
    });
    expect(res.json()).toMatchObject({ code: 'PROGRESS_BODY_NOT_LEAD' });
  });
});
