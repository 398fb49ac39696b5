import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask, setUnresolvedBodies } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

describe('directives', () => {
  let t: TestContext;
  let cast: RoleCast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await makeRoleCast(t.db);
  });
  afterAll(() => t.close());

  it('creates a draft in the office’s own scope, links upward by number, and records who did it', async () => {
    const office = await loginAs(t.app, cast.users.office);
    const res = await office.post('/api/directives', {
      number: '02-KH/TU',
      docType: 'Kế hoạch',
      issuedOn: '2025-07-10',
      issuerName: 'Thành ủy Hà Nội',
      level: 'province',
      title: 'Kế hoạch thực hiện Nghị quyết 57-NQ/TW',
      programmeCode: 'NQ57',
      implements: ['57-NQ/TW', '07-TB/CQTTBCĐ'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      number: '02-KH/TU',
      status: 'draft',
      level: 'province',
      scopeAgency: { id: cast.hanoi.id, name: 'Thành phố Hà Nội' },
      implements: [
        { number: '07-TB/CQTTBCĐ', directive: null },
        { number: '57-NQ/TW', directive: null },
      ],
      taskCounts: { total: 0 },
      abilities: { canEdit: true, canPublish: true, canDelete: true },
      version: 1,
    });
    const events = await t.db.query<{ action: string; actor_id: number }>(
      sql`SELECT action, actor_id FROM events WHERE entity_type = 'directive' AND entity_id = ${body.id}`,
    );
    expect(events).toEqual([{ action: 'created', actor_id: cast.users.office.id }]);

    // The notice it implements is imported later, written with other spacing: the link resolves by JOIN.
    const notice = await makeDirective(t.db, { number: '07 - TB/CQTTBCĐ', status: 'published' });
    const detail = (await office.get(`/api/directives/${body.id}`)).json();
    expect(detail.implements).toContainEqual({
      number: '07-TB/CQTTBCĐ',
      directive: expect.objectContaining({ id: notice.id, number: '07 - TB/CQTTBCĐ' }),
    });
    // The draft is not public yet, so the notice does not list it as implementing it — except to its office.
    expect((await anonymous(t.app).get(`/api/directives/${notice.id}`)).json().implementedBy).toEqual([]);
    expect((await office.get(`/api/directives/${notice.id}`)).json().implementedBy).toEqual([
      expect.objectContaining({ id: body.id, number: '02-KH/TU' }),
    ]);
  });

  it('hides drafts from everyone who cannot manage them (inspectors read everything)', async () => {
    const draft = await makeDirective(t.db, { status: 'draft', level: 'province', scope: cast.hanoi });
    for (const user of [cast.users.otherOffice, cast.users.focal, cast.users.head]) {
      const client = await loginAs(t.app, user);
      expect((await client.get(`/api/directives/${draft.id}`)).statusCode).toBe(404);
      const list = (await client.get('/api/directives?limit=200')).json();
      expect(list.items.map((d: { id: number }) => d.id)).not.toContain(draft.id);
    }
    expect((await anonymous(t.app).get(`/api/directives/${draft.id}`)).statusCode).toBe(404);
    for (const user of [cast.users.office, cast.users.centralOffice, cast.users.admin, cast.users.inspector]) {
      const client = await loginAs(t.app, user);
      expect((await client.get(`/api/directives/${draft.id}`)).statusCode).toBe(200);
    }
  });

  it('lists with filters, search without diacritics, pagination and a total', async () => {
    await makeDirective(t.db, { number: '15-KH/UBND', programme: 'NQ71', level: 'commune' });
    await makeDirective(t.db, { number: '16-KH/UBND', programme: 'NQ71', level: 'commune' });
    const [row] = await t.db.query<{ id: number }>(
      sql`UPDATE directives SET title = 'Kế hoạch chuyển đổi số năm 2025' WHERE number = '16-KH/UBND' RETURNING id`,
    );
    const client = anonymous(t.app);
    const page = (await client.get('/api/directives?programme=NQ71&level=commune&limit=1')).json();
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    const found = (await client.get(`/api/directives?q=${encodeURIComponent('chuyen doi so 2025')}`)).json();
    expect(found.items.map((d: { id: number }) => d.id)).toEqual([row!.id]);
    const byNumber = (await client.get('/api/directives?q=15-kh')).json();
    expect(byNumber.items.map((d: { number: string }) => d.number)).toEqual(['15-KH/UBND']);
    expect((await client.get('/api/directives?limit=500')).statusCode).toBe(400);
    expect((await client.get('/api/directives?status=archived')).json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a stale edit with 409 and the current version, keeping the first edit', async () => {
    const office = await loginAs(t.app, cast.users.office);
    const other = await loginAs(t.app, cast.users.centralOffice);
    const draft = await makeDirective(t.db, { status: 'draft', level: 'province', scope: cast.hanoi });
    const first = await office.patch(`/api/directives/${draft.id}`, { version: 1, title: 'Tiêu đề đã sửa' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await other.patch(`/api/directives/${draft.id}`, { version: 1, title: 'Tiêu đề khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({
      code: 'VERSION_CONFLICT',
      params: { entity: 'directive', id: draft.id, currentVersion: 2 },
    });
    expect((await office.get(`/api/directives/${draft.id}`)).json().title).toBe('Tiêu đề đã sửa');
  });

  it('refuses to publish while a task has no lead body or unresolved bodies, then publishes and notifies', async () => {
    const office = await loginAs(t.app, cast.users.office);
    const draft = await makeDirective(t.db, { status: 'draft', level: 'province', scope: cast.hanoi });
    const orphan = await makeTask(t.db, { directive: draft, dueDate: '2025-12-31' });
    const res = await office.post(`/api/directives/${draft.id}/publish`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'DIRECTIVE_TASKS_WITHOUT_LEAD', params: { tasks: [{ id: orphan.id }] } });

    await t.db.query(sql`DELETE FROM tasks WHERE id = ${orphan.id}`);
    const unresolved = await makeTask(t.db, { directive: draft, lead: [cast.hanoiDept] });
    await setUnresolvedBodies(t.db, unresolved.id, ['Ban Quản lý dự án']);
    const again = await office.post(`/api/directives/${draft.id}/publish`);
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({
      code: 'DIRECTIVE_TASKS_UNRESOLVED_BODIES',
      params: { tasks: [{ id: unresolved.id, unresolvedBodies: ['Ban Quản lý dự án'] }] },
    });
    await setUnresolvedBodies(t.db, unresolved.id, []);
    expect((await t.db.query(sql`SELECT status FROM directives WHERE id = ${draft.id}`))[0]).toEqual({
      status: 'draft',
    });

    await makeTask(t.db, { directive: draft, lead: [cast.hanoiDept], coordinating: [cast.communes] });
    const published = await office.post(`/api/directives/${draft.id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', abilities: { canPublish: false, canDelete: false } });
    const notes = await t.db.query<{ agency_id: number; payload: { leadTaskCount: number } }>(
      sql`SELECT agency_id, payload FROM notifications WHERE payload->>'directiveId' = ${String(draft.id)} ORDER BY agency_id`,
    );
    // The department leads both tasks; the group notifies each member commune — in Hà Nội's plan, Hà
    // Nội's communes only (a group in a province's directive is its part in that province).
    expect(notes.map((n) => n.agency_id).sort()).toEqual([cast.hanoiDept.id, cast.hanoiCommune.id].sort());
    expect(notes.find((n) => n.agency_id === cast.hanoiDept.id)?.payload.leadTaskCount).toBe(2);
    const twice = await office.post(`/api/directives/${draft.id}/publish`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('DIRECTIVE_ALREADY_PUBLISHED');
    expect((await office.delete(`/api/directives/${draft.id}`)).json().code).toBe('DIRECTIVE_NOT_DRAFT');
  });

  it('tells, before publishing, how many tasks go live and how many bodies hear of it — what publishing then does', async () => {
    const office = await loginAs(t.app, cast.users.office);
    const draft = await makeDirective(t.db, { status: 'draft', level: 'province', scope: cast.hanoi });
    await makeTask(t.db, { directive: draft, lead: [cast.hanoiDept] });
    await makeTask(t.db, { directive: draft, lead: [cast.hanoiDept], coordinating: [cast.communes] });
    await makeTask(t.db, { directive: draft, lead: [cast.hanoiCommune] });

    const preview = await office.get(`/api/directives/${draft.id}/publish-preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    // Asking changes nothing; only the office that may publish it may ask.
    expect((await t.db.query(sql`SELECT status FROM directives WHERE id = ${draft.id}`))[0]).toEqual({
      status: 'draft',
    });
    expect(
      (await (await loginAs(t.app, cast.users.otherOffice)).get(`/api/directives/${draft.id}/publish-preview`))
        .statusCode,
    ).toBe(404);
    expect((await anonymous(t.app).get(`/api/directives/${draft.id}/publish-preview`)).statusCode).toBe(401);

    expect((await office.post(`/api/directives/${draft.id}/publish`, {})).statusCode).toBe(200);
    const [{ tasks }] = (await t.db.query<{ tasks: number }>(
      sql`SELECT count(*)::int AS tasks FROM tasks WHERE directive_id = ${draft.id}`,
    )) as [{ tasks: number }];
    const notified = await t.db.query(
      sql`SELECT agency_id FROM notifications WHERE payload->>'directiveId' = ${String(draft.id)}`,
    );
    expect(preview.json()).toEqual({ tasks, bodies: notified.length });
    const after = await office.get(`/api/directives/${draft.id}/publish-preview`);
    expect(after.json().code).toBe('DIRECTIVE_ALREADY_PUBLISHED');
  });

  it('answers malformed and oversized requests with a clear 4xx', async () => {
    const office = await loginAs(t.app, cast.users.office);
    const missing = await office.post('/api/directives', { title: 'Không có số hiệu' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('VALIDATION_FAILED');
    const badDate = await office.post('/api/directives', { number: '1-KH', level: 'province', issuedOn: '2025-02-30' });
    expect(badDate.statusCode).toBe(400);
    const unknown = await office.post('/api/directives', { number: '1-KH', level: 'province', programmeCode: 'NQ99' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ code: 'PROGRAMME_NOT_FOUND', params: { programmeCode: 'NQ99' } });
    const noScope = await office.post('/api/directives', { number: '1-KH', level: 'province', scopeAgencyId: 999999 });
    expect(noScope.json().code).toBe('DIRECTIVE_SCOPE_NOT_FOUND');
    const extra = await office.post('/api/directives', { number: '1-KH', level: 'province', status: 'published' });
    expect(extra.statusCode).toBe(400);
    expect((await office.get('/api/directives/abc')).statusCode).toBe(400);
    const broken = await office.request({
      method: 'POST',
      url: '/api/directives',
      headers: { 'content-type': 'application/json' },
      payload: '{"number": ',
    });
    expect(broken.statusCode).toBe(400);
    const huge = await office.post('/api/directives', {
      number: '1-KH',
      level: 'province',
      title: 'x'.repeat(2_000_000),
    });
    expect(huge.statusCode).toBe(413);
    const long = await office.post('/api/directives', { number: '1-KH', level: 'province', title: 'x'.repeat(5000) });
    expect(long.statusCode).toBe(400);
  });
});
