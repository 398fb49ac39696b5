import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective, type TestDirective } from '../../test/factories/directives.ts';
import { makeTask, setUnresolvedBodies, type TestTask } from '../../test/factories/tasks.ts';
import { resolveAgencyNames } from '../agencies/agency.service.ts';
import { sql } from '../db/sql.ts';

interface TaskJson {
  version: number;
  lead: { id: number }[];
  coordinating: { id: number }[];
  unresolvedBodies: string[];
}

interface HistoryRow {
  entity_type: string;
  entity_id: number;
  action: string;
  before: { unresolvedBodies?: string[] } | null;
  after: { unresolvedBodies?: string[]; leadAgencyIds?: number[]; alias?: string } | null;
}

// An imported plan wrote "Sở TT&TT tỉnh" in many tasks and the registry did not know it: matched once,
// it is matched in every task that wrote it, and kept as the department's alias for the next import.
describe('matching a written name once for the whole draft', () => {
  let t: TestContext;
  let office: Client;
  let otherOffice: Client;
  let province: TestAgency;
  let department: TestAgency;
  let finance: TestAgency;
  let elsewhere: TestAgency;
  let draft: TestDirective;
  const tasks: TestTask[] = [];
  let untouched: TestTask;
  const written = 'Sở TT&TT tỉnh';

  const task = async (id: number) => (await office.get(`/api/tasks/${id}`)).json() as TaskJson;

  beforeAll(async () => {
    t = await createTestApp();
    province = await makeAgency(t.db, { name: 'Tỉnh Phú Thọ', level: 'province' });
    department = await makeAgency(t.db, { name: 'Sở Khoa học và Công nghệ tỉnh Phú Thọ', parent: province });
    finance = await makeAgency(t.db, { name: 'Sở Tài chính tỉnh Phú Thọ', parent: province });
    const other = await makeAgency(t.db, { name: 'Tỉnh Lào Cai', level: 'province' });
    elsewhere = await makeAgency(t.db, { name: 'Sở Khoa học và Công nghệ tỉnh Lào Cai', parent: other });
    office = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: province, scope: province }));
    otherOffice = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: other, scope: other }));
    draft = await makeDirective(t.db, { status: 'draft', level: 'province', scope: province });
    for (const spelling of [written, 'sở TT&TT tỉnh', 'Sở TT&TT  Tỉnh']) {
      const made = await makeTask(t.db, { directive: draft, lead: [finance], dueDate: '2027-06-30' });
      await setUnresolvedBodies(t.db, made.id, [spelling, 'Ban Quản lý các khu công nghiệp']);
      tasks.push(made);
    }
    // It already has the department as a coordinating body: it stays so.
    await t.db.query(sql`
      INSERT INTO task_assignments (task_id, agency_id, role, position) VALUES (${tasks[2]!.id}, ${department.id}, 'coordinating', 1)`);
    untouched = await makeTask(t.db, { directive: draft, lead: [finance], dueDate: '2027-06-30' });
    await setUnresolvedBodies(t.db, untouched.id, ['Ban Quản lý các khu công nghiệp']);
  });
  afterAll(() => t.close());

  it('is not another province’s office to do, and a body outside the office’s scope is not its to name', async () => {
    const before = await task(tasks[0]!.id);
    const foreign = await otherOffice.post(`/api/directives/${draft.id}/match-body`, {
      written,
      agencyId: elsewhere.id,
      role: 'lead',
    });
    expect(foreign.statusCode).toBe(404);
    const outside = await office.post(`/api/directives/${draft.id}/match-body`, {
      written,
      agencyId: elsewhere.id,
      role: 'lead',
      keepAsAlias: true,
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('AGENCY_ALIAS_OUTSIDE_SCOPE');
    // All or nothing: no task took the body before the alias was refused.
    expect(await task(tasks[0]!.id)).toEqual(before);
  });

  it('gives the body to every task that wrote the name, in any spelling, and keeps it as an alias', async () => {
    expect(await resolveAgencyNames(t.db, [written])).toEqual([null]);
    const res = await office.post(`/api/directives/${draft.id}/match-body`, {
      written,
      agencyId: department.id,
      role: 'lead',
      keepAsAlias: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ taskIds: tasks.map((x) => x.id), aliasKept: true });
    const [first, second, third] = await Promise.all(tasks.map((x) => task(x.id)));
    for (const matched of [first, second]) {
      expect(matched?.lead.map((a) => a.id)).toEqual([finance.id, department.id]);
      expect(matched?.unresolvedBodies).toEqual(['Ban Quản lý các khu công nghiệp']);
    }
    expect(third?.lead.map((a) => a.id)).toEqual([finance.id]);
    expect(third?.coordinating.map((a) => a.id)).toEqual([department.id]);
    expect(third?.unresolvedBodies).toEqual(['Ban Quản lý các khu công nghiệp']);
    expect((await task(untouched.id)).lead.map((a) => a.id)).toEqual([finance.id]);
    // A history row per task changed, saying what it gained and lost, and one for the alias.
    const events = await t.db.query<HistoryRow>(sql`
      SELECT entity_type, entity_id, action, before, after FROM events
      WHERE (entity_type = 'task' AND entity_id = ANY(${tasks.map((x) => x.id)}::bigint[]))
         OR (entity_type = 'agency' AND entity_id = ${department.id})
      ORDER BY id`);
    expect(events.map((e) => [e.entity_type, e.entity_id, e.action])).toEqual([
      ...tasks.map((x) => ['task', x.id, 'updated']),
      ['agency', department.id, 'alias_added'],
    ]);
    for (const [i, e] of events.slice(0, 3).entries()) {
      expect(e.before?.unresolvedBodies).toHaveLength(2);
      expect(e.after?.unresolvedBodies).toEqual(['Ban Quản lý các khu công nghiệp']);
      expect(e.after?.leadAgencyIds).toEqual(i < 2 ? [finance.id, department.id] : [finance.id]);
    }
    expect(events[3]?.after).toEqual({ alias: written });
    // The next import knows the name.
    expect(await resolveAgencyNames(t.db, [written])).toEqual([department.id]);
  });

  it('a name no task has any more matches nothing', async () => {
    const res = await office.post(`/api/directives/${draft.id}/match-body`, {
      written,
      agencyId: department.id,
      role: 'lead',
      keepAsAlias: true,
    });
    expect(res.json()).toEqual({ taskIds: [], aliasKept: false });
  });
});
