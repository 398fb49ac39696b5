import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { ALL_ROLES, makeUserPerRole, REFUSED_ALL_BUT_ADMIN, type RoleName } from '../../test/factories/accounts.ts';
import { agencyBySlug, agencyRow, makeAgency, sampleRegistry, type TestAgency } from '../../test/factories/agencies.ts';
import { sql } from '../db/sql.ts';
import { seedRegistry } from './agency.seed.ts';

describe('bodies API', () => {
  let t: TestContext;
  let clients: Record<RoleName, Client>;
  let admin: Client;
  let ministry: TestAgency;
  let thanhHoa: TestAgency;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistry(t.db, sampleRegistry());
    ministry = await agencyBySlug(t.db, 'bo-khoa-hoc-va-cong-nghe');
    thanhHoa = await agencyBySlug(t.db, 'tinh-thanh-hoa');
    const users = await makeUserPerRole(t.db, ministry);
    clients = {} as Record<RoleName, Client>;
    for (const role of ALL_ROLES) clients[role] = await loginAs(t.app, users[role]);
    admin = clients.admin;
  });
  afterAll(() => t.close());

  const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((a) => a.name);

  describe('search', () => {
    it('finds bodies without diacritics, for anyone, signed in or not', async () => {
      const res = await anonymous(t.app).get('/api/agencies?q=thanh%20hoa');
      expect(res.statusCode).toBe(200);
      expect(names(res)[0]).toBe('Tỉnh Thanh Hóa');
      expect(names(res)).toEqual(
        expect.arrayContaining(['Ủy ban nhân dân tỉnh Thanh Hóa', 'Sở Khoa học và Công nghệ tỉnh Thanh Hoá']),
      );
    });

    it('finds "Thanh Hóa" when written with the other tone-mark placement', async () => {
      const res = await anonymous(t.app).get(`/api/agencies?q=${encodeURIComponent('Thanh Hoá')}`);
      expect(names(res)[0]).toBe('Tỉnh Thanh Hóa');
      const other = await anonymous(t.app).get(
        `/api/agencies?q=${encodeURIComponent('Uỷ ban nhân dân tỉnh Khánh Hoà')}`,
      );
      expect(names(other)[0]).toBe('Uỷ ban nhân dân tỉnh Khánh Hòa');
    });

    it('finds a ministry by its abbreviation alias, without diacritics', async () => {
      const res = await anonymous(t.app).get('/api/agencies?q=bo%20khcn');
      expect(names(res)[0]).toBe('Bộ Khoa học và Công nghệ');
      expect(res.json().items[0].aliases).toEqual(expect.arrayContaining(['Bộ KH&CN', 'Bộ KHCN']));
      const amp = await anonymous(t.app).get(`/api/agencies?q=${encodeURIComponent('bộ kh&cn')}`);
      expect(names(amp)[0]).toBe('Bộ Khoa học và Công nghệ');
    });

    it('ranks a prefix match above a word inside a longer name', async () => {
      const res = await anonymous(t.app).get('/api/agencies?q=so%20khoa%20hoc');
      expect(names(res)[0]).toBe('Sở Khoa học và Công nghệ tỉnh Thanh Hoá');
    });

    it('treats LIKE wildcards in the query as text', async () => {
      const res = await anonymous(t.app).get('/api/agencies?q=%25%25');
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(0);
    });

    it('filters by level, kind, parent and subtree, and pages with a total', async () => {
      const provinces = await anonymous(t.app).get('/api/agencies?level=province&kind=state&limit=2&offset=1');
      expect(provinces.json()).toMatchObject({ total: 5, limit: 2, offset: 1 });
      expect(provinces.json().items).toHaveLength(2);
      const children = await anonymous(t.app).get(`/api/agencies?parentId=${thanhHoa.id}`);
      expect(names(children).sort()).toEqual([
        'Sở Khoa học và Công nghệ tỉnh Thanh Hoá',
        'Ủy ban nhân dân tỉnh Thanh Hóa',
      ]);
      const subtree = await anonymous(t.app).get(`/api/agencies?withinId=${thanhHoa.id}`);
      expect(subtree.json().total).toBe(3);
      const party = await anonymous(t.app).get('/api/agencies?kind=party');
      expect(names(party)).toEqual(['Văn phòng Trung ương Đảng']);
    });

    it('leaves named groups out unless asked for', async () => {
      const without = await anonymous(t.app).get('/api/agencies?q=cac%20bo%20nganh');
      expect(names(without)).not.toContain('Các bộ, ngành');
      const withGroups = await anonymous(t.app).get('/api/agencies?q=cac%20bo%20nganh&includeGroups=true');
      expect(names(withGroups)[0]).toBe('Các bộ, ngành');
      const groupsOnly = await anonymous(t.app).get('/api/agencies?kind=group');
      expect(groupsOnly.json().total).toBe(3);
    });

    it('answers a malformed filter with 400 VALIDATION_FAILED', async () => {
      for (const url of [
        '/api/agencies?level=planet',
        '/api/agencies?limit=0',
        '/api/agencies?parentId=abc',
        '/api/agencies?includeGroups=yes',
      ]) {
        const res = await anonymous(t.app).get(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('one body', () => {
    it('shows aliases, parent, groups and children', async () => {
      const res = await anonymous(t.app).get(`/api/agencies/${ministry.id}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        name: 'Bộ Khoa học và Công nghệ',
        level: 'central',
        kind: 'state',
        parent: { name: 'Chính phủ' },
        mergedInto: null,
        memberCount: null,
        childCount: 0,
      });
      expect(body.groups.map((g: { name: string }) => g.name)).toEqual(
        expect.arrayContaining(['Các bộ, ngành', 'Bộ Khoa học và Công nghệ, Văn phòng Trung ương Đảng']),
      );
    });

    it('lists a group with its member count, and its members', async () => {
      const group = await agencyBySlug(t.db, 'group-cac-bo-nganh');
      const detail = await anonymous(t.app).get(`/api/agencies/${group.id}`);
      expect(detail.json()).toMatchObject({ kind: 'group', memberCount: 2 });
      const members = await anonymous(t.app).get(`/api/agencies/${group.id}/members`);
      expect(members.statusCode).toBe(200);
      expect(names(members)).toEqual(['Bộ Khoa học và Công nghệ', 'Bộ Tài chính']);
      const notGroup = await anonymous(t.app).get(`/api/agencies/${ministry.id}/members`);
      expect(notGroup.statusCode).toBe(400);
      expect(notGroup.json().code).toBe('AGENCY_NOT_A_GROUP');
    });

    it('answers 404 for a body that is not there', async () => {
      const res = await anonymous(t.app).get('/api/agencies/999999');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    });
  });

  describe('who may change bodies', () => {
    const clientFor = (role: RoleName | 'public') => (role === 'public' ? anonymous(t.app) : clients[role]);

    it.each(REFUSED_ALL_BUT_ADMIN)('%s cannot create, edit, alias or merge a body (%i)', async (role, status) => {
      const target = await makeAgency(t.db, { name: 'Sở Nội vụ tỉnh Thử' });
      const successor = await makeAgency(t.db, { name: 'Sở Nội vụ tỉnh Mới' });
      await t.db.query(sql`INSERT INTO agency_aliases (agency_id, alias) VALUES (${target.id}, 'SNV')`);
      const client = clientFor(role);
      const attempts = [
        await client.post('/api/agencies', { name: 'Sở Y tế tỉnh Thử', level: 'province', kind: 'state' }),
        await client.patch(`/api/agencies/${target.id}`, { version: 1, name: 'Đổi tên' }),
        await client.post(`/api/agencies/${target.id}/aliases`, { alias: 'SNV Thử' }),
        await client.delete(`/api/agencies/${target.id}/aliases/SNV`),
        await client.post(`/api/agencies/${target.id}/merge`, {
          successorId: successor.id,
          mergedOn: '2025-07-01',
          reason: 'Sắp xếp tổ chức bộ máy',
        }),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(status);
        expect(res.json().code).toBe(status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
      const row = await agencyRow(t.db, target.id);
      expect(row).toMatchObject({ name: 'Sở Nội vụ tỉnh Thử', version: 1, merged_into_id: null });
      const [count] = await t.db.query<{ n: number }>(
        sql`SELECT count(*) AS n FROM agencies WHERE name = 'Sở Y tế tỉnh Thử'`,
      );
      expect(count?.n).toBe(0);
    });

    it('the administrator creates a body under a parent, with aliases and both tone placements', async () => {
      const res = await admin.post('/api/agencies', {
        name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa',
        level: 'province',
        kind: 'state',
        parentId: thanhHoa.id,
        aliases: ['Sở VHTTDL Thanh Hóa'],
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        slug: 'so-van-hoa-the-thao-va-du-lich-tinh-thanh-hoa',
        parent: { id: thanhHoa.id, name: 'Tỉnh Thanh Hóa' },
        path: `${thanhHoa.path}.${body.id}`,
        version: 1,
      });
      expect(body.aliases).toEqual(
        expect.arrayContaining(['Sở VHTTDL Thanh Hóa', 'Sở Văn hoá, Thể thao và Du lịch tỉnh Thanh Hoá']),
      );
      const [event] = await t.db.query<{ action: string; after: { name: string } }>(
        sql`SELECT action, after FROM events WHERE entity_type = 'agency' AND entity_id = ${body.id}`,
      );
      expect(event).toMatchObject({ action: 'created', after: { name: body.name } });
      const found = await anonymous(t.app).get('/api/agencies?q=so%20van%20hoa%20thanh%20hoa');
      expect(names(found)).toContain('Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa');
    });

    it('a new body joins the named groups its name matches', async () => {
      const res = await admin.post('/api/agencies', { name: 'Bộ Nội vụ', level: 'central', kind: 'state' });
      expect(res.statusCode).toBe(201);
      expect(res.json().groups.map((g: { name: string }) => g.name)).toEqual(['Các bộ, ngành']);
    });

    it('the administrator creates a named group with explicit members', async () => {
      const finance = await agencyBySlug(t.db, 'bo-tai-chinh');
      const res = await admin.post('/api/agencies', {
        name: 'Bộ Tài chính, Bộ Khoa học và Công nghệ',
        level: 'central',
        kind: 'group',
        memberIds: [finance.id, ministry.id],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'group', memberCount: 2 });
      const bad = await admin.post('/api/agencies', {
        name: 'Nhóm lạ',
        level: 'central',
        kind: 'group',
        memberIds: [999999],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'AGENCY_MEMBER_NOT_FOUND', params: { ids: [999999] } });
    });

    it('refuses a taken slug, an unknown parent and malformed bodies', async () => {
      const taken = await admin.post('/api/agencies', {
        name: 'Bộ KH khác',
        slug: 'bo-khoa-hoc-va-cong-nghe',
        level: 'central',
        kind: 'state',
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('AGENCY_SLUG_TAKEN');
      const orphan = await admin.post('/api/agencies', {
        name: 'Sở lạc',
        level: 'province',
        kind: 'state',
        parentId: 999999,
      });
      expect(orphan.statusCode).toBe(400);
      expect(orphan.json().code).toBe('AGENCY_PARENT_NOT_FOUND');
      for (const payload of [
        {},
        { name: '', level: 'central', kind: 'state' },
        { name: 'X', level: 'galaxy', kind: 'state' },
        { name: 'X', level: 'central', kind: 'state', slug: 'Có Dấu' },
        { name: 'X', level: 'central', kind: 'state', aliases: 'not-an-array' },
      ]) {
        const res = await admin.post('/api/agencies', payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    });

    it('the administrator renames a body with its version; the old name stays findable', async () => {
      const body = await makeAgency(t.db, { name: 'Sở Thông tin và Truyền thông tỉnh Thử' });
      const res = await admin.patch(`/api/agencies/${body.id}`, {
        version: 1,
        name: 'Sở Khoa học và Công nghệ tỉnh Thử',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Sở Khoa học và Công nghệ tỉnh Thử', version: 2 });
      expect(res.json().aliases).toContain('Sở Thông tin và Truyền thông tỉnh Thử');
      const [event] = await t.db.query<{ before: { name: string }; after: { name: string } }>(
        sql`SELECT before, after FROM events WHERE entity_type = 'agency' AND entity_id = ${body.id} AND action = 'updated'`,
      );
      expect(event).toMatchObject({
        before: { name: 'Sở Thông tin và Truyền thông tỉnh Thử' },
        after: { name: 'Sở Khoa học và Công nghệ tỉnh Thử' },
      });
    });

    it('a stale version gets 409 with the current version, and nothing changes', async () => {
      const body = await makeAgency(t.db, { name: 'Sở Xây dựng tỉnh Thử' });
      const first = await admin.patch(`/api/agencies/${body.id}`, { version: 1, shortName: 'SXD' });
      expect(first.statusCode).toBe(200);
      const stale = await admin.patch(`/api/agencies/${body.id}`, { version: 1, name: 'Tên ghi đè' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toEqual({
        code: 'VERSION_CONFLICT',
        params: { entity: 'agency', id: body.id, currentVersion: 2 },
      });
      expect(await agencyRow(t.db, body.id)).toMatchObject({ name: 'Sở Xây dựng tỉnh Thử', version: 2 });
    });

    it('moving a body moves its whole subtree, and a cycle is refused', async () => {
      const province = await makeAgency(t.db, { name: 'Tỉnh Cũ', level: 'province' });
      const department = await makeAgency(t.db, { name: 'Sở Y tế tỉnh Cũ', parent: province });
      const hospital = await makeAgency(t.db, { name: 'Bệnh viện tỉnh Cũ', parent: department });
      const newProvince = await makeAgency(t.db, { name: 'Tỉnh Mới', level: 'province' });
      const moved = await admin.patch(`/api/agencies/${department.id}`, { version: 1, parentId: newProvince.id });
      expect(moved.statusCode).toBe(200);
      expect((await agencyRow(t.db, department.id)).path).toBe(`${newProvince.id}.${department.id}`);
      expect((await agencyRow(t.db, hospital.id)).path).toBe(`${newProvince.id}.${department.id}.${hospital.id}`);
      const cycle = await admin.patch(`/api/agencies/${department.id}`, { version: 2, parentId: hospital.id });
      expect(cycle.statusCode).toBe(400);
      expect(cycle.json().code).toBe('AGENCY_PARENT_CYCLE');
      expect((await agencyRow(t.db, department.id)).version).toBe(2);
      const malformed = await admin.patch(`/api/agencies/${department.id}`, { name: 'Không có version' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().code).toBe('VALIDATION_FAILED');
    });

    it('the administrator adds and removes aliases; duplicates and unknown ones are refused', async () => {
      const body = await makeAgency(t.db, { name: 'Văn phòng Chính phủ' });
      const added = await admin.post(`/api/agencies/${body.id}/aliases`, { alias: 'VPCP' });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toEqual({ aliases: ['VPCP'] });
      const found = await anonymous(t.app).get('/api/agencies?q=vpcp');
      expect(names(found)).toEqual(['Văn phòng Chính phủ']);
      const again = await admin.post(`/api/agencies/${body.id}/aliases`, { alias: 'VPCP' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('AGENCY_ALIAS_EXISTS');
      const removed = await admin.delete(`/api/agencies/${body.id}/aliases/VPCP`);
      expect(removed.statusCode).toBe(200);
      expect(removed.json()).toEqual({ aliases: [] });
      const missing = await admin.delete(`/api/agencies/${body.id}/aliases/${encodeURIComponent('Không có')}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('AGENCY_ALIAS_NOT_FOUND');
      const empty = await admin.post(`/api/agencies/${body.id}/aliases`, { alias: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().code).toBe('VALIDATION_FAILED');
      const actions = await t.db.query<{ action: string }>(
        sql`SELECT action FROM events WHERE entity_type = 'agency' AND entity_id = ${body.id} ORDER BY id`,
      );
      expect(actions.map((a) => a.action)).toEqual(['alias_added', 'alias_removed']);
    });
  });

  it('publishes the bodies API in the OpenAPI document', async () => {
    const res = await anonymous(t.app).get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/agencies', '/api/agencies/{id}/merge']));
  });
});
