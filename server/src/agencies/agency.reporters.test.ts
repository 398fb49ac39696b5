import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { makeTask, type TestTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

interface FigureJson {
  count: number;
  filter: Record<string, unknown>;
}

// A task given to a body with no active account able to report never reaches anyone's "Việc của tôi":
// the office is told when it assigns it, and the dashboard counts it as "no one to report" until
// someone can (one rule, body_can_report(), read by all three).
describe('bodies with no one to report', () => {
  let t: TestContext;
  let office: Client;
  let province: TestAgency;
  let ward: TestAgency;
  let committee: TestAgency;
  let silentGroup: TestAgency;
  let wardFocal: TestUser;
  const tasks: Record<'toWard' | 'toCommittee' | 'toCommitteeDone' | 'toGroup' | 'toBoth', TestTask> = {} as never;

  const dashboard = async () =>
    (await office.get(`/api/dashboard?scope=agency&agencyId=${province.id}`)).json() as { noReporter: FigureJson };
  const listed = async (filter: Record<string, unknown>) => {
    const query = new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]));
    const res = await office.get(`/api/tasks?${query}&limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { id: number }[] }).items.map((i) => i.id).sort((a, b) => a - b);
  };

  /** The kept set of bodies that can report (body_can_report.sql) is the view's, after every write. */
  const expectKeptAsTheRule = async () => {
    const ids = async (from: string) =>
      (await t.db.query<{ id: number }>(`SELECT agency_id AS id FROM ${from} ORDER BY 1`)).map((r) => Number(r.id));
    expect(await ids('reporting_bodies_kept')).toEqual(await ids('reporting_bodies'));
  };

  beforeAll(async () => {
    t = await createTestApp();
    province = await makeAgency(t.db, { name: 'Tỉnh Phú Thọ', level: 'province' });
    office = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: province, scope: province }));
    ward = await makeAgency(t.db, { name: 'Phường An Lạc', level: 'commune', parent: province });
    committee = await makeAgency(t.db, { name: 'Ủy ban nhân dân phường An Lạc', parent: ward });
    const quietWard = await makeAgency(t.db, { name: 'Phường Tân Định', level: 'commune', parent: province });
    wardFocal = await makeUser(t.db, { role: 'focal', agency: ward });
    // An office account does not report for its body; nor does a deactivated focal point.
    await makeUser(t.db, { role: 'office', agency: committee, scope: ward });
    const gone = await makeUser(t.db, { role: 'focal', agency: committee });
    await t.db.query(sql`UPDATE users SET is_active = false WHERE id = ${gone.id}`);
    silentGroup = await makeGroup(t.db, 'Các phường chưa có tài khoản', [quietWard]);
    const directive = await makeDirective(t.db, { status: 'published', level: 'province', scope: province });
    tasks.toWard = await makeTask(t.db, { directive, lead: [ward], dueDate: '2027-06-30' });
    tasks.toCommittee = await makeTask(t.db, { directive, lead: [committee], dueDate: '2027-06-30' });
    tasks.toCommitteeDone = await makeTask(t.db, {
      directive,
      lead: [committee],
      dueDate: '2026-06-30',
      completedOn: '2026-06-20',
    });
    tasks.toGroup = await makeTask(t.db, { directive, lead: [silentGroup], dueDate: '2027-06-30' });
    tasks.toBoth = await makeTask(t.db, { directive, lead: [ward, committee], dueDate: '2027-06-30' });
  });
  afterAll(() => t.close());

  it('says which of its own bodies can report, where the office picks a lead', async () => {
    const res = await office.get(`/api/agencies?withinId=${province.id}&includeGroups=true`);
    const items = (res.json() as { items: { id: number; canReport: boolean }[] }).items;
    const canReport = Object.fromEntries(items.map((a) => [a.id, a.canReport]));
    expect(canReport[ward.id]).toBe(true);
    expect(canReport[committee.id]).toBe(false);
  });

  it('counts the open tasks whose lead bodies cannot report, and the figure lists exactly them', async () => {
    const { noReporter } = await dashboard();
    expect(noReporter.count).toBe(2);
    expect(noReporter.filter).toMatchObject({ noReporter: true, agencyId: province.id });
    expect(await listed(noReporter.filter)).toEqual([tasks.toCommittee.id, tasks.toGroup.id].sort((a, b) => a - b));
  });

  it('stops counting a task once someone can report on it', async () => {
    const focal = await makeUser(t.db, { role: 'focal', agency: committee });
    expect((await dashboard()).noReporter.count).toBe(1);
    await expectKeptAsTheRule();
    await t.db.query(sql`UPDATE users SET is_active = false WHERE id = ${focal.id}`);
    expect((await dashboard()).noReporter.count).toBe(2);
    await expectKeptAsTheRule();
    // A body that reports joins the silent group: the group's tasks have someone to report, until it leaves.
    await t.db.query(
      sql`INSERT INTO agency_group_members (group_id, member_id) VALUES (${silentGroup.id}, ${ward.id})`,
    );
    expect((await dashboard()).noReporter.count).toBe(1);
    await expectKeptAsTheRule();
    await t.db.query(
      sql`DELETE FROM agency_group_members WHERE group_id = ${silentGroup.id} AND member_id = ${ward.id}`,
    );
    expect((await dashboard()).noReporter.count).toBe(2);
    // The committee merged into its ward: its tasks pass to a body that reports.
    await t.db.query(sql`UPDATE users SET is_active = true WHERE id = ${wardFocal.id}`);
    const admin = await loginAs(t.app, await makeUser(t.db, { role: 'admin', agency: province }));
    const merged = await admin.post(`/api/agencies/${committee.id}/merge`, {
      successorId: ward.id,
      mergedOn: '2026-12-01',
      reason: 'Một cơ quan',
      keepNameAsAlias: true,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await dashboard()).noReporter.count).toBe(1);
    await expectKeptAsTheRule();
    const mine = await (await loginAs(t.app, wardFocal)).get('/api/tasks?mine=true&limit=50');
    expect((mine.json() as { items: { id: number }[] }).items.map((i) => i.id)).toContain(tasks.toCommittee.id);
  });
});
