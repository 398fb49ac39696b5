import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective, type TestDirective } from '../../test/factories/directives.ts';
import { makeReport, useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';

describe('the review queue carries each report’s task', () => {
  const world = useProgressWorld();

  it('lists submitted reports with their task’s text, clause, directive number and deadline, in either order', async () => {
    const task = await makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      dueDate: '2025-09-30',
      text: 'Số hoá hồ sơ thủ tục hành chính của Sở',
    });
    const first = await world.leadReport({
      task,
      state: 'submitted',
      submittedAt: new Date('2025-07-01T02:00:00Z'),
    });
    const second = await world.leadReport({
      state: 'submitted',
      submittedAt: new Date('2025-07-03T02:00:00Z'),
    });

    const oldest = await world
      .as('office')
      .get(`/api/reports?state=submitted&directiveId=${world.w.directive.id}&order=oldest`);
    expect(oldest.statusCode, oldest.body).toBe(200);
    const items = oldest.json().items as { id: number; task: { id: number; text: string } | null }[];
    expect(items.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(items[0]).toMatchObject({
      taskId: task.id,
      task: {
        id: task.id,
        text: 'Số hoá hồ sơ thủ tục hành chính của Sở',
        dueDate: '2025-09-30',
        directive: { id: world.w.directive.id, number: world.w.directive.number },
      },
    });
    expect(items[1]?.task?.text).toBe('Xây dựng nền tảng dữ liệu khoa học và công nghệ của Thành phố');

    const newest = await world
      .as('office')
      .get(`/api/reports?state=submitted&directiveId=${world.w.directive.id}&order=newest`);
    expect(newest.json().items.map((r: { id: number }) => r.id)).toEqual([second.id, first.id]);
  });
});

describe('the review queue filtered by body, directive, state and task words, within the reviewer’s scope', () => {
  const world = useProgressWorld();
  const ids: Record<string, number> = {};
  let secondDirective: TestDirective;
  let commune: TestAgency;

  beforeAll(async () => {
    // The province's office manages two plans; a commune of the province reports beside its departments.
    commune = await makeAgency(world.t.db, { name: 'UBND phường Ba Đình', level: 'commune', parent: world.w.province });
    secondDirective = await makeDirective(world.t.db, {
      level: 'province',
      scope: world.w.province,
      issuer: world.w.province,
    });
    const schools = await makeTask(world.t.db, {
      directive: secondDirective,
      lead: [world.w.leadBody, commune],
      coordinating: [world.w.coordinatingBody],
      dueDate: '2026-06-30',
      text: 'Chuyển đổi số trong các trường học trên địa bàn',
    });
    const report = (
      name: string,
      task: { id: number },
      agency: TestAgency,
      author: { id: number },
      state: 'draft' | 'submitted' | 'returned' | 'accepted',
      agencyRole: 'lead' | 'coordinating' = 'lead',
    ) => makeReport(world.t.db, { task, agency, author, state, agencyRole }).then((r) => (ids[name] = r.id));
    const communeFocal = await makeUser(world.t.db, { role: 'focal', agency: commune });
    await report('leadSubmitted', world.w.task, world.w.leadBody, world.w.users.leadFocal, 'submitted');
    await report('leadReturned', world.w.task, world.w.leadBody, world.w.users.leadFocal, 'returned');
    await report('leadDraft', world.w.task, world.w.leadBody, world.w.users.leadFocal, 'draft');
    await report(
      'coordAccepted',
      world.w.task,
      world.w.coordinatingBody,
      world.w.users.coordinatingFocal,
      'accepted',
      'coordinating',
    );
    await report('schoolsLead', schools, world.w.leadBody, world.w.users.leadFocal, 'submitted');
    await report('schoolsCommune', schools, commune, communeFocal, 'submitted');
    await report(
      'schoolsCoord',
      schools,
      world.w.coordinatingBody,
      world.w.users.coordinatingFocal,
      'submitted',
      'coordinating',
    );
    // Another province's report: never in this office's lists, whatever the filters.
    const otherDirective = await makeDirective(world.t.db, { level: 'province', scope: world.w.otherProvince });
    const otherTask = await makeTask(world.t.db, {
      directive: otherDirective,
      lead: [world.w.unrelatedBody],
      dueDate: '2026-06-30',
      text: 'Chuyển đổi số trong các trường học của Đà Nẵng',
    });
    await report('elsewhere', otherTask, world.w.unrelatedBody, world.w.users.unrelatedFocal, 'submitted');
  });

  /** The ids a list answers (sorted), checking that the count is theirs. */
  const listed = async (client: Client, query: string) => {
    const res = await client.get(`/api/reports?pageSize=100&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: { id: number }[]; total: number };
    expect(page.total).toBe(page.items.length);
    return page.items.map((r) => r.id).sort((a, b) => a - b);
  };
  const of = (...names: string[]) => names.map((n) => ids[n]!).sort((a, b) => a - b);

  it('by body: its reports; with subtree, those of the bodies under it too', async () => {
    expect(await listed(world.as('office'), `agencyId=${world.w.leadBody.id}`)).toEqual(
      of('leadSubmitted', 'leadReturned', 'schoolsLead'),
    );
    expect(await listed(world.as('office'), `agencyId=${commune.id}`)).toEqual(of('schoolsCommune'));
    expect(await listed(world.as('office'), `agencyId=${world.w.province.id}`)).toEqual([]);
    expect(await listed(world.as('office'), `agencyId=${world.w.province.id}&subtree=true`)).toEqual(
      of('leadSubmitted', 'leadReturned', 'coordAccepted', 'schoolsLead', 'schoolsCommune', 'schoolsCoord'),
    );
  });

  it('by directive, by state, by words of the task (without diacritics), and all of them at once', async () => {
    expect(await listed(world.as('office'), `directiveId=${secondDirective.id}`)).toEqual(
      of('schoolsLead', 'schoolsCommune', 'schoolsCoord'),
    );
    expect(await listed(world.as('office'), 'state=returned')).toEqual(of('leadReturned'));
    expect(await listed(world.as('office'), 'state=accepted')).toEqual(of('coordAccepted'));
    expect(await listed(world.as('office'), `q=${encodeURIComponent('truong hoc')}`)).toEqual(
      of('schoolsLead', 'schoolsCommune', 'schoolsCoord'),
    );
    expect(
      await listed(
        world.as('office'),
        `state=submitted&directiveId=${secondDirective.id}&agencyId=${world.w.province.id}&subtree=true&q=${encodeURIComponent('chuyển đổi số')}`,
      ),
    ).toEqual(of('schoolsLead', 'schoolsCommune', 'schoolsCoord'));
    expect(
      await listed(world.as('office'), `state=submitted&directiveId=${secondDirective.id}&agencyId=${commune.id}`),
    ).toEqual(of('schoolsCommune'));
  });

  it('never another scope’s reports, nor another body’s drafts, whatever the filters', async () => {
    expect(await listed(world.as('otherOffice'), `agencyId=${world.w.leadBody.id}`)).toEqual([]);
    expect(await listed(world.as('otherOffice'), `directiveId=${secondDirective.id}`)).toEqual([]);
    expect(await listed(world.as('otherOffice'), `q=${encodeURIComponent('truong hoc')}`)).toEqual(of('elsewhere'));
    expect(await listed(world.as('office'), `agencyId=${world.w.unrelatedBody.id}`)).toEqual([]);
    expect(await listed(world.as('office'), 'state=draft')).toEqual([]);
    // A body lists its own reports only, even when it names another.
    expect(await listed(world.as('coordinatingFocal'), `agencyId=${world.w.leadBody.id}`)).toEqual([]);
    expect(await listed(world.as('coordinatingFocal'), `directiveId=${secondDirective.id}`)).toEqual(
      of('schoolsCoord'),
    );
  });

  it('refuses filters it cannot read', async () => {
    for (const query of ['state=pending', 'agencyId=abc', 'subtree=yes', `q=${'x'.repeat(201)}`, 'directiveId=-1']) {
      const res = await world.as('office').get(`/api/reports?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
