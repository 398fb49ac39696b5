import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';

interface PairJson {
  reason: string;
  first: { id: number; name: string; openTasks: number; activeAccounts: number };
  second: { id: number; name: string; openTasks: number; activeAccounts: number };
  suggestedSurvivorId: number;
}

// A commune and its People's Committee kept as two bodies split the work: a task given to one never
// reaches the accounts of the other. The administrator is shown such pairs, and merges them.
describe('near-duplicate bodies', () => {
  let t: TestContext;
  let admin: Client;
  let office: Client;
  let province: TestAgency;
  let ward: TestAgency;
  let wardCommittee: TestAgency;
  let twinA: TestAgency;
  let twinB: TestAgency;

  beforeAll(async () => {
    t = await createTestApp();
    const centre = await makeAgency(t.db, { name: 'Văn phòng Trung ương Đảng' });
    admin = await loginAs(t.app, await makeUser(t.db, { role: 'admin', agency: centre }));
    province = await makeAgency(t.db, { name: 'Tỉnh Phú Thọ', level: 'province' });
    office = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: province, scope: province }));
    ward = await makeAgency(t.db, { name: 'Phường An Lạc', level: 'commune', parent: province });
    wardCommittee = await makeAgency(t.db, {
      name: 'Ủy ban nhân dân phường An Lạc',
      parent: ward,
      aliases: ['UBND phường An Lạc'],
    });
    await makeUser(t.db, { role: 'focal', agency: wardCommittee });
    // The same department entered twice, once without diacritics.
    twinA = await makeAgency(t.db, { name: 'Sở Y tế tỉnh Phú Thọ', parent: province });
    twinB = await makeAgency(t.db, { name: 'So Y te tinh Phu Tho', parent: province });
    // Same name, different provinces: two communes, not a pair.
    const other = await makeAgency(t.db, { name: 'Tỉnh Lào Cai', level: 'province' });
    await makeAgency(t.db, { name: 'Xã Tân Phú', level: 'commune', parent: province });
    await makeAgency(t.db, { name: 'Xã Tân Phú', level: 'commune', parent: other });
    const directive = await makeDirective(t.db, { status: 'published' });
    await makeTask(t.db, { directive, lead: [ward], dueDate: '2026-12-31' });
    await makeTask(t.db, { directive, lead: [ward], dueDate: '2026-12-31' });
  });
  afterAll(() => t.close());

  it('lists a body beside its People’s Committee first, then names the same once folded', async () => {
    const response = await admin.get('/api/agencies/duplicates');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json() as { items: PairJson[]; total: number };
    expect(total).toBe(2);
    expect(items.map((p) => [p.reason, [p.first.name, p.second.name].sort()])).toEqual([
      ['committee', ['Phường An Lạc', 'Ủy ban nhân dân phường An Lạc']],
      ['same_name', ['So Y te tinh Phu Tho', 'Sở Y tế tỉnh Phú Thọ']],
    ]);
    const [committee] = items;
    // The unit survives a merge: it holds the tree under it.
    expect(committee?.suggestedSurvivorId).toBe(ward.id);
    const sides = [committee?.first, committee?.second];
    expect(sides.find((s) => s?.id === ward.id)).toMatchObject({ openTasks: 2, activeAccounts: 0 });
    expect(sides.find((s) => s?.id === wardCommittee.id)).toMatchObject({ openTasks: 0, activeAccounts: 1 });
    expect([items[1]?.first.id, items[1]?.second.id].sort()).toEqual([twinA.id, twinB.id].sort());
  });

  it('is for administrators only', async () => {
    expect((await office.get('/api/agencies/duplicates')).statusCode).toBe(403);
  });

  it('merges the committee into its unit keeping its names as aliases, and the pair is gone', async () => {
    const merged = await admin.post(`/api/agencies/${wardCommittee.id}/merge`, {
      successorId: ward.id,
      mergedOn: '2026-12-01',
      reason: 'Một cơ quan',
      keepNameAsAlias: true,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ usersMoved: 1 });
    const found = await admin.get(`/api/agencies?q=${encodeURIComponent('UBND phuong An Lac')}`);
    expect((found.json() as { items: { id: number }[] }).items.map((a) => a.id)).toEqual([ward.id]);
    const byName = await admin.get(`/api/agencies?q=${encodeURIComponent('Ủy ban nhân dân phường An Lạc')}`);
    expect((byName.json() as { items: { id: number }[] }).items.map((a) => a.id)).toEqual([ward.id]);
    const after = (await admin.get('/api/agencies/duplicates')).json() as { items: PairJson[] };
    expect(after.items.map((p) => p.reason)).toEqual(['same_name']);
  });
});
