import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, sessions, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask, type TestTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

// An office's implementation plan made in one call: Hà Nội plans under a central directive whose tasks
// are assigned to it. A refusal anywhere, whichever task it comes from, leaves no trace.

describe('plans', () => {
  let t: TestContext;
  let cast: RoleCast;
  let higher: TestTask[];
  const as = sessions(() => t.app);

  beforeAll(async () => {
    t = await createTestApp();
    cast = await makeRoleCast(t.db);
    const central = await makeDirective(t.db, { number: '57-NQ/TW', level: 'central', status: 'published' });
    higher = [
      await makeTask(t.db, { directive: central, lead: [cast.hanoi], dueDate: '2027-06-30' }),
      await makeTask(t.db, { directive: central, lead: [cast.hanoi], dueDate: '2027-03-31' }),
      await makeTask(t.db, { directive: central, lead: [cast.communes], deadlineKind: 'continuous' }),
    ];
  });
  afterAll(() => t.close());

  const planOfHanoi = (number: string) => ({
    number,
    docType: 'Kế hoạch',
    issuedOn: '2026-12-01',
    level: 'province',
    title: 'Kế hoạch triển khai Nghị quyết 57-NQ/TW',
    programmeCode: 'NQ57',
    implements: ['57-NQ/TW'],
    issuerName: 'Thành phố Hà Nội',
  });

  /** Three tasks, one per higher task; the second is due later than its higher task's day. */
  const threeTasks = () => [
    {
      text: 'Xây dựng cơ sở dữ liệu khoa học, công nghệ của thành phố',
      leadAgencyIds: [cast.hanoiDept.id],
      coordinatingAgencyIds: [cast.hanoiCommune.id],
      deadline: { kind: 'date', raw: '31/05/2027', due: '2027-05-31' },
      parentTaskId: higher[0]!.id,
    },
    {
      text: 'Số hóa hồ sơ thủ tục hành chính',
      leadAgencyIds: [cast.hanoiDept.id],
      deadline: { kind: 'date', raw: '30/06/2027', due: '2027-06-30' },
      parentTaskId: higher[1]!.id,
    },
    {
      text: 'Cập nhật dữ liệu dân cư thường xuyên',
      leadAgencyIds: [cast.hanoiCommune.id],
      deadline: { kind: 'continuous', raw: 'Thường xuyên' },
      parentTaskId: higher[2]!.id,
    },
  ];

  const counts = async () =>
    (
      await t.db.query<Record<string, number>>(sql`
        SELECT (SELECT count(*) FROM directives) AS directives, (SELECT count(*) FROM tasks) AS tasks,
               (SELECT count(*) FROM task_assignments) AS assignments, (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM notifications) AS notifications`)
    )[0];

  it('creates the plan with its tasks and publishes it in one call, with history, notifications and warnings', async () => {
    const office = await as(cast.users.office);
    const res = await office.post('/api/plans', {
      directive: planOfHanoi('15-KH/UBND'),
      tasks: threeTasks(),
      publish: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.plan).toMatchObject({
      number: '15-KH/UBND',
      level: 'province',
      status: 'published',
      scopeAgency: { id: cast.hanoi.id },
      implements: [{ number: '57-NQ/TW', directive: expect.objectContaining({ number: '57-NQ/TW' }) }],
      taskCounts: { total: 3, withoutLead: 0 },
      publishedBy: { id: cast.users.office.id },
    });
    expect(body.taskIds).toHaveLength(3);
    // The second task is due after the higher one: told, not refused.
    expect(body.warnings).toEqual([
      {
        code: 'PLAN_TASK_DUE_AFTER_PARENT',
        row: 1,
        taskId: body.taskIds[1],
        params: { dueDate: '2027-06-30', parentDueDate: '2027-03-31' },
      },
    ]);

    // Read back as anyone would: the tasks in order, each implementing its higher task.
    const tasks = (await office.get(`/api/tasks?directiveId=${body.plan.id}&sort=ref`)).json().items;
    expect(
      tasks.map((task: { id: number; ref: string; parentTaskId: number; lead: { id: number }[] }) => ({
        id: task.id,
        ref: task.ref,
        parentTaskId: task.parentTaskId,
        lead: task.lead.map((a) => a.id),
      })),
    ).toEqual([
      { id: body.taskIds[0], ref: '1', parentTaskId: higher[0]!.id, lead: [cast.hanoiDept.id] },
      { id: body.taskIds[1], ref: '2', parentTaskId: higher[1]!.id, lead: [cast.hanoiDept.id] },
      { id: body.taskIds[2], ref: '3', parentTaskId: higher[2]!.id, lead: [cast.hanoiCommune.id] },
    ]);
    const first = (await office.get(`/api/tasks/${body.taskIds[0]}`)).json();
    expect(first.coordinating.map((a: { id: number }) => a.id)).toEqual([cast.hanoiCommune.id]);
    expect(first.deadline).toMatchObject({ kind: 'date', due: '2027-05-31', firstDue: '2027-05-31' });
    // The central task rolls its new lower task up.
    const parent = (await office.get(`/api/tasks/${higher[0]!.id}`)).json();
    expect(parent.children.map((c: { id: number }) => c.id)).toContain(body.taskIds[0]);

    // A history row for every change, by the office, and the assigned bodies told of the plan.
    const events = await t.db.query<{ entity_type: string; entity_id: number; action: string; actor_id: number }>(sql`
      SELECT entity_type, entity_id, action, actor_id FROM events
      WHERE (entity_type = 'directive' AND entity_id = ${body.plan.id})
         OR (entity_type = 'task' AND entity_id = ANY(${body.taskIds}::bigint[]))
      ORDER BY id`);
    expect(events).toEqual([
      { entity_type: 'directive', entity_id: body.plan.id, action: 'created', actor_id: cast.users.office.id },
      ...body.taskIds.map((id: number) => ({
        entity_type: 'task',
        entity_id: id,
        action: 'created',
        actor_id: cast.users.office.id,
      })),
      { entity_type: 'directive', entity_id: body.plan.id, action: 'published', actor_id: cast.users.office.id },
    ]);
    const notified = await t.db.query<{ agency_id: number }>(sql`
      SELECT agency_id FROM notifications WHERE payload->>'directiveId' = ${String(body.plan.id)} ORDER BY agency_id`);
    expect(notified.map((n) => n.agency_id).sort()).toEqual([cast.hanoiDept.id, cast.hanoiCommune.id].sort());
  });

  it('without publish, keeps the plan as a draft with its tasks for the office to review', async () => {
    const office = await as(cast.users.office);
    const before = await counts();
    const res = await office.post('/api/plans', { directive: planOfHanoi('16-KH/UBND'), tasks: threeTasks() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().plan).toMatchObject({ status: 'draft', taskCounts: { total: 3 }, publishedBy: null });
    const after = await counts();
    expect(after).toEqual({
      ...before,
      directives: before!.directives! + 1,
      tasks: before!.tasks! + 3,
      assignments: before!.assignments! + 4,
      events: before!.events! + 4,
    });
    // Nobody is told of a draft, and a body's focal point does not see it.
    const focal = await as(cast.users.focal);
    expect((await focal.get(`/api/directives/${res.json().plan.id}`)).statusCode).toBe(404);
  });

  describe('a refusal at the third task leaves nothing behind and names the row', () => {
    const refusals: {
      name: string;
      third: (base: ReturnType<typeof threeTasks>[number]) => Record<string, unknown>;
      status: number;
      code: string;
      params?: () => Record<string, unknown>;
    }[] = [
      {
        name: 'an unknown body',
        third: (base) => ({ ...base, leadAgencyIds: [987_654_321] }),
        status: 400,
        code: 'TASK_AGENCY_NOT_FOUND',
        params: () => ({ agencyIds: [987_654_321] }),
      },
      {
        name: 'a body both lead and coordinating',
        third: (base) => ({ ...base, coordinatingAgencyIds: base.leadAgencyIds }),
        status: 400,
        code: 'TASK_AGENCY_BOTH_ROLES',
      },
      {
        name: 'a lead body of another province',
        third: (base) => ({ ...base, leadAgencyIds: [cast.danangCommune.id] }),
        status: 422,
        code: 'PLAN_LEAD_OUTSIDE_SCOPE',
        params: () => ({ agencyIds: [cast.danangCommune.id] }),
      },
      {
        name: 'a higher task the office cannot see (a draft of another province)',
        third: (base) => ({ ...base, parentTaskId: hiddenParent.id }),
        status: 400,
        code: 'TASK_PARENT_NOT_FOUND',
      },
    ];
    let hiddenParent: TestTask;
    beforeAll(async () => {
      const danangDraft = await makeDirective(t.db, { status: 'draft', level: 'province', scope: cast.danang });
      hiddenParent = await makeTask(t.db, { directive: danangDraft, lead: [cast.danangCommune] });
    });

    for (const refusal of refusals) {
      for (const publish of [false, true]) {
        it(`${refusal.name}${publish ? ', publishing' : ''}: ${refusal.status} ${refusal.code}`, async () => {
          const office = await as(cast.users.office);
          const tasks = threeTasks();
          const before = await counts();
          const res = await office.post('/api/plans', {
            directive: planOfHanoi(`17-KH/UBND-${refusal.code}`),
            tasks: [tasks[0], tasks[1], refusal.third(tasks[2]!)],
            publish,
          });
          expect(res.statusCode, res.body).toBe(refusal.status);
          expect(res.json()).toMatchObject({ code: refusal.code, params: { row: 2, ...refusal.params?.() } });
          expect(await counts()).toEqual(before);
          const list = (await office.get('/api/directives?q=17-KH&limit=200')).json();
          expect(list.items).toEqual([]);
        });
      }
    }
  });

  it('refuses to publish a task nobody leads, naming its row; as a draft it may wait for its lead', async () => {
    const office = await as(cast.users.office);
    const tasks = threeTasks();
    const withoutLead = [tasks[0], { ...tasks[1], leadAgencyIds: [] }, tasks[2]];
    const before = await counts();
    const refused = await office.post('/api/plans', {
      directive: planOfHanoi('18-KH/UBND'),
      tasks: withoutLead,
      publish: true,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'DIRECTIVE_TASKS_WITHOUT_LEAD',
      params: { tasks: [{ ref: '2', row: 1 }] },
    });
    expect(await counts()).toEqual(before);

    const draft = await office.post('/api/plans', { directive: planOfHanoi('18-KH/UBND'), tasks: withoutLead });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().plan).toMatchObject({ status: 'draft', taskCounts: { total: 3, withoutLead: 1 } });
  });

  it('refuses a plan in a scope the office does not manage before writing anything', async () => {
    const office = await as(cast.users.otherOffice);
    const before = await counts();
    const res = await office.post('/api/plans', {
      directive: { ...planOfHanoi('19-KH/UBND'), scopeAgencyId: cast.hanoi.id },
      tasks: threeTasks(),
      publish: true,
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('DIRECTIVE_SCOPE_FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it("a commune's office plans under the province's plan with its own bodies only", async () => {
    const committee = await makeAgency(t.db, { name: 'Ủy ban nhân dân phường Ba Đình', parent: cast.hanoiCommune });
    const communeOffice = await as(
      await makeUser(t.db, { role: 'office', agency: committee, scope: cast.hanoiCommune }),
    );
    const provincePlan = await makeDirective(t.db, { status: 'published', level: 'province', scope: cast.hanoi });
    const provinceTask = await makeTask(t.db, {
      directive: provincePlan,
      lead: [cast.hanoiCommune],
      dueDate: '2027-04-30',
    });
    const task = {
      text: 'Rà soát thủ tục hành chính tại phường',
      deadline: { kind: 'date', raw: '15/04/2027', due: '2027-04-15' },
      parentTaskId: provinceTask.id,
    };
    const directive = { number: '03/KH-UBND', level: 'commune', implements: [provincePlan.number] };

    const outside = await communeOffice.post('/api/plans', {
      directive,
      tasks: [{ ...task, leadAgencyIds: [cast.hanoiDept.id] }],
      publish: true,
    });
    expect(outside.statusCode, outside.body).toBe(422);
    expect(outside.json()).toMatchObject({
      code: 'PLAN_LEAD_OUTSIDE_SCOPE',
      params: { row: 0, agencyIds: [cast.hanoiDept.id] },
    });

    const own = await communeOffice.post('/api/plans', {
      directive,
      tasks: [{ ...task, leadAgencyIds: [committee.id] }],
      publish: true,
    });
    expect(own.statusCode, own.body).toBe(201);
    // The committee kept as a body of its own has no account: told, so the office knows no one will report.
    expect(own.json()).toMatchObject({
      plan: { status: 'published', level: 'commune', scopeAgency: { id: cast.hanoiCommune.id } },
      warnings: [
        {
          code: 'PLAN_TASK_NO_REPORTER',
          row: 0,
          taskId: own.json().taskIds[0],
          params: { agencyId: committee.id, agencyName: 'Ủy ban nhân dân phường Ba Đình' },
        },
      ],
    });
    // The commune itself has its focal point: no warning.
    const toCommune = await communeOffice.post('/api/plans', {
      directive: { ...directive, number: '04/KH-UBND' },
      tasks: [{ ...task, leadAgencyIds: [cast.hanoiCommune.id] }],
      publish: true,
    });
    expect(toCommune.statusCode, toCommune.body).toBe(201);
    expect(toCommune.json().warnings).toEqual([]);
  });

  it('validation errors name the row and field, before anything is written', async () => {
    const office = await as(cast.users.office);
    const tasks = threeTasks();
    const before = await counts();
    const res = await office.post('/api/plans', {
      directive: planOfHanoi('20-KH/UBND'),
      tasks: [tasks[0], { ...tasks[1], text: '   ' }, { ...tasks[2], parentTaskId: undefined }],
      publish: true,
    });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/tasks/1/text', '/tasks/2/parentTaskId']);
    expect(await counts()).toEqual(before);

    const empty = await office.post('/api/plans', { directive: planOfHanoi('20-KH/UBND'), tasks: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues.map((i: { path: string }) => i.path)).toEqual(['/tasks']);
  });

  it('publishes the plan API in the OpenAPI document from the same schemas', async () => {
    const doc = (await anonymous(t.app).get('/api/docs/json')).json();
    const post = doc.paths['/api/plans'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['directive', 'tasks']));
    expect(body.properties.tasks.items.required).toEqual(expect.arrayContaining(['text', 'parentTaskId']));
    const answer = post.responses['201'].content['application/json'].schema;
    expect(Object.keys(answer.properties)).toEqual(['plan', 'taskIds', 'warnings']);
  });
});
