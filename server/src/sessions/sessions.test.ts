import { describe, expect, it } from 'vitest';
import { anonymous, loginAs, useTestApp } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { LAST_SEEN_EVERY_MS } from '../auth/auth.service.ts';
import { sql } from '../db/sql.ts';
import type { SessionListResponse } from './session.schemas.ts';

const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

describe('my sessions: listed with their devices, signed out one by one or everywhere else', () => {
  const world = useTestApp(async (db) => {
    const province = await makeAgency(db, { name: 'UBND tỉnh Quảng Trị' });
    return {
      focal: await makeUser(db, { role: 'focal', agency: province, username: 'dau-moi-quang-tri' }),
      other: await makeUser(db, { role: 'focal', agency: province, username: 'dau-moi-khac' }),
    };
  });

  const list = async (client: Awaited<ReturnType<typeof loginAs>>) => {
    const res = await client.get('/api/auth/sessions');
    expect(res.statusCode).toBe(200);
    return res.json<SessionListResponse>().items;
  };

  it('lists two sign-ins from two browsers with their devices, marks the current one, shows no token', async () => {
    const desk = await loginAs(world.t.app, world.data.focal, { userAgent: WINDOWS_CHROME });
    const phone = await loginAs(world.t.app, world.data.focal, { userAgent: IPHONE_SAFARI });
    const fromDesk = await list(desk);
    expect(fromDesk.map((s) => s.device).sort()).toEqual(['Chrome 120 · Windows', 'Safari 17 · iPhone']);
    expect(fromDesk.find((s) => s.current)?.device).toBe('Chrome 120 · Windows');
    expect((await list(phone)).find((s) => s.current)?.device).toBe('Safari 17 · iPhone');
    // The cookie's token (nor its hash, nor the CSRF token) is never part of the answer.
    const body = (await desk.get('/api/auth/sessions')).body;
    const [stored] = await world.t.db.query<{ token_hash: string; csrf_token: string }>(
      sql`SELECT token_hash, csrf_token FROM sessions WHERE user_id = ${world.data.focal.id} LIMIT 1`,
    );
    expect(body).not.toContain(stored?.token_hash);
    expect(body).not.toContain(stored?.csrf_token);
    expect(Object.keys(fromDesk[0] ?? {}).sort()).toEqual(['createdAt', 'current', 'device', 'id', 'ip', 'lastSeenAt']);
    await desk.post('/api/auth/sessions/sign-out-others');
  });

  it('signs out everywhere else: only the current session is left, the other cookie gets 401, history says so', async () => {
    const desk = await loginAs(world.t.app, world.data.focal, { userAgent: WINDOWS_CHROME });
    const phone = await loginAs(world.t.app, world.data.focal, { userAgent: IPHONE_SAFARI });
    const res = await desk.post('/api/auth/sessions/sign-out-others');
    expect(res.statusCode).toBe(200);
    expect(res.json().signedOut).toBeGreaterThanOrEqual(1);
    const left = await list(desk);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ current: true, device: 'Chrome 120 · Windows' });
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    const events = await world.t.db.query<{ actor_id: number; action: string }>(
      sql`SELECT actor_id, action FROM events WHERE entity_type = 'user' AND entity_id = ${world.data.focal.id}
          AND action = 'other_sessions_signed_out'`,
    );
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]?.actor_id).toBe(world.data.focal.id);
  });

  it('signs out one session by its id; another user’s session is not found and stays signed in', async () => {
    const desk = await loginAs(world.t.app, world.data.focal, { userAgent: WINDOWS_CHROME });
    const phone = await loginAs(world.t.app, world.data.focal, { userAgent: IPHONE_SAFARI });
    const stranger = await loginAs(world.t.app, world.data.other, { userAgent: IPHONE_SAFARI });
    const strangers = await list(stranger);
    const strangerId = strangers.find((s) => s.current)?.id ?? 0;

    expect((await desk.delete(`/api/auth/sessions/${strangerId}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/auth/me')).statusCode).toBe(200);

    const phoneId = (await list(phone)).find((s) => s.current)?.id ?? 0;
    expect((await desk.delete(`/api/auth/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await desk.get('/api/auth/me')).statusCode).toBe(200);
    const [event] = await world.t.db.query<{ before: { device: string } }>(
      sql`SELECT before FROM events WHERE entity_type = 'user' AND entity_id = ${world.data.focal.id}
          AND action = 'session_signed_out' ORDER BY id DESC LIMIT 1`,
    );
    expect(event?.before.device).toBe('Safari 17 · iPhone');
  });

  it('validates the id and asks for the CSRF token like every change', async () => {
    const desk = await loginAs(world.t.app, world.data.focal, { userAgent: WINDOWS_CHROME });
    const bad = await desk.delete('/api/auth/sessions/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const current = (await list(desk)).find((s) => s.current)?.id ?? 0;
    const forged = await desk.request({
      method: 'DELETE',
      url: `/api/auth/sessions/${current}`,
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    const others = await desk.request({
      method: 'POST',
      url: '/api/auth/sessions/sign-out-others',
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(others.statusCode).toBe(403);
    expect((await desk.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('writes "last seen" at most once a minute per session', async () => {
    const desk = await loginAs(world.t.app, world.data.focal, { userAgent: WINDOWS_CHROME });
    const id = (await list(desk)).find((s) => s.current)?.id ?? 0;
    const lastSeen = async () =>
      (
        await world.t.db.query<{ last_seen_at: Date }>(sql`SELECT last_seen_at FROM sessions WHERE id = ${id}`)
      )[0]?.last_seen_at.getTime() ?? 0;
    const recent = new Date(Date.now() - LAST_SEEN_EVERY_MS / 2);
    await world.t.db.query(sql`UPDATE sessions SET last_seen_at = ${recent} WHERE id = ${id}`);
    await desk.get('/api/auth/me');
    expect(await lastSeen()).toBe(recent.getTime());
    const old = new Date(Date.now() - 2 * LAST_SEEN_EVERY_MS);
    await world.t.db.query(sql`UPDATE sessions SET last_seen_at = ${old} WHERE id = ${id}`);
    await desk.get('/api/auth/me');
    expect(await lastSeen()).toBeGreaterThan(Date.now() - LAST_SEEN_EVERY_MS);
  });

  it('needs a signed-in user', async () => {
    const res = await world.t.app.inject({ method: 'GET', url: '/api/auth/sessions' });
    expect(res.statusCode).toBe(401);
  });
});

describe('an administrator signs an account out everywhere', () => {
  const world = useTestApp(async (db) => {
    const ministry = await makeAgency(db, { name: 'Bộ Nội vụ' });
    return {
      ministry,
      admin: await makeUser(db, { role: 'admin', agency: ministry }),
      focal: await makeUser(db, { role: 'focal', agency: ministry }),
      office: await makeUser(db, { role: 'office', agency: ministry }),
    };
  });

  it('ends every session of the account, says how many, and writes history; the password still works', async () => {
    const desk = await loginAs(world.t.app, world.data.focal, { userAgent: WINDOWS_CHROME });
    await loginAs(world.t.app, world.data.focal, { userAgent: IPHONE_SAFARI });
    const admin = await loginAs(world.t.app, world.data.admin);
    const res = await admin.post(`/api/users/${world.data.focal.id}/sign-out-everywhere`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ signedOut: 2 });
    expect((await desk.get('/api/auth/me')).statusCode).toBe(401);
    const [event] = await world.t.db.query<{ actor_id: number; after: unknown }>(
      sql`SELECT actor_id, after FROM events WHERE entity_type = 'user' AND entity_id = ${world.data.focal.id}
          AND action = 'signed_out_everywhere'`,
    );
    expect(event).toEqual({ actor_id: world.data.admin.id, after: { signedOut: 2 } });
    await loginAs(world.t.app, world.data.focal);
    expect((await admin.post('/api/users/999999/sign-out-everywhere')).statusCode).toBe(404);
  });

  it('no one else may', async () => {
    await loginAs(world.t.app, world.data.focal);
    const office = await loginAs(world.t.app, world.data.office);
    expect((await office.post(`/api/users/${world.data.focal.id}/sign-out-everywhere`)).statusCode).toBe(403);
    const self = await loginAs(world.t.app, world.data.focal);
    expect((await self.post(`/api/users/${world.data.focal.id}/sign-out-everywhere`)).statusCode).toBe(403);
    expect(
      (await anonymous(world.t.app).post(`/api/users/${world.data.focal.id}/sign-out-everywhere`)).statusCode,
    ).toBe(401);
    expect((await self.get('/api/auth/me')).statusCode).toBe(200);
  });
});
