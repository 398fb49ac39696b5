import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { DEMO_PASSWORD, makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import type { LoginBlockResponse } from '../accounts/account.schemas.ts';
import { sql } from '../db/sql.ts';
import { LOGIN_LIMITS } from './login-limit.ts';

// Addresses from the documentation ranges (RFC 5737): the owner's office and strangers.
const OFFICE = '192.0.2.10';
const STRANGER = '203.0.113.66';

function signIn(
  t: TestContext,
  username: string,
  password: string,
  from: string,
  headers: Record<string, string> = {},
) {
  return anonymous(t.app).request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: from,
    headers,
  });
}

/** Time passes until every delay in force has run out (the counters keep their failures). */
async function waitOutDelays(t: TestContext) {
  await t.db.query(sql`UPDATE login_throttles SET blocked_until = now() WHERE blocked_until > now()`);
}

describe('login limiting that cannot lock the owner out', () => {
  let t: TestContext;
  let admin: TestUser;
  let focal: TestUser;
  const makeOwner = async () => makeUser(t.db, { role: 'focal', agency: await makeAgency(t.db) });

  beforeAll(async () => {
    t = await createTestApp();
    const ministry = await makeAgency(t.db, { name: 'Bộ Nội vụ' });
    admin = await makeUser(t.db, { role: 'admin', agency: ministry });
    focal = await makeUser(t.db, { role: 'focal', agency: ministry });
  });
  afterAll(() => t.close());

  it('wrong passwords from elsewhere never block the owner at the address they sign in from', async () => {
    const owner = await makeOwner();
    expect((await signIn(t, owner.username, DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
    for (let i = 0; i < 8; i++) await signIn(t, owner.username, `doan-mo-${i}`, STRANGER);
    expect((await signIn(t, owner.username, DEMO_PASSWORD, STRANGER)).statusCode).toBe(429);

    const res = await signIn(t, owner.username, DEMO_PASSWORD, OFFICE);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(owner.username);
  });

  it('answers repeated failures with 429 and a Retry-After that grows, and counts nothing while held back', async () => {
    const owner = await makeOwner();
    const free = LOGIN_LIMITS.otherAddress.freeFailures;
    for (let i = 0; i < free; i++) {
      expect((await signIn(t, owner.username, `sai-${i}`, STRANGER)).statusCode).toBe(401);
    }
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      expect((await signIn(t, owner.username, `sai-them-${round}`, STRANGER)).statusCode).toBe(401);
      // Held back: even the right password is refused, and the answer says how long to wait.
      const held = await signIn(t, owner.username, DEMO_PASSWORD, STRANGER);
      expect(held.statusCode).toBe(429);
      expect(held.json().code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      const wait = Number(held.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(held.json().params.retryAfterSeconds).toBe(wait);
      waits.push(wait);
      // Trying again while held back is not another failure: the wait does not grow.
      const again = await signIn(t, owner.username, 'sai-nua', STRANGER);
      expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(wait);
      await waitOutDelays(t);
    }
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(waits[2]).toBeGreaterThan(waits[1]!);
    // Once the delay has run out the owner gets in, and the address's count starts again.
    expect((await signIn(t, owner.username, DEMO_PASSWORD, STRANGER)).statusCode).toBe(200);
    expect((await signIn(t, owner.username, 'sai-lan-nua', STRANGER)).statusCode).toBe(401);
    expect((await signIn(t, owner.username, DEMO_PASSWORD, STRANGER)).statusCode).toBe(200);
  });

  it("keeps the delay at the owner's usual address short: a wait of minutes, never a block", async () => {
    const owner = await makeOwner();
    expect((await signIn(t, owner.username, DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
    await signIn(t, owner.username, 'go-nham', OFFICE);
    await signIn(t, owner.username, 'go-nham', STRANGER);
    // The owner has mistyped forty times at the office, and so has someone elsewhere.
    await t.db.query(sql`UPDATE login_throttles SET failures = 40 WHERE account = ${owner.username.toLowerCase()}`);
    await signIn(t, owner.username, 'go-nham-lan-nua', OFFICE);
    await signIn(t, owner.username, 'go-nham-lan-nua', STRANGER);
    const atOffice = await signIn(t, owner.username, DEMO_PASSWORD, OFFICE);
    expect(atOffice.statusCode).toBe(429);
    // The wait is counted from the failed answer, so a few seconds of it may already have passed.
    const officeWait = Number(atOffice.headers['retry-after']);
    expect(officeWait).toBeGreaterThan(LOGIN_LIMITS.usualAddress.maxDelaySeconds - 30);
    expect(officeWait).toBeLessThanOrEqual(LOGIN_LIMITS.usualAddress.maxDelaySeconds);
    const elsewhere = await signIn(t, owner.username, DEMO_PASSWORD, STRANGER);
    const strangerWait = Number(elsewhere.headers['retry-after']);
    expect(strangerWait).toBeGreaterThan(LOGIN_LIMITS.otherAddress.maxDelaySeconds - 30);
    expect(strangerWait).toBeLessThanOrEqual(LOGIN_LIMITS.otherAddress.maxDelaySeconds);
    await waitOutDelays(t);
    expect((await signIn(t, owner.username, DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
  });

  it('holds back guessing spread over many addresses, but not the owner at their usual address', async () => {
    const owner = await makeOwner();
    expect((await signIn(t, owner.username, DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
    const everyOther = sql`account = ${owner.username.toLowerCase()} AND ip = ''`;
    expect((await signIn(t, owner.username, 'thu-1', '198.51.100.1')).statusCode).toBe(401);
    expect((await signIn(t, owner.username, 'thu-2', '198.51.100.2')).statusCode).toBe(401);
    const [counted] = await t.db.query<{ failures: number }>(
      sql`SELECT failures FROM login_throttles WHERE ${everyOther}`,
    );
    expect(counted?.failures).toBe(2);
    // As many more guesses from as many other machines as the account allows in all.
    await t.db.query(
      sql`UPDATE login_throttles SET failures = ${LOGIN_LIMITS.everyOtherAddress.freeFailures} WHERE ${everyOther}`,
    );
    expect((await signIn(t, owner.username, 'thu-3', '198.51.100.3')).statusCode).toBe(401);

    expect((await signIn(t, owner.username, DEMO_PASSWORD, '198.51.100.200')).statusCode).toBe(429);
    expect((await signIn(t, owner.username, DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
  });

  it('does not shut out everyone behind one proxy: the address has a far higher ceiling', async () => {
    const proxy = '100.64.0.1';
    const colleague = await makeOwner();
    // Forty sign-ins with mistyped usernames from one office's proxy: the old limit blocked at thirty.
    for (let i = 0; i < 40; i++) {
      expect((await signIn(t, `nguoi-dung-${i}`, 'sai', proxy)).statusCode).toBe(401);
    }
    expect((await signIn(t, colleague.username, DEMO_PASSWORD, proxy)).statusCode).toBe(200);
    // Past the ceiling the address is held back too, briefly.
    for (let i = 40; i < LOGIN_LIMITS.address.freeFailures + 1; i++) {
      expect((await signIn(t, `nguoi-dung-${i}`, 'sai', proxy)).statusCode).toBe(401);
    }
    const held = await signIn(t, colleague.username, DEMO_PASSWORD, proxy);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(LOGIN_LIMITS.address.maxDelaySeconds);
  });

  it('lets administrators list the blocks and lift one, recorded in the account history', async () => {
    const owner = await makeOwner();
    const adminClient = await loginAs(t.app, admin);
    const focalClient = await loginAs(t.app, focal);
    for (let i = 0; i <= LOGIN_LIMITS.otherAddress.freeFailures; i++) {
      await signIn(t, owner.username, `sai-${i}`, STRANGER);
    }
    const list = await adminClient.get('/api/login-blocks');
    expect(list.statusCode).toBe(200);
    const block = list
      .json<{ items: LoginBlockResponse[] }>()
      .items.find((b) => b.account === owner.username.toLowerCase() && b.ip === STRANGER);
    expect(block).toMatchObject({
      user: { id: owner.id },
      usualAddress: false,
      failures: LOGIN_LIMITS.otherAddress.freeFailures + 1,
    });

    expect((await focalClient.get('/api/login-blocks')).statusCode).toBe(403);
    expect((await anonymous(t.app).get('/api/login-blocks')).statusCode).toBe(401);
    expect((await focalClient.delete(`/api/login-blocks/${block!.id}`)).statusCode).toBe(403);
    expect((await signIn(t, owner.username, DEMO_PASSWORD, STRANGER)).statusCode).toBe(429);
    // Once the delay has run out the account is still listed: its next failure brings a longer delay.
    await waitOutDelays(t);
    const slowed = await adminClient.get('/api/login-blocks');
    expect(slowed.json<{ items: { id: number }[] }>().items.map((b) => b.id)).toContain(block!.id);

    expect((await adminClient.delete(`/api/login-blocks/${block!.id}`)).statusCode).toBe(204);
    expect((await adminClient.delete(`/api/login-blocks/${block!.id}`)).statusCode).toBe(404);
    const after = await adminClient.get('/api/login-blocks');
    expect(after.json<{ items: { id: number }[] }>().items.map((b) => b.id)).not.toContain(block!.id);
    // Lifted, the count starts again: a failure is free again, not a longer delay.
    expect((await signIn(t, owner.username, 'sai-lai', STRANGER)).statusCode).toBe(401);
    expect((await signIn(t, owner.username, DEMO_PASSWORD, STRANGER)).statusCode).toBe(200);

    const history = await t.db.query<{ actor_id: number; before: { ip: string; failures: number } }>(
      sql`SELECT actor_id, before FROM events WHERE entity_type = 'user' AND entity_id = ${owner.id}
          AND action = 'login_block_lifted'`,
    );
    expect(history).toEqual([
      { actor_id: admin.id, before: expect.objectContaining({ ip: STRANGER, failures: block!.failures }) },
    ]);
  });
});

describe('login limiting behind a trusted proxy (TRUST_PROXY=true)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it("counts each user's own address from X-Forwarded-For, not the proxy's", async () => {
    const owner = await makeUser(t.db, { role: 'focal', agency: await makeAgency(t.db) });
    const proxy = '10.1.2.3';
    for (let i = 0; i < 10; i++) {
      await signIn(t, owner.username, `sai-${i}`, proxy, { 'x-forwarded-for': STRANGER });
    }
    expect((await signIn(t, owner.username, DEMO_PASSWORD, proxy, { 'x-forwarded-for': STRANGER })).statusCode).toBe(
      429,
    );
    expect((await signIn(t, owner.username, DEMO_PASSWORD, proxy, { 'x-forwarded-for': OFFICE })).statusCode).toBe(200);
  });
});
