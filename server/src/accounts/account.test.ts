import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import {
  ALL_ROLES,
  DEMO_PASSWORD,
  makeUser,
  makeUserPerRole,
  REFUSED_ALL_BUT_ADMIN,
  type RoleName,
  sessionCount,
  type TestUser,
} from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from '../../test/factories/agencies.ts';
import { sql } from '../db/sql.ts';

describe('accounts API', () => {
  let t: TestContext;
  let ministry: TestAgency;
  let province: TestAgency;
  let users: Record<RoleName, TestUser>;
  let clients: Record<RoleName, Client>;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await makeAgency(t.db, { name: 'Bộ Khoa học và Công nghệ' });
    province = await makeAgency(t.db, { name: 'Tỉnh Thanh Hóa', level: 'province' });
    users = await makeUserPerRole(t.db, ministry);
    clients = {} as Record<RoleName, Client>;
    for (const role of ALL_ROLES) clients[role] = await loginAs(t.app, users[role]);
    admin = clients.admin;
  });
  afterAll(() => t.close());

  const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    fullName: 'Trần Thị Hoà',
    email: `${username}@most.gov.vn`,
    password: 'MatKhauMoi@2025',
    agencyId: ministry.id,
    role: 'focal',
    ...extra,
  });

  async function login(username: string, password: string) {
    return anonymous(t.app).post('/api/auth/login', { username, password });
  }

  describe('who may do what', () => {
    it.each(REFUSED_ALL_BUT_ADMIN)(
      '%s cannot create, edit or reset the password of another account (%i)',
      async (role, status) => {
        const client = role === 'public' ? anonymous(t.app) : clients[role];
        const victim = await makeUser(t.db, { role: 'focal', agency: province });
        const attempts = [
          await client.post('/api/users', newUser(`tu-choi-${role}`)),
          await client.patch(`/api/users/${victim.id}`, { version: 1, isActive: false }),
          await client.post(`/api/users/${victim.id}/password`, { newPassword: 'DoiMatKhau@2025' }),
        ];
        for (const res of attempts) expect(res.statusCode).toBe(status);
        const [row] = await t.db.query<{ is_active: boolean; version: number }>(
          sql`SELECT is_active, version FROM users WHERE id = ${victim.id}`,
        );
        expect(row).toEqual({ is_active: true, version: 1 });
        expect((await login(victim.username, DEMO_PASSWORD)).statusCode).toBe(200);
        const created = await t.db.query(sql`SELECT 1 FROM users WHERE username = ${`tu-choi-${role}`}`);
        expect(created).toHaveLength(0);
      },
    );

    it('administrators and inspectors read the account list; other roles are refused', async () => {
      for (const role of ['admin', 'inspector'] as const) {
        const res = await clients[role].get('/api/users');
        expect(res.statusCode).toBe(200);
        expect(res.json().total).toBeGreaterThanOrEqual(5);
      }
      for (const role of ['office', 'focal', 'head'] as const) {
        expect((await clients[role].get('/api/users')).statusCode).toBe(403);
      }
      expect((await anonymous(t.app).get('/api/users')).statusCode).toBe(401);
    });

    it('a user reads their own account; another one is not there for them', async () => {
      const own = await clients.focal.get(`/api/users/${users.focal.id}`);
      expect(own.statusCode).toBe(200);
      expect(own.json().username).toBe(users.focal.username);
      const other = await clients.focal.get(`/api/users/${users.head.id}`);
      expect(other.statusCode).toBe(404);
    });
  });

  describe('creating accounts', () => {
    it('creates an account, hashes the password with argon2id and never returns the hash', async () => {
      const res = await admin.post('/api/users', newUser('tran-thi-hoa'));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        username: 'tran-thi-hoa',
        fullName: 'Trần Thị Hoà',
        role: 'focal',
        agency: { id: ministry.id, name: 'Bộ Khoa học và Công nghệ', level: 'central' },
        scopeAgency: null,
        isActive: true,
        version: 1,
      });
      expect(res.body).not.toMatch(/password|argon2/i);
      const [row] = await t.db.query<{ password_hash: string }>(
        sql`SELECT password_hash FROM users WHERE id = ${body.id}`,
      );
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      expect((await login('tran-thi-hoa', 'MatKhauMoi@2025')).statusCode).toBe(200);
      const [event] = await t.db.query<{ action: string; after: unknown }>(
        sql`SELECT action, after FROM events WHERE entity_type = 'user' AND entity_id = ${body.id}`,
      );
      expect(event?.action).toBe('created');
      expect(JSON.stringify(event?.after)).not.toMatch(/argon2|password/i);
    });

    it('creates a provincial standing office with its scope', async () => {
      const res = await admin.post(
        '/api/users',
        newUser('vp-tinh-uy-thanh-hoa', {
          role: 'office',
          fullName: 'Phạm Minh Đức',
          agencyId: province.id,
          scopeAgencyId: province.id,
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().scopeAgency).toEqual({ id: province.id, name: 'Tỉnh Thanh Hóa' });
    });

    it('refuses a taken username in any letter case', async () => {
      const res = await admin.post('/api/users', newUser('TRAN-THI-HOA'));
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({ code: 'USERNAME_TAKEN', params: { username: 'TRAN-THI-HOA' } });
    });

    it('refuses a scope for a role other than the standing office, and a group or unknown body', async () => {
      const scoped = await admin.post('/api/users', newUser('dau-moi-co-pham-vi', { scopeAgencyId: province.id }));
      expect(scoped.statusCode).toBe(400);
      expect(scoped.json().code).toBe('USER_SCOPE_ONLY_FOR_OFFICE');
      const group = await makeGroup(t.db, 'Các bộ, ngành', [ministry]);
      const inGroup = await admin.post('/api/users', newUser('thanh-vien-nhom', { agencyId: group.id }));
      expect(inGroup.statusCode).toBe(400);
      expect(inGroup.json()).toMatchObject({ code: 'USER_AGENCY_INVALID', params: { reason: 'group' } });
      const unknown = await admin.post('/api/users', newUser('khong-co-co-quan', { agencyId: 999999 }));
      expect(unknown.json()).toMatchObject({ code: 'USER_AGENCY_INVALID', params: { reason: 'not_found' } });
    });

    it('answers malformed accounts with 400 VALIDATION_FAILED', async () => {
      for (const payload of [
        newUser('mat-khau-ngan', { password: 'ngan@2025' }),
        newUser('có dấu cách'),
        newUser('vai-tro-la', { role: 'superuser' }),
        newUser('thu-sai', { email: 'khong-phai-email' }),
        { username: 'thieu-truong' },
      ]) {
        const res = await admin.post('/api/users', payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('changing accounts', () => {
    it('edits with the version; a stale version gets 409 and nothing changes', async () => {
      const user = await makeUser(t.db, { role: 'focal', agency: ministry });
      const res = await admin.patch(`/api/users/${user.id}`, {
        version: 1,
        fullName: 'Lê Văn Thuỷ',
        role: 'head',
        agencyId: province.id,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        fullName: 'Lê Văn Thuỷ',
        role: 'head',
        agency: { id: province.id },
        version: 2,
      });
      const stale = await admin.patch(`/api/users/${user.id}`, { version: 1, fullName: 'Ghi đè' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toEqual({
        code: 'VERSION_CONFLICT',
        params: { entity: 'user', id: user.id, currentVersion: 2 },
      });
      const [row] = await t.db.query<{ full_name: string }>(sql`SELECT full_name FROM users WHERE id = ${user.id}`);
      expect(row?.full_name).toBe('Lê Văn Thuỷ');
    });

    it('changing a standing office to another role clears its scope', async () => {
      const office = await makeUser(t.db, { role: 'office', agency: province, scope: province });
      const res = await admin.patch(`/api/users/${office.id}`, { version: 1, role: 'focal' });
      expect(res.json()).toMatchObject({ role: 'focal', scopeAgency: null });
    });

    it('deactivating an account ends its sessions at once', async () => {
      const user = await makeUser(t.db, { role: 'focal', agency: ministry });
      const client = await loginAs(t.app, user);
      await loginAs(t.app, user);
      expect(await sessionCount(t.db, user.id)).toBe(2);
      const res = await admin.patch(`/api/users/${user.id}`, { version: 1, isActive: false });
      expect(res.statusCode).toBe(200);
      expect(res.json().isActive).toBe(false);
      expect(await sessionCount(t.db, user.id)).toBe(0);
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
      expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(401);
      const [event] = await t.db.query<{ action: string }>(
        sql`SELECT action FROM events WHERE entity_type = 'user' AND entity_id = ${user.id}`,
      );
      expect(event?.action).toBe('deactivated');
    });

    it('an administrator cannot lock themselves out', async () => {
      const res = await admin.patch(`/api/users/${users.admin.id}`, { version: 1, isActive: false });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('USER_CANNOT_CHANGE_OWN_ACCESS');
      expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    });

    it('answers malformed edits with 400 VALIDATION_FAILED', async () => {
      for (const payload of [
        { fullName: 'Thiếu version' },
        { version: 1, isActive: 'no' },
        { version: 1, password: 'x' },
      ]) {
        const res = await admin.patch(`/api/users/${users.focal.id}`, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
      expect((await admin.patch('/api/users/999999', { version: 1, fullName: 'Không có' })).statusCode).toBe(404);
    });
  });

  describe('passwords', () => {
    it('a user changes their own password with the current one; their other sessions end', async () => {
      const user = await makeUser(t.db, { role: 'head', agency: province });
      const client = await loginAs(t.app, user);
      const elsewhere = await loginAs(t.app, user);
      const wrong = await client.post(`/api/users/${user.id}/password`, {
        currentPassword: 'khong-dung-mat-khau',
        newPassword: 'MatKhauRieng@2025',
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().code).toBe('CURRENT_PASSWORD_INVALID');
      const missing = await client.post(`/api/users/${user.id}/password`, { newPassword: 'MatKhauRieng@2025' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().code).toBe('CURRENT_PASSWORD_REQUIRED');
      const res = await client.post(`/api/users/${user.id}/password`, {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'MatKhauRieng@2025',
      });
      expect(res.statusCode).toBe(204);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);
      expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
      expect((await login(user.username, 'MatKhauRieng@2025')).statusCode).toBe(200);
      expect((await login(user.username, DEMO_PASSWORD)).statusCode).toBe(401);
    });

    it('an administrator resets another password; that user is signed out everywhere', async () => {
      const user = await makeUser(t.db, { role: 'focal', agency: province });
      const client = await loginAs(t.app, user);
      const res = await admin.post(`/api/users/${user.id}/password`, { newPassword: 'DatLaiMatKhau@2025' });
      expect(res.statusCode).toBe(204);
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
      expect((await login(user.username, 'DatLaiMatKhau@2025')).statusCode).toBe(200);
      const [event] = await t.db.query<{ action: string; before: unknown; after: unknown }>(
        sql`SELECT action, before, after FROM events WHERE entity_type = 'user' AND entity_id = ${user.id}`,
      );
      expect(event).toEqual({ action: 'password_reset', before: null, after: null });
    });

    it('refuses a short new password', async () => {
      const res = await admin.post(`/api/users/${users.focal.id}/password`, { newPassword: 'ngan' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    });
  });

  describe('listing accounts', () => {
    it('filters by body, role and name without diacritics, never showing a hash', async () => {
      await makeUser(t.db, { role: 'office', agency: province, scope: province, username: 'van-phong-thanh-hoa' });
      const byAgency = await clients.inspector.get(`/api/users?agencyId=${province.id}&role=office`);
      expect(byAgency.statusCode).toBe(200);
      const usernames = byAgency.json().items.map((u: { username: string }) => u.username);
      expect(usernames).toContain('van-phong-thanh-hoa');
      for (const u of byAgency.json().items) expect(u).toMatchObject({ role: 'office', agency: { id: province.id } });
      const byName = await clients.inspector.get('/api/users?q=tran%20thi%20hoa');
      expect(byName.json().items.map((u: { username: string }) => u.username)).toEqual(['tran-thi-hoa']);
      expect(byName.body).not.toMatch(/argon2|password/i);
      const withD = await clients.inspector.get('/api/users?q=pham%20minh%20duc');
      expect(withD.json().items.map((u: { username: string }) => u.username)).toEqual(['vp-tinh-uy-thanh-hoa']);
      const page = await admin.get('/api/users?limit=2&offset=1');
      expect(page.json().items).toHaveLength(2);
      expect(page.json().total).toBeGreaterThan(2);
      const bad = await admin.get('/api/users?role=king');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    });
  });
});
