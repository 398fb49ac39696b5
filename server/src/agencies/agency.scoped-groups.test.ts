import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective, type TestDirective } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

// "Ủy ban nhân dân cấp xã" in Hà Nội's own plan means Hà Nội's communes: a commune of Đà Nẵng must
// not see, list or report on that task, while a central directive's group task concerns every commune.

describe('a named group in a province’s directive', () => {
  let t: TestContext;
  let hanoi: TestAgency;
  let anLac: TestAgency;
  let danang: TestAgency;
  let hoaVang: TestAgency;
  let communes: TestAgency;
  let hanoiPlan: TestDirective;
  let central: TestDirective;
  let anLacFocal: Client;
  let hoaVangFocal: Client;
  let hanoiOffice: Client;

  beforeAll(async () => {
    t = await createTestApp();
    hanoi = await makeAgency(t.db, { name: 'Thành phố Hà Nội', level: 'province' });
    anLac = await makeAgency(t.db, { name: 'Ủy ban nhân dân phường An Lạc', level: 'commune', parent: hanoi });
    danang = await makeAgency(t.db, { name: 'Thành phố Đà Nẵng', level: 'province' });
    hoaVang = await makeAgency(t.db, { name: 'Ủy ban nhân dân xã Hòa Vang', level: 'commune', parent: danang });
    communes = await makeGroup(t.db, 'Ủy ban nhân dân cấp xã', [anLac, hoaVang]);
    hanoiPlan = await makeDirective(t.db, { level: 'province', scope: hanoi });
    central = await makeDirective(t.db, { level: 'central' });
    anLacFocal = await loginAs(t.app, await makeUser(t.db, { role: 'focal', agency: anLac }));
    hoaVangFocal = await loginAs(t.app, await makeUser(t.db, { role: 'focal', agency: hoaVang }));
    hanoiOffice = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: hanoi, scope: hanoi }));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is assigned to the group’s members inside the province', async () => {
    const task = await makeTask(t.db, { directive: hanoiPlan, lead: [communes], dueDate: '2026-12-31' });
    const [lead] = await t.db.query<{ name: string; parent_id: number; members: number[] }>(sql`
      SELECT a.name, a.parent_id, array(SELECT member_id FROM agency_group_members WHERE group_id = a.id) AS members
      FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.task_id = ${task.id}`);
    expect(lead?.name).toBe('Ủy ban nhân dân cấp xã (Thành phố Hà Nội)');
    expect(lead?.parent_id).toBe(hanoi.id);
    expect(lead?.members.map(Number)).toEqual([anLac.id]);

    // The commune of Hà Nội sees and reports; the commune of Đà Nẵng finds nothing.
    expect((await anLacFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(200);
    expect((await hoaVangFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
    const mine = (await hoaVangFocal.get('/api/tasks?limit=100')).json<{ items: { id: number }[] }>();
    expect(mine.items.map((item) => item.id)).not.toContain(task.id);
    const sent = { percent: 10, narrative: 'Đã ban hành kế hoạch triển khai của phường.', submit: true };
    const report = await hoaVangFocal.post(`/api/tasks/${task.id}/reports`, sent);
    expect(report.statusCode).toBe(404);
    const ours = await anLacFocal.post(`/api/tasks/${task.id}/reports`, sent);
    expect(ours.statusCode, ours.body).toBe(201);
  });

  it('reuses that part for the next task, also when the office edits the bodies through the API', async () => {
    const first = await makeTask(t.db, { directive: hanoiPlan, lead: [anLac], dueDate: '2026-11-30' });
    const current = (await hanoiOffice.get(`/api/tasks/${first.id}`)).json<{ version: number }>();
    const edited = await hanoiOffice.patch(`/api/tasks/${first.id}`, {
      version: current.version,
      coordinatingAgencyIds: [communes.id],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const parts = await t.db.query<{ id: number }>(sql`SELECT id FROM agencies WHERE scoped_from_id = ${communes.id}`);
    expect(parts).toHaveLength(1);
    const [coordinating] = await t.db.query<{ agency_id: number }>(
      sql`SELECT agency_id FROM task_assignments WHERE task_id = ${first.id} AND role = 'coordinating'`,
    );
    expect(Number(coordinating?.agency_id)).toBe(Number(parts[0]?.id));
    expect((await hoaVangFocal.get(`/api/tasks/${first.id}`)).statusCode).toBe(404);
  });

  it('follows the group: a new commune of Hà Nội joins its part, one that leaves the group leaves it', async () => {
    const task = await makeTask(t.db, { directive: hanoiPlan, lead: [communes], dueDate: '2026-12-30' });
    const phuDong = await makeAgency(t.db, { name: 'Ủy ban nhân dân xã Phù Đổng', level: 'commune', parent: hanoi });
    const binhSon = await makeAgency(t.db, { name: 'Ủy ban nhân dân xã Bình Sơn', level: 'commune', parent: danang });
    await t.db.query(sql`INSERT INTO agency_group_members (group_id, member_id)
                         VALUES (${communes.id}, ${phuDong.id}), (${communes.id}, ${binhSon.id})`);
    const phuDongFocal = await loginAs(t.app, await makeUser(t.db, { role: 'focal', agency: phuDong }));
    const binhSonFocal = await loginAs(t.app, await makeUser(t.db, { role: 'focal', agency: binhSon }));
    expect((await phuDongFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(200);
    expect((await binhSonFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);

    await t.db.query(
      sql`DELETE FROM agency_group_members WHERE group_id = ${communes.id} AND member_id = ${phuDong.id}`,
    );
    expect((await phuDongFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
  });

  it('stays the whole group in a central directive', async () => {
    const task = await makeTask(t.db, { directive: central, lead: [communes], dueDate: '2026-12-31' });
    const [lead] = await t.db.query<{ agency_id: number }>(
      sql`SELECT agency_id FROM task_assignments WHERE task_id = ${task.id}`,
    );
    expect(Number(lead?.agency_id)).toBe(communes.id);
    expect((await anLacFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(200);
    expect((await hoaVangFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(200);
  });
});
