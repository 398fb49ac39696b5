import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective, type TestDirective } from '../../test/factories/directives.ts';
import { makeProgressWorld, makeReport, type ProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';

describe('the review queue carries each report’s task', () => {
  let t: TestContext;
  let w: ProgressWorld;
  let office: Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeProgressWorld(t.db);
    office = await loginAs(t.app, w.users.office);
  });
  afterAll(() => t.close());

  it('lists submitted reports with their task’s text, clause, directive number and deadline, in either order', async () => {
    const task = await makeTask(t.db, {
      directive: w.directive,
      lead: [w.leadBody],
      dueDate: '2025-09-30',
      text: 'Số hoá hồ sơ thủ tục hành chính của Sở',
    });
    const first = await makeReport(t.db, {
      task,
      agency: w.leadBody,
      author: w.users.leadFocal,
      state: 'submitted',
      submittedAt: new Date('2025-07-01T02:00:00Z'),
    });
    const second = await makeReport(t.db, {
      task: w.task,
      agency: w.leadBody,
      author: w.users.leadFocal,
      state: 'submitted',
      submittedAt: new Date('2025-07-03T02:00:00Z'),
    });

    const oldest = await office.get(`/api/reports?state=submitted&directiveId=${w.directive.id}&order=oldest`);
    expect(oldest.statusCode, oldest.body).toBe(200);
    const items = oldest.json().items as { id: number; task: { id: number; text: string } | null }[];
    expect(items.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(items[0]).toMatchObject({
      taskId: task.id,
      task: {
        id: task.id,
        text: 'Số hoá hồ sơ thủ tục hành chính của Sở',
        dueDate: '2025-09-30',
        directive: { id: w.directive.id, number: w.directive.number },
      },
    });
    expect(items[1]?.task?.text).toBe('Xây dựng nền tảng dữ liệu khoa học và công nghệ của Thành phố');

    const newest = await office.get(`/api/reports?state=submitted&directiveId=${w.directive.id}&order=newest`);
    expect(newest.json().items.map((r: { id: number }) => r.id)).toEqual([second.id, first.id]);
  });
});

describe('the review queue filtered by body, directive, state and task words, within the reviewer’s scope', () => {
  let t: TestContext;
  let w: ProgressWorld;
  let office: Client;
  let otherOffice: Client;
  let coordinatingFocal: Client;
  const ids: Record<string, number> = {};
  let secondDirective: TestDirective;
  let commune: TestAgency;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeProgressWorld(t.db);
    office = await loginAs(t.app, w.users.office);
    otherOffice = await loginAs(t.app, w.users.otherOffice);
    coordinatingFocal = await loginAs(t.app, w.users.coordinatingFocal);
    // The province's office manages two plans; a commune of the province reports beside its departments.
    commune = await makeAgency(t.db, { name: 'UBND phường Ba Đình', level: 'commune', parent: w.province });
    secondDirective = await makeDirective(t.db, { level: 'province', scope: w.province, issuer: w.province });
    const schools = await makeTask(t.db, {
      directive: secondDirective,
      lead: [w.leadBody, commune],
      coordinating: [w.coordinatingBody],
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
    ) => makeReport(t.db, { task, agency, author, state, agencyRole }).then((r) => (ids[name] = r.id));
    const communeFocal = await makeUser(t.db, { role: 'focal', agency: commune });
    await report('leadSubmitted', w.task, w.leadBody, w.users.leadFocal, 'submitted');
    await report('leadReturned', w.task, w.leadBody, w.users.leadFocal, 'returned');
    await report('leadDraft', w.task, w.leadBody, w.users.leadFocal, 'draft');
    await report('coordAccepted', w.task, w.coordinatingBody, w.users.coordinatingFocal, 'accepted', 'coordinating');
    await report('schoolsLead', schools, w.leadBody, w.users.leadFocal, 'submitted');
    await report('schoolsCommune', schools, commune, communeFocal, 'submitted');
    await report('schoolsCoord', schools, w.coordinatingBody, w.users.coordinatingFocal, 'submitted', 'coordinating');
    // Another province's report: never in this office's lists, whatever the filters.
    const otherDirective = await makeDirective(t.db, { level: 'province', scope: w.otherProvince });
    const otherTask = await makeTask(t.db, {
      directive: otherDirective,
      lead: [w.unrelatedBody],
      dueDate: '2026-06-30',
      text: 'Chuyển đổi số trong các trường học của Đà Nẵng',
    });
    await report('elsewhere', otherTask, w.unrelatedBody, w.users.unrelatedFocal, 'submitted');
  });
  afterAll(() => t.close());

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
    expect(await listed(office, `agencyId=${w.leadBody.id}`)).toEqual(
      of('leadSubmitted', 'leadReturned', 'schoolsLead'),
    );
    expect(await listed(office, `agencyId=${commune.id}`)).toEqual(of('schoolsCommune'));
    expect(await listed(office, `agencyId=${w.province.id}`)).toEqual([]);
    expect(await listed(office, `agencyId=${w.province.id}&subtree=true`)).toEqual(
      of('leadSubmitted', 'leadReturned', 'coordAccepted', 'schoolsLead', 'schoolsCommune', 'schoolsCoord'),
    );
  });

  it('by directive, by state, by words of the task (without diacritics), and all of them at once', async () => {
    expect(await listed(office, `directiveId=${secondDirective.id}`)).toEqual(
      of('schoolsLead', 'schoolsCommune', 'schoolsCoord'),
    );
    expect(await listed(office, 'state=returned')).toEqual(of('leadReturned'));
    expect(await listed(office, 'state=accepted')).toEqual(of('coordAccepted'));
    expect(await listed(office, `q=${encodeURIComponent('truong hoc')}`)).toEqual(
      of('schoolsLead', 'schoolsCommune', 'schoolsCoord'),
    );
    expect(
      await listed(
        office,
        `state=submitted&directiveId=${secondDirective.id}&agencyId=${w.province.id}&subtree=true&q=${encodeURIComponent('chuyển đổi số')}`,
      ),
    ).toEqual(of('schoolsLead', 'schoolsCommune', 'schoolsCoord'));
    expect(await listed(office, `state=submitted&directiveId=${secondDirective.id}&agencyId=${commune.id}`)).toEqual(
      of('schoolsCommune'),
    );
  });

  it('never another scope’s reports, nor another body’s drafts, whatever the filters', async () => {
    expect(await listed(otherOffice, `agencyId=${w.leadBody.id}`)).toEqual([]);
    expect(await listed(otherOffice, `directiveId=${secondDirective.id}`)).toEqual([]);
    expect(await listed(otherOffice, `q=${encodeURIComponent('truong hoc')}`)).toEqual(of('elsewhere'));
    expect(await listed(office, `agencyId=${w.unrelatedBody.id}`)).toEqual([]);
    expect(await listed(office, 'state=draft')).toEqual([]);
    // A body lists its own reports only, even when it names another.
    expect(await listed(coordinatingFocal, `agencyId=${w.leadBody.id}`)).toEqual([]);
    expect(await listed(coordinatingFocal, `directiveId=${secondDirective.id}`)).toEqual(of('schoolsCoord'));
  });

  it('refuses filters it cannot read', async () => {
    for (const query of ['state=pending', 'agencyId=abc', 'subtree=yes', `q=${'x'.repeat(201)}`, 'directiveId=-1']) {
      const res = await office.get(`/api/reports?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
