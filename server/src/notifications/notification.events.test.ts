import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessions, type TestContext } from '../../test/app.ts';
import { makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

// Every event a body must act on reaches its bell the moment it happens: a report returned or accepted,
// an extension decided, a live task given to it, a lower plan published under its task.

describe('notifications of what a body must act on', () => {
  let t: TestContext;
  let cast: RoleCast;
  let ministryFocal: TestUser;
  let ministryHead: TestUser;
  const as = sessions(() => t.app);

  beforeAll(async () => {
    t = await createTestApp();
    cast = await makeRoleCast(t.db);
    ministryFocal = await makeUser(t.db, { role: 'focal', agency: cast.ministry });
    ministryHead = await makeUser(t.db, { role: 'head', agency: cast.ministry });
  });
  afterAll(() => t.close());

  /** The notifications `act` wrote: which body was told what, in body order. */
  async function written(act: () => Promise<void>) {
    const [last] = await t.db.query<{ id: number }>(sql`SELECT coalesce(max(id), 0)::int AS id FROM notifications`);
    await act();
    const rows = await t.db.query<{ agency_id: number; kind: string; payload: Record<string, unknown> }>(sql`
      SELECT agency_id, kind, payload FROM notifications WHERE id > ${last!.id} ORDER BY agency_id, kind`);
    return rows.map((row) => ({ agencyId: Number(row.agency_id), kind: row.kind, payload: row.payload }));
  }

  const nationalTask = async (dueDate = '2027-06-30') => {
    const directive = await makeDirective(t.db, { status: 'published', scope: null });
    return makeTask(t.db, { directive, lead: [cast.ministry], coordinating: [cast.hanoiDept], dueDate });
  };

  it('tells the reporting body, and only it, that its report was returned (with the comment), then accepted', async () => {
    const task = await nationalTask();
    const focal = await as(ministryFocal);
    const office = await as(cast.users.centralOffice);
    const report = await focal.post(`/api/tasks/${task.id}/reports`, {
      percent: 50,
      narrative: 'Đã xây dựng xong dự thảo đề án.',
      links: [{ url: 'https://most.gov.vn/du-thao', title: 'Dự thảo' }],
      submit: true,
    });
    expect(report.statusCode, report.body).toBe(201);
    const comment = 'Đề nghị bổ sung số liệu giải ngân.';

    const returned = await written(async () => {
      const res = await office.post(`/api/reports/${report.json().id}/review`, { decision: 'return', comment });
      expect(res.statusCode, res.body).toBe(200);
    });
    expect(returned).toEqual([
      {
        agencyId: cast.ministry.id,
        kind: 'report_returned',
        payload: expect.objectContaining({ taskId: task.id, comment }),
      },
    ]);

    // Its author and its head see it in the bell, naming the task and the comment.
    for (const user of [ministryFocal, ministryHead]) {
      const [first] = (await (await as(user)).get('/api/notifications')).json().items;
      expect(first).toMatchObject({ kind: 'report_returned', task: { id: task.id }, comment, readAt: null });
    }
    // The coordinating body, which wrote nothing, hears nothing of it.
    const partner = await (await as(cast.users.focal)).get('/api/notifications');
    expect(partner.json().items.filter((n: { kind: string }) => n.kind.startsWith('report_'))).toEqual([]);

    const accepted = await written(async () => {
      expect((await focal.post(`/api/reports/${report.json().id}/submit`, {})).statusCode).toBe(200);
      const res = await office.post(`/api/reports/${report.json().id}/review`, { decision: 'accept' });
      expect(res.statusCode, res.body).toBe(200);
    });
    expect(accepted).toEqual([
      { agencyId: cast.ministry.id, kind: 'report_accepted', payload: expect.objectContaining({ taskId: task.id }) },
    ]);
  });

  it("tells the requesting body the extension's decision: the new deadline, or the refusal and why", async () => {
    const focal = await as(ministryFocal);
    const office = await as(cast.users.centralOffice);
    const decide = async (decision: 'accept' | 'reject', comment?: string) => {
      const task = await nationalTask('2027-03-31');
      const requested = await focal.post(`/api/tasks/${task.id}/extensions`, {
        requestedDue: '2027-09-30',
        reason: 'Chờ hướng dẫn của Bộ Tài chính.',
      });
      expect(requested.statusCode, requested.body).toBe(201);
      const rows = await written(async () => {
        const res = await office.post(`/api/extensions/${requested.json().id}/decide`, { decision, comment });
        expect(res.statusCode, res.body).toBe(200);
      });
      return { task, rows };
    };

    const granted = await decide('accept');
    expect(granted.rows).toEqual([
      {
        agencyId: cast.ministry.id,
        kind: 'extension_granted',
        payload: expect.objectContaining({ taskId: granted.task.id, dueDate: '2027-09-30' }),
      },
    ]);
    const refused = await decide('reject', 'Không có căn cứ gia hạn.');
    expect(refused.rows).toEqual([
      {
        agencyId: cast.ministry.id,
        kind: 'extension_refused',
        payload: expect.objectContaining({ taskId: refused.task.id, comment: 'Không có căn cứ gia hạn.' }),
      },
    ]);
    const [first] = (await focal.get('/api/notifications')).json().items;
    expect(first).toMatchObject({ kind: 'extension_refused', task: { id: refused.task.id } });
  });

  it('tells the bodies newly given a live task, each group member, and no body that already had it', async () => {
    const task = await nationalTask();
    const office = await as(cast.users.centralOffice);
    const { version } = (await office.get(`/api/tasks/${task.id}`)).json();
    const changed = await written(async () => {
      const res = await office.patch(`/api/tasks/${task.id}`, {
        version,
        coordinatingAgencyIds: [cast.hanoiDept.id, cast.communes.id],
      });
      expect(res.statusCode, res.body).toBe(200);
    });
    // "UBND cấp xã" has no one of its own: its communes are told; the ministry and Hà Nội's department kept theirs.
    expect(changed.map(({ agencyId, kind, payload }) => [agencyId, kind, payload.role, payload.taskId])).toEqual(
      [cast.hanoiCommune.id, cast.danangCommune.id]
        .sort((a, b) => a - b)
        .map((id) => [id, 'task_assigned', 'coordinating', task.id]),
    );

    const live = await makeDirective(t.db, { status: 'published', scope: null });
    let added = 0;
    const addedRows = await written(async () => {
      const res = await office.post(`/api/directives/${live.id}/tasks`, {
        text: 'Nhiệm vụ bổ sung sau khi ban hành',
        leadAgencyIds: [cast.hanoiDept.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      added = res.json().id;
    });
    expect(addedRows).toEqual([
      {
        agencyId: cast.hanoiDept.id,
        kind: 'task_assigned',
        payload: expect.objectContaining({ taskId: added, role: 'lead' }),
      },
    ]);
    const [first] = (await (await as(cast.users.focal)).get('/api/notifications')).json().items;
    expect(first).toMatchObject({ kind: 'task_assigned', role: 'lead', task: { id: added } });

    // A draft's bodies hear of it when it is published, not before.
    const draft = await makeDirective(t.db, { status: 'draft', scope: null });
    const inDraft = await written(async () => {
      const res = await office.post(`/api/directives/${draft.id}/tasks`, {
        text: 'Nhiệm vụ của dự thảo',
        leadAgencyIds: [cast.hanoiDept.id],
      });
      expect(res.statusCode, res.body).toBe(201);
    });
    expect(inDraft).toEqual([]);
  });

  it('tells the higher office that a lower plan published tasks implementing its task', async () => {
    const central = await makeDirective(t.db, { number: '58-NQ/TW', status: 'published', scope: null });
    const higher = await makeTask(t.db, { directive: central, lead: [cast.hanoi], dueDate: '2027-12-31' });
    const hanoiOffice = await as(cast.users.office);
    let planId = 0;
    const rows = await written(async () => {
      const res = await hanoiOffice.post('/api/plans', {
        directive: {
          number: '21-KH/UBND',
          docType: 'Kế hoạch',
          issuedOn: '2026-12-01',
          level: 'province',
          title: 'Kế hoạch triển khai Nghị quyết 58-NQ/TW',
          implements: ['58-NQ/TW'],
          issuerName: 'Thành phố Hà Nội',
        },
        tasks: [
          { text: 'Số hóa hồ sơ', leadAgencyIds: [cast.hanoiDept.id], parentTaskId: higher.id },
          { text: 'Đào tạo cán bộ', leadAgencyIds: [cast.hanoiDept.id], parentTaskId: higher.id },
        ],
        publish: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      planId = res.json().plan.id;
    });
    // The central office (the one managing 58-NQ/TW) hears of it on its task; Hà Nội's department of its tasks.
    expect(rows.filter((r) => r.kind === 'plan_published')).toEqual([
      {
        agencyId: cast.users.centralOffice.agency.id,
        kind: 'plan_published',
        payload: expect.objectContaining({ taskId: higher.id, planId, planNumber: '21-KH/UBND', taskCount: 2 }),
      },
    ]);
    expect(rows.map((r) => [r.agencyId, r.kind])).toEqual(
      [
        [cast.hanoiDept.id, 'directive_published'],
        [cast.users.centralOffice.agency.id, 'plan_published'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const [first] = (await (await as(cast.users.centralOffice)).get('/api/notifications')).json().items;
    expect(first).toMatchObject({
      kind: 'plan_published',
      task: { id: higher.id },
      plan: { id: planId, number: '21-KH/UBND', body: 'Thành phố Hà Nội' },
      taskCount: 2,
    });
  });
});
