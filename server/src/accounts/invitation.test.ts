import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import {
  DEMO_PASSWORD,
  makeUser,
  REFUSED_ALL_BUT_ADMIN,
  sessionCount,
  type TestUser,
} from '../../test/factories/accounts.ts';
import { makeAgency, type TestAgency } from '../../test/factories/agencies.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { hashToken } from '../auth/auth.service.ts';
import { sql } from '../db/sql.ts';
import { drainJobs } from '../jobs/job.service.ts';
import { sendMailJob } from '../mail/mail.service.ts';

/** The token of the set-password link in a mail as its reader sees it (the address's fragment). */
function linkToken(text: string): string {
  const match = /\/set-password#token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no set-password link in: ${text}`);
  return match[1];
}

describe('invitations and resets: a single-use, expiring link to set a password', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let ministry: TestAgency;
  let adminUser: TestUser;
  let admin: Client;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, APP_URL: 'https://giamsat.example.vn' });
    ministry = await makeAgency(t.db, { name: 'Bộ Tư pháp' });
    adminUser = await makeUser(t.db, { role: 'admin', agency: ministry });
    admin = await loginAs(t.app, adminUser);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const sendMail = () => drainJobs(t.app.ctx, [sendMailJob]);
  const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const login = (username: string, password: string) =>
    anonymous(t.app).post('/api/auth/login', { username, password });
  const setPassword = (token: string, password: string) =>
    anonymous(t.app).post('/api/account-links/password', { token, password });

  async function invite(email: string) {
    const res = await admin.post('/api/users', { fullName: 'Lê Thị Mai', email, agencyId: ministry.id, role: 'focal' });
    expect(res.statusCode, res.body).toBe(201);
    await sendMail();
    const mails = mailTo(email);
    return { user: res.json(), token: linkToken(mails.at(-1)!.text), mails };
  }

  it('creating an account without a password mails an invitation; the account cannot sign in until it is used', async () => {
    const { user, token, mails } = await invite('le.thi.mai@moj.gov.vn');
    expect(user).toMatchObject({ username: 'le.thi.mai@moj.gov.vn', invitationPending: true, isActive: true });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('le.thi.mai@moj.gov.vn');
    expect(mails[0]!.text).toContain('https://giamsat.example.vn/set-password#token=');
    // Stored hashed; the outbox forgot the token once the mail left.
    const tokens = await t.db.query<{ token_hash: string; purpose: string }>(
      sql`SELECT token_hash, purpose FROM account_tokens WHERE user_id = ${user.id}`,
    );
    expect(tokens).toEqual([{ token_hash: hashToken(token), purpose: 'invitation' }]);
    const outbox = await t.db.query<{ data: Record<string, unknown>; state: string }>(
      sql`SELECT data, state FROM mail_outbox WHERE user_id = ${user.id}`,
    );
    expect(outbox[0]?.state).toBe('sent');
    expect(JSON.stringify(outbox)).not.toContain(token);
    const [row] = await t.db.query<{ password_hash: string | null }>(
      sql`SELECT password_hash FROM users WHERE id = ${user.id}`,
    );
    expect(row?.password_hash).toBeNull();
    expect((await login('le.thi.mai@moj.gov.vn', '')).statusCode).toBe(400);
    expect((await login('le.thi.mai@moj.gov.vn', 'anything-at-all-1')).statusCode).toBe(401);
  });

  it('the link shows whose account it opens, sets a strong password once, and then works no more', async () => {
    const { user, token } = await invite('tran.van.binh@moj.gov.vn');
    const lookup = await anonymous(t.app).post('/api/account-links/lookup', { token });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({
      purpose: 'invitation',
      username: 'tran.van.binh@moj.gov.vn',
      fullName: 'Lê Thị Mai',
    });

    const weak = await setPassword(token, 'ngan');
    expect(weak.statusCode).toBe(400);
    const named = await setPassword(token, 'tran.van.binh-2026');
    expect(named.statusCode).toBe(400);
    expect(named.json()).toEqual({ code: 'PASSWORD_TOO_WEAK', params: { problems: ['contains_name'] } });

    const set = await setPassword(token, 'Song-Hong-2026');
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ username: 'tran.van.binh@moj.gov.vn' });
    expect((await login('tran.van.binh@moj.gov.vn', 'Song-Hong-2026')).statusCode).toBe(200);

    const again = await setPassword(token, 'Song-Cuu-Long-2026');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toEqual({ code: 'ACCOUNT_LINK_INVALID', params: { reason: 'used' } });
    expect((await login('tran.van.binh@moj.gov.vn', 'Song-Cuu-Long-2026')).statusCode).toBe(401);
    const [event] = await t.db.query<{ actor_id: number }>(
      sql`SELECT actor_id FROM events WHERE entity_type = 'user' AND entity_id = ${user.id} AND action = 'password_set'`,
    );
    expect(event?.actor_id).toBe(user.id);
  });

  it('an expired link, an unknown one and a malformed one are refused with a clear code', async () => {
    const { user, token } = await invite('pham.thu.ha@moj.gov.vn');
    await t.db.query(
      sql`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ${user.id}`,
    );
    const expired = await setPassword(token, 'Song-Hong-2026');
    expect(expired.statusCode).toBe(410);
    expect(expired.json().params).toEqual({ reason: 'expired' });
    expect((await anonymous(t.app).post('/api/account-links/lookup', { token })).statusCode).toBe(410);
    const unknown = await setPassword('x'.repeat(43), 'Song-Hong-2026');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ACCOUNT_LINK_INVALID');
    for (const body of [
      {},
      { token: 42 },
      { token: 'short', password: 'Song-Hong-2026' },
      { token: 'a\u0000'.repeat(20) },
    ]) {
      const res = await anonymous(t.app).post('/api/account-links/password', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const [row] = await t.db.query<{ password_hash: string | null }>(
      sql`SELECT password_hash FROM users WHERE id = ${user.id}`,
    );
    expect(row?.password_hash).toBeNull();
  });

  it('a reset keeps the old password until the link is used, replaces an earlier link, and signs the account out everywhere', async () => {
    const owner = await makeUser(t.db, { role: 'focal', agency: ministry });
    await t.db.query(sql`UPDATE users SET email = 'dang.minh@moj.gov.vn' WHERE id = ${owner.id}`);
    await loginAs(t.app, owner);
    expect(await sessionCount(t.db, owner.id)).toBe(1);

    const first = await admin.post(`/api/users/${owner.id}/password-link`);
    expect(first.statusCode).toBe(202);
    expect(first.json().purpose).toBe('reset');
    expect(first.body).not.toMatch(/token/i);
    const second = await admin.post(`/api/users/${owner.id}/password-link`);
    expect(second.statusCode).toBe(202);
    await sendMail();
    const mails = mailTo('dang.minh@moj.gov.vn');
    expect(mails).toHaveLength(2);
    const [earlier, later] = mails.map((m) => linkToken(m.text));
    expect((await login(owner.username, DEMO_PASSWORD)).statusCode).toBe(200);

    expect((await setPassword(earlier!, 'Ha-Long-Bay-2026')).statusCode).toBe(404);
    expect((await setPassword(later!, 'Ha-Long-Bay-2026')).statusCode).toBe(200);
    expect(await sessionCount(t.db, owner.id)).toBe(0);
    expect((await login(owner.username, DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login(owner.username, 'Ha-Long-Bay-2026')).statusCode).toBe(200);
  });

  it('a link needs an address, and a deactivated account gets none and cannot use one it had', async () => {
    const noMail = await makeUser(t.db, { role: 'focal', agency: ministry });
    const res = await admin.post(`/api/users/${noMail.id}/password-link`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('USER_EMAIL_REQUIRED');
    const neither = await admin.post('/api/users', { fullName: 'Không Thư', agencyId: ministry.id, role: 'focal' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().code).toBe('USER_EMAIL_REQUIRED');

    const { user, token } = await invite('vo.thi.sau@moj.gov.vn');
    expect((await admin.patch(`/api/users/${user.id}`, { version: user.version, isActive: false })).statusCode).toBe(
      200,
    );
    const used = await setPassword(token, 'Con-Dao-2026-xanh');
    expect(used.statusCode).toBe(410);
    expect(used.json().params).toEqual({ reason: 'inactive' });
    expect((await admin.post(`/api/users/${user.id}/password-link`)).json().code).toBe('USER_INACTIVE');
  });

  it('an e-mail address belongs to one account', async () => {
    await invite('mot.dia.chi@moj.gov.vn');
    const twice = await admin.post('/api/users', {
      fullName: 'Người Khác',
      email: 'MOT.DIA.CHI@moj.gov.vn',
      username: 'nguoi-khac',
      agencyId: ministry.id,
      role: 'focal',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('USER_EMAIL_TAKEN');
  });

  it.each(REFUSED_ALL_BUT_ADMIN)('%s cannot mail an account a link (%i)', async (role, status) => {
    const client =
      role === 'public' ? anonymous(t.app) : await loginAs(t.app, await makeUser(t.db, { role, agency: ministry }));
    const target = await makeUser(t.db, { role: 'focal', agency: ministry });
    await t.db.query(sql`UPDATE users SET email = ${`${target.username}@moj.gov.vn`} WHERE id = ${target.id}`);
    expect((await client.post(`/api/users/${target.id}/password-link`)).statusCode).toBe(status);
    expect(await t.db.query(sql`SELECT 1 FROM account_tokens WHERE user_id = ${target.id}`)).toHaveLength(0);
  });
});
