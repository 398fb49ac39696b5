import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { DEMO_PASSWORD, makeUser, sessionCount, type TestUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { sql } from '../db/sql.ts';
import type { EnrolmentResponse, RecoveryCodesResponse, SignInCompleteResponse } from './second-factor.schemas.ts';
import { PENDING_SIGN_IN_ATTEMPTS } from './second-factor.service.ts';

const KEY = randomBytes(32).toString('base64');
const now = () => Math.floor(Date.now() / 1000);
/** The code an authenticator app shows `stepsAhead` steps of 30 s from now (one step ahead is accepted). */
const codeFor = (secret: string, stepsAhead = 0) => generate({ secret, epoch: now() + stepsAhead * 30 });

/** A browser signing in with a password: answers the login's response and the sign-in step's cookie. */
async function passwordStep(app: FastifyInstance, user: Pick<TestUser, 'username'>) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: DEMO_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === 'giamsat_sign_in_step');
  return { res, cookie: cookie ? `giamsat_sign_in_step=${cookie.value}` : '' };
}

function sendCode(app: FastifyInstance, cookie: string, body: unknown): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login/second-factor',
    headers: { cookie },
    payload: body as object,
  });
}

describe('second factor (TOTP) with recovery codes', () => {
  let t: TestContext;
  let users: Record<'focal' | 'admin' | 'office' | 'head', TestUser>;
  beforeAll(async () => {
    t = await createTestApp({ SECOND_FACTOR_REQUIRED_ROLES: 'admin,office', SECOND_FACTOR_KEY: KEY });
    const province = await makeAgency(t.db, { name: 'UBND tỉnh Lai Châu' });
    users = {
      focal: await makeUser(t.db, { role: 'focal', agency: province }),
      admin: await makeUser(t.db, { role: 'admin', agency: province }),
      office: await makeUser(t.db, { role: 'office', agency: province }),
      head: await makeUser(t.db, { role: 'head', agency: province }),
    };
  });
  afterAll(() => t?.close());

  it('lets a focal point enrol from the account page: a wrong code enrols nothing, the right one gives ten recovery codes', async () => {
    const me = await loginAs(t.app, users.focal);
    expect((await me.get('/api/auth/second-factor')).json()).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const enrolment = (await me.post('/api/auth/second-factor/enrolment')).json<EnrolmentResponse>();
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.otpauthUri).toContain(enrolment.secret);
    expect(enrolment.qrCode).toMatch(/^data:image\/png;base64,/);
    // Stored encrypted: the database row does not carry the secret.
    const [stored] = await t.db.query<{ secret: string }>(
      sql`SELECT secret FROM second_factors WHERE user_id = ${users.focal.id}`,
    );
    expect(stored?.secret).toMatch(/^v1\./);
    expect(stored?.secret).not.toContain(enrolment.secret);

    const wrong = await me.post('/api/auth/second-factor/confirm', { code: '000000' });
    // (a one-in-a-million chance that 000000 is the code now; the next line would then say so)
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('SECOND_FACTOR_CODE_INVALID');
    expect((await me.get('/api/auth/second-factor')).json().enabled).toBe(false);

    const confirmCode = await codeFor(enrolment.secret);
    const confirmed = await me.post('/api/auth/second-factor/confirm', { code: confirmCode });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<RecoveryCodesResponse>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const status = await me.get('/api/auth/second-factor');
    expect(status.json()).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
    // The secret is never sent again, and the codes are kept only as argon2id hashes.
    expect(status.body).not.toContain(enrolment.secret);
    expect((await me.post('/api/auth/second-factor/enrolment')).statusCode).toBe(409);
    const hashes = await t.db.query<{ code_hash: string }>(
      sql`SELECT code_hash FROM recovery_codes WHERE user_id = ${users.focal.id}`,
    );
    expect(hashes.every((h) => h.code_hash.startsWith('$argon2id$'))).toBe(true);
    const history = await t.db.query(
      sql`SELECT 1 FROM events WHERE entity_type = 'user' AND entity_id = ${users.focal.id}
          AND action = 'second_factor_enabled' AND actor_id = ${users.focal.id}`,
    );
    expect(history).toHaveLength(1);

    // Signing in now stops after the password: no session until the code.
    const sessionsBefore = await sessionCount(t.db, users.focal.id);
    const step = await passwordStep(t.app, users.focal);
    expect(step.res.statusCode).toBe(202);
    expect(step.res.json()).toEqual({ step: 'code', method: 'password' });
    expect(step.res.cookies.find((c) => c.name === 'giamsat_session')).toBeUndefined();
    expect(await sessionCount(t.db, users.focal.id)).toBe(sessionsBefore);

    // The code just used to confirm is not accepted twice (its 30-second step is used up).
    const replay = await sendCode(t.app, step.cookie, { code: confirmCode });
    expect(replay.statusCode).toBe(400);
    // A recovery code signs in, typed in capitals without its dash…
    const first = recoveryCodes[0]!;
    const byRecovery = await sendCode(t.app, step.cookie, { recoveryCode: first.toUpperCase().replace('-', ' ') });
    expect(byRecovery.statusCode).toBe(200);
    expect(byRecovery.json<SignInCompleteResponse>().recoveryCodes).toBeNull();
    expect(byRecovery.cookies.find((c) => c.name === 'giamsat_session')?.value).toBeTruthy();
    expect(await sessionCount(t.db, users.focal.id)).toBe(sessionsBefore + 1);
    // …once: the half-done sign-in is gone, and the same code fails on a new one.
    expect((await sendCode(t.app, step.cookie, { recoveryCode: first })).statusCode).toBe(401);
    const again = await passwordStep(t.app, users.focal);
    const reused = await sendCode(t.app, again.cookie, { recoveryCode: first });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('SECOND_FACTOR_CODE_INVALID');
    // The app's next code (one step ahead is within the tolerance for a phone's clock) signs in.
    const byApp = await sendCode(t.app, again.cookie, { code: await codeFor(enrolment.secret, 1) });
    expect(byApp.statusCode).toBe(200);
    expect((await me.get('/api/auth/second-factor')).json().recoveryCodesLeft).toBe(9);

    // A focal point may turn it off again (after a code); then the password alone signs in.
    const off = await me.post('/api/auth/second-factor/disable', { recoveryCode: recoveryCodes[1] });
    expect(off.statusCode).toBe(204);
    expect((await passwordStep(t.app, users.focal)).res.statusCode).toBe(200);
  });

  it('asks an administrator without a second factor to enrol at sign-in, and lets them in only with its code', async () => {
    const step = await passwordStep(t.app, users.admin);
    expect(step.res.statusCode).toBe(202);
    expect(step.res.json()).toEqual({ step: 'enrol', method: 'password' });
    // The step cannot be skipped: the sign-in step's cookie is no session.
    const skipped = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: step.cookie } });
    expect(skipped.statusCode).toBe(401);
    const current = await t.app.inject({
      method: 'GET',
      url: '/api/auth/login/second-factor',
      headers: { cookie: step.cookie },
    });
    expect(current.json()).toEqual({ step: 'enrol', method: 'password' });
    const enrolment = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor/enrolment',
      headers: { cookie: step.cookie },
    });
    expect(enrolment.statusCode).toBe(200);
    const { secret } = enrolment.json<EnrolmentResponse>();
    // A recovery code does not confirm an enrolment.
    expect((await sendCode(t.app, step.cookie, { recoveryCode: 'abcde-fghjk' })).statusCode).toBe(409);
    const done = await sendCode(t.app, step.cookie, { code: await codeFor(secret) });
    expect(done.statusCode).toBe(200);
    const body = done.json<SignInCompleteResponse>();
    expect(body.user.id).toBe(users.admin.id);
    expect(body.recoveryCodes).toHaveLength(10);
    const session = done.cookies.find((c) => c.name === 'giamsat_session');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/second-factor',
      headers: { cookie: `giamsat_session=${session?.value}` },
    });
    expect(me.json()).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
    // An administrator cannot turn it off.
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/disable',
      headers: { cookie: `giamsat_session=${session?.value}`, 'x-csrf-token': body.csrfToken },
      payload: { code: await codeFor(secret, 1) },
    });
    expect(off.statusCode).toBe(403);
    expect(off.json().code).toBe('SECOND_FACTOR_REQUIRED');
    // The next sign-in asks for a code, no longer for enrolment.
    expect((await passwordStep(t.app, users.admin)).res.json()).toEqual({ step: 'code', method: 'password' });
  });

  it('requires it of a standing office too, and of nobody else', async () => {
    expect((await passwordStep(t.app, users.office)).res.json()).toEqual({ step: 'enrol', method: 'password' });
    expect((await passwordStep(t.app, users.head)).res.statusCode).toBe(200);
  });

  it('limits wrong codes: a half-done sign-in takes five, and the account is then held back', async () => {
    const user = await makeUser(t.db, { role: 'focal', agency: users.focal.agency });
    const me = await loginAs(t.app, user);
    const { secret } = (await me.post('/api/auth/second-factor/enrolment')).json<EnrolmentResponse>();
    expect((await me.post('/api/auth/second-factor/confirm', { code: await codeFor(secret) })).statusCode).toBe(200);
    // A code surely wrong now: one from an hour ago.
    const stale = await generate({ secret, epoch: now() - 3600 });
    const step = await passwordStep(t.app, user);
    for (let i = 0; i < PENDING_SIGN_IN_ATTEMPTS; i++) {
      expect((await sendCode(t.app, step.cookie, { code: stale })).statusCode).toBe(400);
    }
    // The sixth try ends the half-done sign-in, even with the right code: the password again.
    const sixth = await sendCode(t.app, step.cookie, { code: await codeFor(secret, 1) });
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json().code).toBe('SIGN_IN_STEP_EXPIRED');
    // Past five wrong codes in a row the account's code checks are held back, with Retry-After.
    const next = await passwordStep(t.app, user);
    expect((await sendCode(t.app, next.cookie, { code: stale })).statusCode).toBe(400);
    const held = await sendCode(t.app, next.cookie, { code: await codeFor(secret, 1) });
    expect(held.statusCode).toBe(429);
    expect(held.json().code).toBe('TOO_MANY_CODE_ATTEMPTS');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers hostile or out-of-turn requests with a 4xx', async () => {
    const visitor = anonymous(t.app);
    expect((await visitor.post('/api/auth/login/second-factor', { code: '123456' })).statusCode).toBe(401);
    expect((await visitor.get('/api/auth/login/second-factor')).statusCode).toBe(401);
    expect((await visitor.post('/api/auth/login/second-factor/enrolment')).statusCode).toBe(401);
    expect((await visitor.post('/api/auth/second-factor/enrolment')).statusCode).toBe(401);
    expect((await visitor.get('/api/auth/second-factor')).statusCode).toBe(401);
    const forged = await sendCode(t.app, 'giamsat_sign_in_step=forged', { code: '123456' });
    expect(forged.statusCode).toBe(401);
    const step = await passwordStep(t.app, users.admin);
    for (const body of [{ code: 'abcdef' }, { code: '1234567' }, { code: '12\u00003456' }, {}, { code: 123456 }]) {
      expect((await sendCode(t.app, step.cookie, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const me = await loginAs(t.app, users.head);
    expect((await me.post('/api/auth/second-factor/confirm', { code: '123456' })).statusCode).toBe(409);
    expect((await me.post('/api/auth/second-factor/disable', { code: '123456' })).statusCode).toBe(409);
  });
});
