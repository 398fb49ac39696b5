import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { actorOf, makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { agencyRow, makeAgency, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { makeTask, type TestTask } from '../../test/factories/tasks.ts';
import type { Actor } from '../auth/actor.ts';
import { taskVisibility } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { resolveAgencyNames } from './agency.service.ts';

async function assignments(db: Db, task: TestTask) {
  return db.query<{ agency_id: number; role: string }>(
    sql`SELECT agency_id, role FROM task_assignments WHERE task_id = ${task.id} ORDER BY role, agency_id`,
  );
}

async function visibleTaskIds(db: Db, actor: Actor): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    sql`SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE ${taskVisibility(actor)} ORDER BY t.id`,
  );
  return rows.map((r) => r.id);
}

// July 2025: 63 provinces became 34. Tỉnh Hà Giang merges into Tỉnh Tuyên Quang.
describe('merging a body into its successor', () => {
  let t: TestContext;
  let admin: Client;
  let haGiang: TestAgency;
  let haGiangDept: TestAgency;
  let haGiangCentre: TestAgency;
  let tuyenQuang: TestAgency;
  let other: TestAgency;
  let haGiangFocal: TestUser;
  let tuyenQuangFocal: TestUser;
  let haGiangOffice: TestUser;
  const tasks: Record<'open' | 'done' | 'leadOverCoordinating' | 'bothCoordinating' | 'coordinating', TestTask> =
    {} as never;
  let response: { statusCode: number; json(): Record<string, unknown> };

  beforeAll(async () => {
    t = await createTestApp();
    const centre = await makeAgency(t.db, { name: 'Văn phòng Trung ương Đảng' });
    admin = await loginAs(t.app, await makeUser(t.db, { role: 'admin', agency: centre }));
    haGiang = await makeAgency(t.db, { name: 'Tỉnh Hà Giang', level: 'province' });
    haGiangDept = await makeAgency(t.db, { name: 'Sở Khoa học và Công nghệ tỉnh Hà Giang', parent: haGiang });
    haGiangCentre = await makeAgency(t.db, { name: 'Trung tâm Thông tin KH&CN Hà Giang', parent: haGiangDept });
    tuyenQuang = await makeAgency(t.db, { name: 'Tỉnh Tuyên Quang', level: 'province' });
    other = await makeAgency(t.db, { name: 'Bộ Khoa học và Công nghệ' });
    haGiangFocal = await makeUser(t.db, { role: 'focal', agency: haGiang });
    tuyenQuangFocal = await makeUser(t.db, { role: 'focal', agency: tuyenQuang });
    haGiangOffice = await makeUser(t.db, { role: 'office', agency: haGiang, scope: haGiang });
    const directive = await makeDirective(t.db, { number: '07-TB/CQTTBCĐ', status: 'published' });
    tasks.open = await makeTask(t.db, { directive, lead: [haGiang], dueDate: '2025-12-31' });
    tasks.done = await makeTask(t.db, { directive, lead: [haGiang], dueDate: '2025-06-30', completedOn: '2025-06-20' });
    tasks.leadOverCoordinating = await makeTask(t.db, { directive, lead: [haGiang], coordinating: [tuyenQuang] });
    tasks.bothCoordinating = await makeTask(t.db, { directive, lead: [other], coordinating: [haGiang, tuyenQuang] });
    tasks.coordinating = await makeTask(t.db, { directive, lead: [other], coordinating: [haGiang] });

    expect(await visibleTaskIds(t.db, await actorOf(t.db, tuyenQuangFocal))).not.toContain(tasks.open.id);
    response = await admin.post(`/api/agencies/${haGiang.id}/merge`, {
      successorId: tuyenQuang.id,
      mergedOn: '2025-07-01',
      reason: 'Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh',
    });
  });
  afterAll(() => t.close());

  it('answers with what moved', () => {
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      agency: { id: haGiang.id, mergedInto: { id: tuyenQuang.id, name: 'Tỉnh Tuyên Quang' }, mergedOn: '2025-07-01' },
      successor: { id: tuyenQuang.id, childCount: 1 },
      tasksTransferred: 4,
      usersMoved: 2,
      childrenReparented: 1,
    });
  });

  it('passes open tasks to the successor and keeps done tasks with the merged body', async () => {
    expect(await assignments(t.db, tasks.open)).toEqual([{ agency_id: tuyenQuang.id, role: 'lead' }]);
    expect(await assignments(t.db, tasks.done)).toEqual([{ agency_id: haGiang.id, role: 'lead' }]);
    expect(await assignments(t.db, tasks.coordinating)).toEqual([
      { agency_id: tuyenQuang.id, role: 'coordinating' },
      { agency_id: other.id, role: 'lead' },
    ]);
  });

  it('never duplicates the successor on a task it already had, and gives it the lead it inherits', async () => {
    expect(await assignments(t.db, tasks.leadOverCoordinating)).toEqual([{ agency_id: tuyenQuang.id, role: 'lead' }]);
    expect(await assignments(t.db, tasks.bothCoordinating)).toEqual([
      { agency_id: tuyenQuang.id, role: 'coordinating' },
      { agency_id: other.id, role: 'lead' },
    ]);
  });

  it("the successor's focal point now sees the open tasks, not the done one", async () => {
    const visible = await visibleTaskIds(t.db, await actorOf(t.db, tuyenQuangFocal));
    expect(visible).toEqual(
      expect.arrayContaining([
        tasks.open.id,
        tasks.leadOverCoordinating.id,
        tasks.bothCoordinating.id,
        tasks.coordinating.id,
      ]),
    );
    expect(visible).not.toContain(tasks.done.id);
  });

  it("the successor's focal point finds the open tasks in its task list", async () => {
    const client = await loginAs(t.app, tuyenQuangFocal);
    const res = await client.get('/api/tasks?mine=true&limit=200');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((task: { id: number }) => task.id);
    expect(ids).toEqual(expect.arrayContaining([tasks.open.id, tasks.leadOverCoordinating.id, tasks.coordinating.id]));
    expect(ids).not.toContain(tasks.done.id);
  });

  it('moves the users of the merged body, and offices scoped to it, to the successor', async () => {
    const rows = await t.db.query<{ id: number; agency_id: number; scope_agency_id: number | null }>(
      sql`SELECT id, agency_id, scope_agency_id FROM users WHERE id IN (${haGiangFocal.id}, ${haGiangOffice.id}) ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: haGiangFocal.id, agency_id: tuyenQuang.id, scope_agency_id: null },
      { id: haGiangOffice.id, agency_id: tuyenQuang.id, scope_agency_id: tuyenQuang.id },
    ]);
    // The former Hà Giang focal point, signed in, now works for Tuyên Quang and sees its open tasks.
    const client = await loginAs(t.app, haGiangFocal);
    const me = await client.get('/api/auth/me');
    expect(me.json().user.agency.name).toBe('Tỉnh Tuyên Quang');
  });

  it('re-parents the children and rewrites the paths of their whole subtree', async () => {
    expect(await agencyRow(t.db, haGiangDept.id)).toMatchObject({
      parent_id: tuyenQuang.id,
      path: `${tuyenQuang.path}.${haGiangDept.id}`,
    });
    expect((await agencyRow(t.db, haGiangCentre.id)).path).toBe(
      `${tuyenQuang.path}.${haGiangDept.id}.${haGiangCentre.id}`,
    );
    const subtree = await anonymous(t.app).get(`/api/agencies?withinId=${tuyenQuang.id}`);
    expect(subtree.json().total).toBe(3);
  });

  it('keeps the merged body as history, hidden from lists unless asked for', async () => {
    expect(await agencyRow(t.db, haGiang.id)).toMatchObject({
      name: 'Tỉnh Hà Giang',
      merged_into_id: tuyenQuang.id,
      merged_on: '2025-07-01',
    });
    const listed = await anonymous(t.app).get('/api/agencies?q=ha%20giang&level=province');
    expect(listed.json().items.map((a: { name: string }) => a.name)).not.toContain('Tỉnh Hà Giang');
    const withMerged = await anonymous(t.app).get('/api/agencies?q=ha%20giang&level=province&includeMerged=true');
    expect(withMerged.json().items[0]).toMatchObject({ name: 'Tỉnh Hà Giang', mergedIntoId: tuyenQuang.id });
  });

  it('writes an event per changed task and one for each body', async () => {
    const taskEvents = await t.db.query<{ entity_id: number; before: unknown; after: unknown; reason: string }>(sql`
      SELECT entity_id, before, after, reason FROM events
      WHERE entity_type = 'task' AND action = 'assignment_transferred' ORDER BY entity_id`);
    expect(taskEvents.map((e) => e.entity_id).sort()).toEqual(
      [tasks.open.id, tasks.leadOverCoordinating.id, tasks.bothCoordinating.id, tasks.coordinating.id].sort(),
    );
    const openEvent = taskEvents.find((e) => e.entity_id === tasks.open.id);
    expect(openEvent).toMatchObject({
      before: { assignments: [{ agencyId: haGiang.id, role: 'lead' }] },
      after: { assignments: [{ agencyId: tuyenQuang.id, role: 'lead' }] },
      reason: 'Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh',
    });
    const agencyEvents = await t.db.query<{ entity_id: number; action: string }>(
      sql`SELECT entity_id, action FROM events WHERE entity_type = 'agency' ORDER BY id`,
    );
    expect(agencyEvents).toEqual([
      { entity_id: haGiang.id, action: 'merged' },
      { entity_id: tuyenQuang.id, action: 'absorbed' },
    ]);
  });

  it("resolves the merged body's name to its successor when a new directive names it", async () => {
    expect(await resolveAgencyNames(t.db, ['Tỉnh Hà Giang'])).toEqual([tuyenQuang.id]);
    expect(await resolveAgencyNames(t.db, ['Tỉnh Hà Giang'], { followMerges: false })).toEqual([haGiang.id]);
  });

  it('refuses to merge twice, into itself, into its own subtree, or into a merged or unknown body', async () => {
    const again = await admin.post(`/api/agencies/${haGiang.id}/merge`, {
      successorId: other.id,
      mergedOn: '2025-08-01',
      reason: 'Lần hai',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('AGENCY_ALREADY_MERGED');

    const self = await admin.post(`/api/agencies/${other.id}/merge`, {
      successorId: other.id,
      mergedOn: '2025-08-01',
      reason: 'x',
    });
    expect(self.json().code).toBe('AGENCY_MERGE_INTO_SELF');

    const parent = await makeAgency(t.db, { name: 'Tỉnh Bắc Kạn', level: 'province' });
    const child = await makeAgency(t.db, { name: 'Sở Tài chính tỉnh Bắc Kạn', parent });
    const down = await admin.post(`/api/agencies/${parent.id}/merge`, {
      successorId: child.id,
      mergedOn: '2025-07-01',
      reason: 'x',
    });
    expect(down.statusCode).toBe(400);
    expect(down.json().code).toBe('AGENCY_MERGE_INTO_DESCENDANT');

    const intoMerged = await admin.post(`/api/agencies/${parent.id}/merge`, {
      successorId: haGiang.id,
      mergedOn: '2025-07-01',
      reason: 'x',
    });
    expect(intoMerged.statusCode).toBe(400);
    expect(intoMerged.json().code).toBe('AGENCY_SUCCESSOR_MERGED');

    const unknown = await admin.post(`/api/agencies/${parent.id}/merge`, {
      successorId: 999999,
      mergedOn: '2025-07-01',
      reason: 'x',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('AGENCY_SUCCESSOR_NOT_FOUND');

    const stale = await admin.post(`/api/agencies/${parent.id}/merge`, {
      successorId: tuyenQuang.id,
      mergedOn: '2025-07-01',
      reason: 'x',
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');

    for (const payload of [
      { successorId: tuyenQuang.id, mergedOn: '2025-02-30', reason: 'x' },
      { successorId: tuyenQuang.id, mergedOn: '01/07/2025', reason: 'x' },
      { successorId: tuyenQuang.id, mergedOn: '2025-07-01' },
      { mergedOn: '2025-07-01', reason: 'x' },
    ]) {
      const res = await admin.post(`/api/agencies/${parent.id}/merge`, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await agencyRow(t.db, parent.id)).merged_into_id).toBeNull();
  });

  it('refuses to place a new body under a merged one', async () => {
    const res = await admin.post('/api/agencies', {
      name: 'Sở Y tế tỉnh Hà Giang',
      level: 'province',
      kind: 'state',
      parentId: haGiang.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'AGENCY_PARENT_MERGED', params: { mergedIntoId: tuyenQuang.id } });
  });
});
