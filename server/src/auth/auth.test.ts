import { describe, expect, it } from 'vitest';
import { anonymous, loginAs, useTestApp } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';

describe('sign in, sessions and CSRF', () => {
  const world = useTestApp(async (db) => {
    const ministry = await makeAgency(db, { name: 'Bộ Khoa học và Công nghệ' });
    return { focal: await makeUser(db, { role: 'focal', agency: ministry, username: 'dau-moi-bo-khcn' }) };
  });

  it('signs in with the right password and shows who I am', async () => {
    const client = await loginAs(world.t.app, world.data.focal);
    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      username: 'dau-moi-bo-khcn',
      role: 'focal',
      agency: { name: 'Bộ Khoa học và Công nghệ' },
    });
    // The upload limit, so the evidence form refuses a file over it before sending a byte.
    expect(me.json().limits).toEqual({ maxUploadBytes: world.t.app.ctx.config.maxUploadBytes });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await anonymous(world.t.app).post('/api/auth/login', {
      username: world.data.focal.username,
      password: 'sai',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'INVALID_CREDENTIALS', params: {} });
  });

  it('stores no session in memory: the cookie works until logout, then not at all', async () => {
    const client = await loginAs(world.t.app, world.data.focal);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('rejects a state-changing request carrying the cookie but not the CSRF token', async () => {
    const client = await loginAs(world.t.app, world.data.focal);
    const res = await client.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
  });

  it('answers malformed input with a 4xx that says what is wrong', async () => {
    const missing = await anonymous(world.t.app).post('/api/auth/login', { username: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('VALIDATION_FAILED');
    const broken = await anonymous(world.t.app).request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(broken.statusCode).toBe(400);
    const huge = await anonymous(world.t.app).request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
  });
});
