import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

// Every write route of directives, tasks and plans, tried by every role: allowed (2xx and a history row) or
// refused (the stated status and nothing written). Data of the Hà Nội office's scope; "other office"
// is Đà Nẵng's. A draft of another office is invisible (404); a visible task not yours to manage is 403.

type RoleName = 'admin' | 'office' | 'otherOffice' | 'focal' | 'head' | 'inspector' | 'public';
const ROLES: RoleName[] = ['admin', 'office', 'otherOffice', 'focal', 'head', 'inspector', 'public'];

interface Attempt {
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
}

interface RouteCase {
  name: string;
  setup(cast: RoleCast, t: TestContext): Promise<Attempt>;
  expected: Record<RoleName, number>;
}

const draftOf = (cast: RoleCast, t: TestContext) =>
  makeDirective(t.db, { status: 'draft', level: 'province', scope: cast.hanoi });
const publishedOf = (cast: RoleCast, t: TestContext, programme = 'NQ57') =>
  makeDirective(t.db, { status: 'published', level: 'province', scope: cast.hanoi, programme });

// Inspectors read everything, drafts included: a draft is visible to them but not theirs to change.
const onDraft = { admin: 0, office: 0, otherOffice: 404, focal: 404, head: 404, inspector: 403, public: 401 };
const onDraftTask = onDraft;
const onPublishedTask = { admin: 0, office: 0, otherOffice: 404, focal: 403, head: 403, inspector: 403, public: 401 };
const ok = (status: number, table: Record<RoleName, number>) =>
  Object.fromEntries(Object.entries(table).map(([role, s]) => [role, s === 0 ? status : s])) as Record<
    RoleName,
    number
  >;

const CASES: RouteCase[] = [
  {
    name: 'POST /api/directives',
    async setup(cast) {
      return {
        method: 'POST',
        url: '/api/directives',
        payload: {
          number: '05-KH/UBND',
          level: 'province',
          title: 'Kế hoạch chuyển đổi số',
          scopeAgencyId: cast.hanoi.id,
        },
      };
    },
    expected: { admin: 201, office: 201, otherOffice: 403, focal: 403, head: 403, inspector: 403, public: 401 },
  },
  ...[false, true].map(
    (publish): RouteCase => ({
      name: `POST /api/plans${publish ? ' (publishing)' : ''}`,
      async setup(cast, t) {
        const central = await makeDirective(t.db, { status: 'published', level: 'central' });
        const higher = await makeTask(t.db, { directive: central, lead: [cast.hanoi], dueDate: '2027-06-30' });
        return {
          method: 'POST',
          url: '/api/plans',
          payload: {
            directive: {
              number: '06-KH/UBND',
              level: 'province',
              implements: [central.number],
              scopeAgencyId: cast.hanoi.id,
            },
            tasks: [
              {
                text: 'Triển khai nền tảng số của thành phố',
                leadAgencyIds: [cast.hanoiDept.id],
                parentTaskId: higher.id,
              },
            ],
            publish,
          },
        };
      },
      expected: { admin: 201, office: 201, otherOffice: 403, focal: 403, head: 403, inspector: 403, public: 401 },
    }),
  ),
  {
    name: 'PATCH /api/directives/:id',
    async setup(cast, t) {
      const d = await draftOf(cast, t);
      return { method: 'PATCH', url: `/api/directives/${d.id}`, payload: { version: 1, title: 'Tiêu đề mới' } };
    },
    expected: ok(200, onDraft),
  },
  {
    name: 'POST /api/directives/:id/publish',
    async setup(cast, t) {
      const d = await draftOf(cast, t);
      await makeTask(t.db, { directive: d, lead: [cast.hanoiDept] });
      return { method: 'POST', url: `/api/directives/${d.id}/publish` };
    },
    expected: ok(200, onDraft),
  },
  {
    name: 'DELETE /api/directives/:id',
    async setup(cast, t) {
      const d = await draftOf(cast, t);
      return { method: 'DELETE', url: `/api/directives/${d.id}` };
    },
    expected: ok(204, onDraft),
  },
  {
    name: 'POST /api/directives/:id/tasks',
    async setup(cast, t) {
      const d = await draftOf(cast, t);
      return {
        method: 'POST',
        url: `/api/directives/${d.id}/tasks`,
        payload: { text: 'Số hóa hồ sơ lưu trữ', leadAgencyIds: [cast.hanoiDept.id] },
      };
    },
    expected: ok(201, onDraft),
  },
  {
    name: 'PATCH /api/tasks/:id',
    async setup(cast, t) {
      const task = await makeTask(t.db, { directive: await publishedOf(cast, t), lead: [cast.hanoiDept] });
      return { method: 'PATCH', url: `/api/tasks/${task.id}`, payload: { version: 1, note: 'Ghi chú' } };
    },
    expected: ok(200, onPublishedTask),
  },
  {
    name: 'DELETE /api/tasks/:id',
    async setup(cast, t) {
      const task = await makeTask(t.db, { directive: await draftOf(cast, t), lead: [cast.hanoiDept] });
      return { method: 'DELETE', url: `/api/tasks/${task.id}` };
    },
    expected: ok(204, onDraftTask),
  },
  {
    name: 'POST /api/tasks/:id/split',
    async setup(cast, t) {
      const task = await makeTask(t.db, { directive: await draftOf(cast, t), lead: [cast.hanoiDept] });
      return {
        method: 'POST',
        url: `/api/tasks/${task.id}/split`,
        payload: { parts: [{ text: 'Phần một' }, { text: 'Phần hai' }] },
      };
    },
    expected: ok(201, onDraftTask),
  },
  {
    name: 'POST /api/tasks/merge',
    async setup(cast, t) {
      const d = await draftOf(cast, t);
      const a = await makeTask(t.db, { directive: d, lead: [cast.hanoiDept] });
      const b = await makeTask(t.db, { directive: d, lead: [cast.hanoiDept] });
      return { method: 'POST', url: '/api/tasks/merge', payload: { taskIds: [a.id, b.id] } };
    },
    expected: ok(200, onDraftTask),
  },
  {
    name: 'POST /api/tasks/:id/twins/:twinId',
    async setup(cast, t) {
      const a = await makeTask(t.db, { directive: await publishedOf(cast, t, 'NQ57'), lead: [cast.hanoiDept] });
      const b = await makeTask(t.db, { directive: await publishedOf(cast, t, 'NQ71'), lead: [cast.hanoiDept] });
      return { method: 'POST', url: `/api/tasks/${a.id}/twins/${b.id}` };
    },
    expected: ok(200, onPublishedTask),
  },
  {
    name: 'DELETE /api/tasks/:id/twins/:twinId',
    async setup(cast, t) {
      const a = await makeTask(t.db, { directive: await publishedOf(cast, t, 'NQ57'), lead: [cast.hanoiDept] });
      const b = await makeTask(t.db, { directive: await publishedOf(cast, t, 'NQ71'), lead: [cast.hanoiDept] });
      await t.db.query(sql`INSERT INTO task_twins (task_id, twin_task_id) VALUES (${a.id}, ${b.id})`);
      return { method: 'DELETE', url: `/api/tasks/${a.id}/twins/${b.id}` };
    },
    expected: ok(200, onPublishedTask),
  },
];

describe('write routes × roles', () => {
  let t: TestContext;
  let cast: RoleCast;
  const clients = {} as Record<RoleName, Client>;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await makeRoleCast(t.db);
    const users = {
      admin: cast.users.admin,
      office: cast.users.office,
      otherOffice: cast.users.otherOffice,
      focal: cast.users.focal,
      head: cast.users.head,
      inspector: cast.users.inspector,
    };
    for (const [role, user] of Object.entries(users)) clients[role as RoleName] = await loginAs(t.app, user);
    clients.public = anonymous(t.app);
  });
  afterAll(() => t.close());

  const eventCount = async () => (await t.db.query<{ n: number }>(sql`SELECT count(*) AS n FROM events`))[0]!.n;

  for (const route of CASES) {
    describe(route.name, () => {
      for (const role of ROLES) {
        const status = route.expected[role];
        it(`${role}: ${status < 300 ? 'allowed' : 'refused'} (${status})`, async () => {
          const attempt = await route.setup(cast, t);
          const before = await eventCount();
          const res = await clients[role].request({
            method: attempt.method,
            url: attempt.url,
            ...(attempt.payload === undefined ? {} : { payload: attempt.payload as Record<string, unknown> }),
          });
          expect(res.statusCode, res.body).toBe(status);
          const written = (await eventCount()) - before;
          if (status < 300) expect(written).toBeGreaterThan(0);
          else {
            expect(written).toBe(0);
            const expectedCode = { 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND' }[status as 401 | 404];
            if (expectedCode) expect(res.json().code).toBe(expectedCode);
            else expect(['FORBIDDEN', 'DIRECTIVE_SCOPE_FORBIDDEN']).toContain(res.json().code);
          }
        });
      }
    });
  }
});
