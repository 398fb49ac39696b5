import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, sessions, type TestContext } from '../../test/app.ts';
import { makeDirective, makeRoleCast, type RoleCast, type TestDirective } from '../../test/factories/directives.ts';
import { addReportEvent } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { addDays, vietnamDate } from '../calendar/calendar.ts';
import { sql } from '../db/sql.ts';

describe('tasks', () => {
  let t: TestContext;
  let cast: RoleCast;
  const as = sessions(() => t.app);

  beforeAll(async () => {
    t = await createTestApp();
    cast = await makeRoleCast(t.db);
  });
  afterAll(() => t.close());

  const draftOfHanoi = () => makeDirective(t.db, { status: 'draft', level: 'province', scope: cast.hanoi });

  it('adds a task to a draft and shows it whole: bodies by name, deadline, parent, abilities', async () => {
    const office = await as(cast.users.office);
    const central = await makeDirective(t.db, { number: '07-TB/CQTTBCĐ' });
    const parent = await makeTask(t.db, { directive: central, lead: [cast.hanoi], text: 'Triển khai nền tảng số' });
    const draft = await draftOfHanoi();
    const res = await office.post(`/api/directives/${draft.id}/tasks`, {
      ref: '2.1',
      text: 'Xây dựng cơ sở dữ liệu về khoa học, công nghệ của thành phố',
      deliverable: 'Cơ sở dữ liệu được đưa vào vận hành',
      leadAgencyIds: [cast.hanoiDept.id],
      coordinatingAgencyIds: [cast.communes.id, cast.ministry.id],
      deadline: { kind: 'date', raw: 'Quý IV/2025', due: '2025-12-31' },
      parentTaskId: parent.id,
      sourceLine: 42,
    });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    expect(task).toMatchObject({
      ref: '2.1',
      directive: { id: draft.id, status: 'draft', scopeAgency: { id: cast.hanoi.id } },
      lead: [{ id: cast.hanoiDept.id, name: 'Sở Khoa học và Công nghệ Hà Nội', level: 'province', kind: 'state' }],
      // A group in Hà Nội's own plan stands for its members in Hà Nội (server/db/functions/scoped_groups.sql).
      coordinating: [
        { name: `UBND cấp xã (${cast.hanoi.name})`, kind: 'group' },
        { id: cast.ministry.id, name: 'Bộ Khoa học và Công nghệ' },
      ],
      deadline: { kind: 'date', raw: 'Quý IV/2025', due: '2025-12-31', firstDue: '2025-12-31', period: null },
      parent: { id: parent.id, text: 'Triển khai nền tảng số', directive: { id: central.id, number: '07-TB/CQTTBCĐ' } },
      sourceLine: 42,
      version: 1,
      abilities: { canEdit: true, canDelete: true, canSplit: true, canReport: false, canReview: false },
    });
    // The central task lists it among the lower tasks implementing it, with a roll-up.
    const up = (await office.get(`/api/tasks/${parent.id}?asOf=2025-10-01`)).json();
    expect(up.children.map((c: { id: number }) => c.id)).toEqual([task.id]);
    expect(up.rollup).toEqual({ count: 1, done: 0, overdue: 0, averagePercent: 0 });
    const events = await t.db.query(
      sql`SELECT action FROM events WHERE entity_type = 'task' AND entity_id = ${task.id}`,
    );
    expect(events).toEqual([{ action: 'created' }]);
  });

  it('refuses bodies that do not exist or hold both roles, and a deadline without its day', async () => {
    const office = await as(cast.users.office);
    const draft = await draftOfHanoi();
    const url = `/api/directives/${draft.id}/tasks`;
    const ghost = await office.post(url, { text: 'Nhiệm vụ', leadAgencyIds: [987654] });
    expect(ghost.json()).toEqual({ code: 'TASK_AGENCY_NOT_FOUND', params: { agencyIds: [987654] } });
    const both = await office.post(url, {
      text: 'Nhiệm vụ',
      leadAgencyIds: [cast.hanoiDept.id],
      coordinatingAgencyIds: [cast.hanoiDept.id],
    });
    expect(both.json().code).toBe('TASK_AGENCY_BOTH_ROLES');
    const noDay = await office.post(url, { text: 'Nhiệm vụ', deadline: { kind: 'date', raw: 'sớm' } });
    expect(noDay.statusCode).toBe(400);
    expect(noDay.json().code).toBe('VALIDATION_FAILED');
    const noPeriod = await office.post(url, { text: 'Nhiệm vụ', deadline: { kind: 'recurring', raw: 'Hằng tháng' } });
    expect(noPeriod.statusCode).toBe(400);
    const recurring = await office.post(url, {
      text: 'Báo cáo tiến độ',
      deadline: { kind: 'recurring', raw: 'Định kỳ hằng tháng báo cáo', period: 'monthly' },
    });
    expect(recurring.statusCode).toBe(201);
    expect(recurring.json().deadline).toMatchObject({ kind: 'recurring', due: null, period: 'monthly' });
  });

  it('two clients edit one task: the second gets 409 with the current version and the first edit is kept', async () => {
    const draft = await draftOfHanoi();
    const task = await makeTask(t.db, { directive: draft, lead: [cast.hanoiDept], text: 'Bản gốc' });
    const a = await as(cast.users.office);
    const b = await as(cast.users.centralOffice);
    const first = await a.patch(`/api/tasks/${task.id}`, { version: 1, text: 'Bản của người thứ nhất' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await b.patch(`/api/tasks/${task.id}`, { version: 1, text: 'Bản của người thứ hai' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({
      code: 'VERSION_CONFLICT',
      params: { entity: 'task', id: task.id, currentVersion: 2 },
    });
    const now = (await a.get(`/api/tasks/${task.id}`)).json();
    expect(now).toMatchObject({ text: 'Bản của người thứ nhất', version: 2 });
    // Sent at the same moment with the same version: exactly one wins, and its text is the one stored.
    const race = await Promise.all([
      a.patch(`/api/tasks/${task.id}`, { version: 2, text: 'Đồng thời A' }),
      b.patch(`/api/tasks/${task.id}`, { version: 2, text: 'Đồng thời B' }),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = race.find((r) => r.statusCode === 200)!.json().text;
    expect((await a.get(`/api/tasks/${task.id}`)).json()).toMatchObject({ text: winner, version: 3 });
    const edits = await t.db.query(
      sql`SELECT action FROM events WHERE entity_type = 'task' AND entity_id = ${task.id} AND action = 'updated'`,
    );
    expect(edits).toHaveLength(2);
  });

  it('moves due and first-assigned deadline together in a draft, and refuses a due change once published', async () => {
    const office = await as(cast.users.office);
    const draft = await draftOfHanoi();
    const task = await makeTask(t.db, { directive: draft, lead: [cast.hanoiDept], dueDate: '2025-09-30' });
    const moved = await office.patch(`/api/tasks/${task.id}`, {
      version: 1,
      deadline: { kind: 'date', raw: 'Tháng 10/2025', due: '2025-10-31' },
    });
    expect(moved.json().deadline).toEqual({
      kind: 'date',
      raw: 'Tháng 10/2025',
      due: '2025-10-31',
      firstDue: '2025-10-31',
      period: null,
    });
    await t.db.query(sql`UPDATE directives SET status = 'published' WHERE id = ${draft.id}`);
    const refused = await office.patch(`/api/tasks/${task.id}`, {
      version: 2,
      deadline: { kind: 'date', raw: 'Tháng 12/2025', due: '2025-12-31' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      code: 'TASK_DUE_CHANGE_NEEDS_EXTENSION',
      params: { taskId: task.id, dueDate: '2025-10-31' },
    });
    // Other fields still change; the wording of the deadline too, as long as the day stays.
    const text = await office.patch(`/api/tasks/${task.id}`, {
      version: 2,
      text: 'Nội dung đã chỉnh',
      deadline: { kind: 'date', raw: 'Trong tháng 10/2025', due: '2025-10-31' },
    });
    expect(text.statusCode).toBe(200);
    expect(text.json().deadline.raw).toBe('Trong tháng 10/2025');
    const noLead = await office.patch(`/api/tasks/${task.id}`, { version: 3, leadAgencyIds: [] });
    expect(noLead.json().code).toBe('TASK_LEAD_REQUIRED');
    const remove = await office.delete(`/api/tasks/${task.id}`);
    expect(remove.statusCode).toBe(409);
    expect(remove.json().code).toBe('TASK_DIRECTIVE_NOT_DRAFT');
  });

  describe('timeliness at the edges of the deadline', () => {
    let directive: TestDirective;
    beforeAll(async () => {
      directive = await makeDirective(t.db, { number: '99-KH/HAN' });
    });
    const stateOf = async (taskId: number, asOf: string) => {
      const body = (await anonymous(t.app).get(`/api/tasks/${taskId}?asOf=${asOf}`)).json();
      return { timeliness: body.timeliness, dueSoon: body.dueSoon, daysOverdue: body.daysOverdue };
    };

    it('due today is still on time (and due soon); the day after is overdue', async () => {
      const open = await makeTask(t.db, { directive, lead: [cast.hanoiDept], dueDate: '2025-06-20' });
      expect(await stateOf(open.id, '2025-06-20')).toEqual({
        timeliness: 'not_started',
        dueSoon: true,
        daysOverdue: 0,
      });
      expect(await stateOf(open.id, '2025-06-21')).toEqual({
        timeliness: 'in_progress_overdue',
        dueSoon: false,
        daysOverdue: 1,
      });
      const reported = await makeTask(t.db, {
        directive,
        lead: [cast.hanoiDept],
        dueDate: '2025-06-20',
        progressPercent: 40,
        lastAcceptedReportAt: new Date('2025-06-10T03:00:00Z'),
      });
      expect((await stateOf(reported.id, '2025-06-20')).timeliness).toBe('in_progress_on_time');
      expect((await stateOf(reported.id, '2025-06-21')).timeliness).toBe('in_progress_overdue');
    });

    it('done on the due day is on time; done the day after is late', async () => {
      const onTime = await makeTask(t.db, {
        directive,
        lead: [cast.hanoiDept],
        dueDate: '2025-06-20',
        completedOn: '2025-06-20',
      });
      const late = await makeTask(t.db, {
        directive,
        lead: [cast.hanoiDept],
        dueDate: '2025-06-20',
        completedOn: '2025-06-21',
      });
      expect(await stateOf(onTime.id, '2025-07-01')).toEqual({
        timeliness: 'done_on_time',
        dueSoon: false,
        daysOverdue: 0,
      });
      expect(await stateOf(late.id, '2025-07-01')).toEqual({ timeliness: 'done_late', dueSoon: false, daysOverdue: 1 });
    });

    it('warns 7 days ahead, not 8', async () => {
      const task = await makeTask(t.db, { directive, lead: [cast.hanoiDept], dueDate: '2025-06-20' });
      expect((await stateOf(task.id, '2025-06-13')).dueSoon).toBe(true);
      expect((await stateOf(task.id, '2025-06-12')).dueSoon).toBe(false);
      const list = async (asOf: string) =>
        (
          await anonymous(t.app).get(
            `/api/tasks?directiveId=${directive.id}&timeliness=due_soon&asOf=${asOf}&limit=200`,
          )
        )
          .json()
          .items.map((r: { id: number }) => r.id);
      expect(await list('2025-06-13')).toContain(task.id);
      expect(await list('2025-06-12')).not.toContain(task.id);
    });

    it('judges "today" as the calendar day in Asia/Ho_Chi_Minh, around midnight', async () => {
      // 17:30 UTC on 20 June is 00:30 on 21 June in Hà Nội: a task due on 20 June is overdue there.
      const instant = new Date('2025-06-20T17:30:00Z');
      expect(vietnamDate(instant)).toBe('2025-06-21');
      expect(vietnamDate(new Date('2025-06-20T16:59:59Z'))).toBe('2025-06-20');
      const task = await makeTask(t.db, { directive, lead: [cast.hanoiDept], dueDate: '2025-06-20' });
      expect((await stateOf(task.id, vietnamDate(instant))).timeliness).toBe('in_progress_overdue');
      expect((await stateOf(task.id, vietnamDate(new Date('2025-06-20T16:59:59Z')))).timeliness).toBe('not_started');
    });

    it('counts continuous tasks apart, with or without results', async () => {
      const without = await makeTask(t.db, { directive, lead: [cast.hanoiDept], deadlineKind: 'continuous' });
      const withResults = await makeTask(t.db, {
        directive,
        lead: [cast.hanoiDept],
        deadlineKind: 'continuous',
        lastAcceptedReportAt: new Date('2025-05-01T02:00:00Z'),
      });
      expect((await stateOf(without.id, '2025-06-20')).timeliness).toBe('continuous_without_results');
      expect((await stateOf(withResults.id, '2025-06-20')).timeliness).toBe('continuous_with_results');
    });
  });

  it('a focal point of another body gets 404 for a task not theirs and does not see it in lists', async () => {
    const directive = await makeDirective(t.db);
    const task = await makeTask(t.db, { directive, lead: [cast.hanoiDept], text: 'Nhiệm vụ riêng của Sở' });
    const mine = await as(cast.users.focal);
    const other = await as(cast.users.otherFocal);
    expect((await mine.get(`/api/tasks/${task.id}`)).json().abilities).toMatchObject({
      canReport: true,
      canEdit: false,
    });
    const res = await other.get(`/api/tasks/${task.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', params: { entity: 'task', id: task.id } });
    expect((await other.get(`/api/tasks/${task.id}/history`)).statusCode).toBe(404);
    const list = (await other.get(`/api/tasks?directiveId=${directive.id}`)).json();
    expect(list).toMatchObject({ items: [], total: 0 });
    expect((await mine.get(`/api/tasks?directiveId=${directive.id}`)).json().total).toBe(1);
  });

  it('a task assigned to the "UBND cấp xã" group reaches each member commune', async () => {
    const directive = await makeDirective(t.db);
    const task = await makeTask(t.db, { directive, lead: [cast.communes], text: 'Rà soát thủ tục hành chính cấp xã' });
    const commune = await as(cast.users.communeFocal);
    const detail = await commune.get(`/api/tasks/${task.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ lead: [{ name: 'UBND cấp xã' }], abilities: { canReport: true } });
    const mine = (await commune.get(`/api/tasks?mine=true&directiveId=${directive.id}`)).json();
    expect(mine.items.map((r: { id: number }) => r.id)).toEqual([task.id]);
    // A province's office sees it through its commune, filtering by the province's subtree.
    const office = await as(cast.users.office);
    const subtree = (
      await office.get(`/api/tasks?agencyId=${cast.hanoi.id}&subtree=true&directiveId=${directive.id}`)
    ).json();
    expect(subtree.items.map((r: { id: number }) => r.id)).toEqual([task.id]);
    const notSubtree = (await office.get(`/api/tasks?agencyId=${cast.hanoi.id}&directiveId=${directive.id}`)).json();
    expect(notSubtree.total).toBe(0);
    expect((await anonymous(t.app).get('/api/tasks?mine=true')).statusCode).toBe(401);
  });

  it('finds "Xây dựng cơ sở dữ liệu" when searching "xay dung co so du lieu"', async () => {
    const directive = await makeDirective(t.db);
    const task = await makeTask(t.db, {
      directive,
      lead: [cast.ministry],
      text: 'Xây dựng cơ sở dữ liệu quốc gia về khoa học, công nghệ và đổi mới sáng tạo',
    });
    await makeTask(t.db, { directive, lead: [cast.ministry], text: 'Hoàn thiện thể chế về chuyển đổi số' });
    const found = (
      await anonymous(t.app).get(
        `/api/tasks?q=${encodeURIComponent('xay dung co so du lieu')}&directiveId=${directive.id}`,
      )
    ).json();
    expect(found.items.map((r: { id: number }) => r.id)).toEqual([task.id]);
    expect(found.items[0].text).toBe('Xây dựng cơ sở dữ liệu quốc gia về khoa học, công nghệ và đổi mới sáng tạo');
    const toneMarks = (
      await anonymous(t.app).get(`/api/tasks?q=${encodeURIComponent('ĐỔI MỚI sáng tạo')}&directiveId=${directive.id}`)
    ).json();
    expect(toneMarks.total).toBe(1);
    const literal = (await anonymous(t.app).get(`/api/tasks?q=${encodeURIComponent('100%_')}`)).json();
    expect(literal.total).toBe(0);
  });

  it('filters, sorts and pages the list with a total; each row is complete', async () => {
    const directive = await makeDirective(t.db, { programme: 'NQ71', level: 'province', scope: cast.hanoi });
    const asOf = '2025-08-01';
    const overdue = await makeTask(t.db, {
      directive,
      lead: [cast.hanoiDept],
      coordinating: [cast.ministry],
      dueDate: '2025-07-15',
    });
    const soon = await makeTask(t.db, { directive, lead: [cast.hanoiDept], dueDate: '2025-08-05' });
    const later = await makeTask(t.db, { directive, lead: [cast.hanoiCommune], dueDate: '2025-12-31' });
    const done = await makeTask(t.db, {
      directive,
      lead: [cast.hanoiDept],
      dueDate: '2025-06-30',
      completedOn: '2025-06-25',
      progressPercent: 100,
      lastAcceptedReportAt: new Date('2025-06-25T04:00:00Z'),
    });
    const base = `/api/tasks?directiveId=${directive.id}&asOf=${asOf}`;
    const client = await as(cast.users.inspector);
    const all = (await client.get(`${base}&limit=2`)).json();
    expect(all.total).toBe(4);
    expect(all.items.map((r: { id: number }) => r.id)).toEqual([done.id, overdue.id]);
    const next = (await client.get(`${base}&limit=2&offset=2`)).json();
    expect(next.items.map((r: { id: number }) => r.id)).toEqual([soon.id, later.id]);
    expect(all.items[1]).toEqual({
      id: overdue.id,
      ref: expect.any(String),
      text: expect.any(String),
      directive: {
        id: directive.id,
        number: directive.number,
        programmeCode: 'NQ71',
        level: 'province',
        status: 'published',
      },
      lead: [{ id: cast.hanoiDept.id, name: cast.hanoiDept.name }],
      coordinating: [{ id: cast.ministry.id, name: cast.ministry.name }],
      deadline: { kind: 'date', raw: '', due: '2025-07-15', firstDue: '2025-07-15', period: null },
      timeliness: 'in_progress_overdue',
      dueSoon: false,
      daysOverdue: 17,
      progressPercent: 0,
      completedOn: null,
      lastAcceptedReportAt: null,
      parentTaskId: null,
      version: 1,
    });
    const ids = async (query: string) =>
      (await client.get(`${base}&${query}`)).json().items.map((r: { id: number }) => r.id);
    expect(await ids('timeliness=in_progress_overdue,due_soon')).toEqual([overdue.id, soon.id]);
    expect(await ids('timeliness=done_on_time&timeliness=done_late')).toEqual([done.id]);
    expect(await ids('dueFrom=2025-07-01&dueTo=2025-08-31')).toEqual([overdue.id, soon.id]);
    expect(await ids('sort=dueDate&order=desc')).toEqual([later.id, soon.id, overdue.id, done.id]);
    expect(await ids('sort=timeliness')).toEqual([overdue.id, soon.id, later.id, done.id]);
    expect(await ids(`agencyId=${cast.hanoiDept.id}&role=coordinating`)).toEqual([]);
    expect(await ids(`agencyId=${cast.ministry.id}&role=coordinating`)).toEqual([overdue.id]);
    expect(await ids(`agencyId=${cast.hanoi.id}&subtree=true&role=lead`)).toHaveLength(4);
    expect(await ids('programme=NQ57')).toEqual([]);
    expect(await ids('level=province&programme=NQ71')).toHaveLength(4);
    // Stale (the dashboard's rule): open, no report accepted, and live for more than 30 days. These
    // tasks were created today, so on 2025-08-01 none is stale yet; 31 days from today the open ones
    // are, the done task never.
    expect(await ids('staleOnly=true')).toEqual([]);
    const later31 = addDays(vietnamDate(), 31);
    const stale = await client.get(`/api/tasks?directiveId=${directive.id}&asOf=${later31}&staleOnly=true`);
    expect(stale.json().items.map((r: { id: number }) => r.id)).toEqual([overdue.id, soon.id, later.id]);
    const bad = await client.get(`${base}&timeliness=late`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect((await client.get(`${base}&limit=201`)).statusCode).toBe(400);
    expect((await client.get(`${base}&sort=random`)).statusCode).toBe(400);
    expect((await client.get(`${base}&asOf=2025-13-01`)).statusCode).toBe(400);
  });

  it('lists live tasks only; a draft’s tasks come when asked for, to the offices that may see them, labelled', async () => {
    const draft = await draftOfHanoi();
    const task = await makeTask(t.db, { directive: draft, lead: [cast.hanoiDept] });
    const office = await as(cast.users.office);
    expect((await office.get(`/api/tasks?directiveId=${draft.id}`)).json().total).toBe(0);
    const drafts = (await office.get(`/api/tasks?directiveId=${draft.id}&status=draft`)).json();
    expect(
      drafts.items.map((row: { id: number; directive: { status: string } }) => [row.id, row.directive.status]),
    ).toEqual([[task.id, 'draft']]);
    expect((await office.get(`/api/tasks?directiveId=${draft.id}&status=any`)).json().total).toBe(1);
    expect((await anonymous(t.app).get(`/api/tasks?directiveId=${draft.id}&status=any`)).json().total).toBe(0);
    expect((await anonymous(t.app).get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
    const focal = await as(cast.users.focal);
    expect((await focal.get(`/api/tasks?directiveId=${draft.id}&status=draft`)).json().total).toBe(0);
  });

  it('links a lower task to its parent, rolls progress up, and lists the children via parentTaskId', async () => {
    const central = await makeDirective(t.db, { level: 'central' });
    const parent = await makeTask(t.db, { directive: central, lead: [cast.hanoi], dueDate: '2025-12-31' });
    const plan = await makeDirective(t.db, { level: 'province', scope: cast.hanoi });
    const a = await makeTask(t.db, { directive: plan, lead: [cast.hanoiDept], parent, dueDate: '2025-06-30' });
    const b = await makeTask(t.db, {
      directive: plan,
      lead: [cast.hanoiDept],
      parent,
      dueDate: '2025-09-30',
      completedOn: '2025-09-01',
    });
    const commune = await makeDirective(t.db, { level: 'commune', scope: cast.danangCommune });
    const c = await makeTask(t.db, {
      directive: commune,
      lead: [cast.danangCommune],
      parent,
      progressPercent: 50,
      dueDate: '2025-12-31',
    });
    const detail = (await anonymous(t.app).get(`/api/tasks/${parent.id}?asOf=2025-10-01`)).json();
    expect(detail.rollup).toEqual({ count: 3, done: 1, overdue: 1, averagePercent: 50 });
    expect(detail.children.map((r: { id: number; timeliness: string }) => [r.id, r.timeliness])).toEqual([
      [a.id, 'in_progress_overdue'],
      [b.id, 'done_on_time'],
      [c.id, 'not_started'],
    ]);
    const list = (await anonymous(t.app).get(`/api/tasks?parentTaskId=${parent.id}`)).json();
    expect(list.total).toBe(3);
    // A focal point of the province sees only its own lower tasks in the roll-up.
    const focal = await as(cast.users.focal);
    expect((await focal.get(`/api/tasks/${a.id}`)).json().parent).toMatchObject({ id: parent.id });
  });

  it('splits a draft task in two and merges tasks back into one', async () => {
    const office = await as(cast.users.office);
    const draft = await draftOfHanoi();
    const task = await makeTask(t.db, {
      directive: draft,
      lead: [cast.hanoiDept],
      coordinating: [cast.ministry],
      dueDate: '2025-12-31',
      text: 'Xây dựng kho dữ liệu và ban hành quy chế khai thác',
    });
    const split = await office.post(`/api/tasks/${task.id}/split`, {
      parts: [
        { text: 'Xây dựng kho dữ liệu' },
        { text: 'Ban hành quy chế khai thác', leadAgencyIds: [cast.hanoi.id], coordinatingAgencyIds: [] },
      ],
    });
    expect(split.statusCode).toBe(201);
    const parts = split.json().items;
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ id: task.id, text: 'Xây dựng kho dữ liệu', lead: [{ id: cast.hanoiDept.id }] });
    expect(parts[1]).toMatchObject({
      text: 'Ban hành quy chế khai thác',
      lead: [{ id: cast.hanoi.id }],
      coordinating: [],
      deadline: { due: '2025-12-31' },
    });
    const merged = await office.post('/api/tasks/merge', { taskIds: [task.id, parts[1].id] });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      id: task.id,
      text: 'Xây dựng kho dữ liệu\nBan hành quy chế khai thác',
      lead: [{ id: cast.hanoiDept.id }, { id: cast.hanoi.id }],
      coordinating: [{ id: cast.ministry.id }],
    });
    expect((await office.get(`/api/tasks/${parts[1].id}`)).statusCode).toBe(404);
    const other = await makeTask(t.db, { directive: await draftOfHanoi(), lead: [cast.hanoiDept] });
    const across = await office.post('/api/tasks/merge', { taskIds: [task.id, other.id] });
    expect(across.json().code).toBe('TASK_MERGE_ACROSS_DIRECTIVES');
    const one = await office.post(`/api/tasks/${task.id}/split`, { parts: [{ text: 'Một phần' }] });
    expect(one.statusCode).toBe(400);
  });

  it('links twin tasks of two programmes and refuses twins within one programme', async () => {
    const office = await as(cast.users.centralOffice);
    const nq57 = await makeDirective(t.db, { programme: 'NQ57' });
    const nq71 = await makeDirective(t.db, { programme: 'NQ71' });
    const a = await makeTask(t.db, { directive: nq57, lead: [cast.ministry] });
    const b = await makeTask(t.db, { directive: nq71, lead: [cast.ministry] });
    const c = await makeTask(t.db, { directive: nq57, lead: [cast.ministry] });
    const linked = await office.post(`/api/tasks/${a.id}/twins/${b.id}`);
    expect(linked.statusCode).toBe(200);
    expect(linked.json().items.map((r: { id: number }) => r.id)).toEqual([b.id]);
    expect((await anonymous(t.app).get(`/api/tasks/${b.id}`)).json().twins).toMatchObject([
      { id: a.id, directive: { programmeCode: 'NQ57' } },
    ]);
    expect((await office.post(`/api/tasks/${a.id}/twins/${c.id}`)).json().code).toBe('TASK_TWIN_SAME_PROGRAMME');
    expect((await office.post(`/api/tasks/${a.id}/twins/${a.id}`)).json().code).toBe('TASK_TWIN_SELF');
    expect((await office.delete(`/api/tasks/${b.id}/twins/${a.id}`)).json().items).toEqual([]);
    expect((await office.delete(`/api/tasks/${b.id}/twins/${a.id}`)).json().code).toBe('TASK_TWIN_NOT_LINKED');
  });

  it('shows the history of the task and of its reports, newest first, with who did it', async () => {
    const office = await as(cast.users.office);
    const draft = await draftOfHanoi();
    const created = (
      await office.post(`/api/directives/${draft.id}/tasks`, {
        text: 'Số hóa hồ sơ',
        leadAgencyIds: [cast.hanoiDept.id],
      })
    ).json();
    await office.patch(`/api/tasks/${created.id}`, { version: 1, text: 'Số hóa toàn bộ hồ sơ' });
    await addReportEvent(t.db, created.id, cast.hanoiDept.id, cast.users.focal.id);
    const history = (await office.get(`/api/tasks/${created.id}/history`)).json();
    expect(history.items.map((e: { entityType: string; action: string }) => `${e.entityType}:${e.action}`)).toEqual([
      'progress_report:submitted',
      'task:updated',
      'task:created',
    ]);
    expect(history.items[1]).toMatchObject({
      actor: { id: cast.users.office.id, name: `Nguyễn Văn ${cast.users.office.username}` },
      before: { text: 'Số hóa hồ sơ' },
      after: { text: 'Số hóa toàn bộ hồ sơ' },
    });
  });

  it('answers malformed and oversized requests with a clear 4xx', async () => {
    const office = await as(cast.users.office);
    const draft = await draftOfHanoi();
    const url = `/api/directives/${draft.id}/tasks`;
    expect((await office.post(url, {})).json().code).toBe('VALIDATION_FAILED');
    expect((await office.post(url, { text: '   ' })).statusCode).toBe(400);
    expect((await office.post(url, { text: 'Nhiệm vụ', leadAgencyIds: ['một'] })).statusCode).toBe(400);
    expect(
      (await office.post(url, { text: 'Nhiệm vụ', deadline: { kind: 'date', due: '31/12/2025' } })).statusCode,
    ).toBe(400);
    expect((await office.post(url, { text: 'x'.repeat(20_001) })).statusCode).toBe(400);
    expect((await office.post(url, { text: 'x'.repeat(1_100_000) })).statusCode).toBe(413);
    expect((await office.patch('/api/tasks/1', { text: 'Thiếu version' })).json().code).toBe('VALIDATION_FAILED');
    expect((await office.get('/api/tasks/0')).statusCode).toBe(400);
    expect((await office.get('/api/tasks/99999999')).statusCode).toBe(404);
    expect((await office.post('/api/tasks/merge', { taskIds: [1] })).statusCode).toBe(400);
    expect((await office.post(`/api/directives/999999/tasks`, { text: 'Nhiệm vụ' })).statusCode).toBe(404);
    const broken = await office.request({
      method: 'PATCH',
      url: '/api/tasks/1',
      headers: { 'content-type': 'application/json' },
      payload: '{"version": 1,',
    });
    expect(broken.statusCode).toBe(400);
  });
});
