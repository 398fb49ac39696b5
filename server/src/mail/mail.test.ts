import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessions, type TestContext } from '../../test/app.ts';
import { makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { drainJobs } from '../jobs/job.service.ts';
import type { MailRow } from './mail.queries.ts';
import { queueMail, sendMailJob } from './mail.service.ts';

// E-mail leaves through the outbox: written with the event that causes it, sent by a job to a real SMTP
// server (started here), retried when refused, and its delivery state kept on the row.

async function giveEmail(db: Db, user: TestUser, email: string): Promise<void> {
  await db.query(sql`UPDATE users SET email = ${email} WHERE id = ${user.id}`);
}

const outbox = (db: Db, where = sql`TRUE`) =>
  db.query<MailRow>(sql`SELECT * FROM mail_outbox WHERE ${where} ORDER BY id`);

/** Lets the queue's waiting retries run now, as the passing of their backoff would. */
const retryNow = (db: Db) => db.query(sql`UPDATE jobs SET run_after = now() WHERE state = 'queued'`);

describe('notifications by e-mail', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let cast: RoleCast;
  let focal: TestUser;
  let head: TestUser;
  let englishFocal: TestUser;
  let quietFocal: TestUser;
  const as = sessions(() => t.app);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      APP_URL: 'https://giamsat.example.vn',
      MAIL_FROM: 'giamsat@example.vn',
    });
    cast = await makeRoleCast(t.db);
    focal = await makeUser(t.db, { role: 'focal', agency: cast.ministry });
    head = await makeUser(t.db, { role: 'head', agency: cast.ministry });
    englishFocal = await makeUser(t.db, { role: 'focal', agency: cast.ministry });
    quietFocal = await makeUser(t.db, { role: 'focal', agency: cast.ministry });
    await giveEmail(t.db, focal, 'dau.moi@most.gov.vn');
    await giveEmail(t.db, head, 'lanh.dao@most.gov.vn');
    await giveEmail(t.db, englishFocal, 'english@most.gov.vn');
    await giveEmail(t.db, quietFocal, 'khong.nhan@most.gov.vn');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails a returned report to each of the body who takes e-mail, in their language, and not to who turned it off', async () => {
    const quiet = await as(quietFocal);
    const off = await quiet.put('/api/mail/preferences', { notificationsByEmail: false, language: 'vi' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ email: 'khong.nhan@most.gov.vn', notificationsByEmail: false, language: 'vi' });
    expect(
      (await (await as(englishFocal)).put('/api/mail/preferences', { notificationsByEmail: true, language: 'en' }))
        .statusCode,
    ).toBe(200);

    const directive = await makeDirective(t.db, { status: 'published', scope: null });
    const task = await makeTask(t.db, { directive, lead: [cast.ministry], dueDate: '2027-06-30' });
    const report = await (await as(focal)).post(`/api/tasks/${task.id}/reports`, {
      percent: 40,
      narrative: 'Đã hoàn thành khảo sát hiện trạng.',
      submit: true,
    });
    expect(report.statusCode, report.body).toBe(201);
    const comment = 'Đề nghị bổ sung số liệu <giải ngân> & tiến độ.';
    const before = (await outbox(t.db)).length;
    const res = await (await as(cast.users.centralOffice)).post(`/api/reports/${report.json().id}/review`, {
      decision: 'return',
      comment,
    });
    expect(res.statusCode, res.body).toBe(200);

    // Written with the review, before anything is sent: one mail per person of the body who takes e-mail.
    const written = (await outbox(t.db)).slice(before);
    expect(written.map((m) => [m.to_address, m.state, m.language]).sort()).toEqual([
      ['dau.moi@most.gov.vn', 'queued', 'vi'],
      ['english@most.gov.vn', 'queued', 'en'],
      ['lanh.dao@most.gov.vn', 'queued', 'vi'],
    ]);

    expect(await drainJobs(t.app.ctx, [sendMailJob])).toBe(3);
    const vi = smtp.received.find((m) => m.to.includes('dau.moi@most.gov.vn'))!;
    expect(vi.subject).toContain(`Báo cáo nhiệm vụ`);
    expect(vi.subject).toContain('bị trả lại');
    expect(vi.subject).toContain(directive.number);
    expect(vi.parsed.from?.text).toContain('giamsat@example.vn');
    expect(vi.text).toContain(`Ý kiến: ${comment}`);
    expect(vi.text).toContain(`https://giamsat.example.vn/tasks/${task.id}`);
    expect(vi.text).toContain('https://giamsat.example.vn/account');
    // The comment is text in the HTML, never markup.
    expect(vi.html).toContain('&lt;giải ngân&gt; &amp; tiến độ');
    expect(vi.html).not.toContain('<giải ngân>');
    expect(smtp.received.find((m) => m.to.includes('lanh.dao@most.gov.vn'))?.subject).toBe(vi.subject);
    const en = smtp.received.find((m) => m.to.includes('english@most.gov.vn'))!;
    expect(en.subject).toContain('was returned');
    expect(en.text).toContain(`Comment: ${comment}`);
    expect(smtp.received.some((m) => m.to.includes('khong.nhan@most.gov.vn'))).toBe(false);

    const sent = await outbox(t.db, sql`id = ANY(${written.map((m) => m.id)}::bigint[])`);
    expect(sent.every((m) => m.state === 'sent' && m.attempts === 1 && m.sent_at !== null)).toBe(true);
    // A second worker pass sends nothing again.
    expect(await drainJobs(t.app.ctx, [sendMailJob])).toBe(0);
    expect(smtp.received.filter((m) => m.to.includes('dau.moi@most.gov.vn'))).toHaveLength(1);
  });

  it('writes no mail when the event is refused', async () => {
    const directive = await makeDirective(t.db, { status: 'published', scope: null });
    const task = await makeTask(t.db, { directive, lead: [cast.ministry], dueDate: '2027-06-30' });
    const report = await (await as(focal)).post(`/api/tasks/${task.id}/reports`, {
      percent: 10,
      narrative: 'Đang triển khai.',
      submit: true,
    });
    const before = (await outbox(t.db)).length;
    // Nobody judges their own body's report: refused, and nobody is told anything.
    const res = await (await as(head)).post(`/api/reports/${report.json().id}/review`, {
      decision: 'return',
      comment: 'x',
    });
    expect(res.statusCode).toBe(403);
    expect(await outbox(t.db)).toHaveLength(before);
  });

  it('lets a signed-in person read their settings, and nobody signed out', async () => {
    expect((await (await as(head)).get('/api/mail/preferences')).json()).toEqual({
      email: 'lanh.dao@most.gov.vn',
      notificationsByEmail: true,
      language: 'vi',
    });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/mail/preferences' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('delivery through a refusing SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestContext;

  beforeAll(async () => {
    // Refuses one address always, and another only the first time it is offered.
    smtp = await startTestSmtp({
      refuse: (to, offer) => to === 'tu.choi@example.vn' || (to === 'tam.loi@example.vn' && offer === 1),
    });
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('retries a refused mail later, sends it when the server takes it, and marks it failed after the last attempt', async () => {
    const [flaky, refused] = await t.db.transaction(async (tx) => [
      await queueMail(tx, {
        to: 'tam.loi@example.vn',
        template: 'notification',
        data: { kind: 'task_assigned', taskRef: '3', taskId: 1, recipientName: 'Chị Lan', bodyName: 'Sở Tài chính' },
      }),
      await queueMail(tx, {
        to: 'tu.choi@example.vn',
        template: 'notification',
        data: { kind: 'task_assigned', taskRef: '4', taskId: 2, recipientName: 'Anh Nam', bodyName: 'Sở Y tế' },
      }),
    ]);
    const state = async () =>
      (await outbox(t.db, sql`id = ANY(${[flaky!.id, refused!.id]}::bigint[])`)).map((m) => [m.state, m.attempts]);

    expect(await drainJobs(t.app.ctx, [sendMailJob])).toBe(2);
    expect(await state()).toEqual([
      ['queued', 1],
      ['queued', 1],
    ]);
    // Not retried before its backoff has passed.
    expect(await drainJobs(t.app.ctx, [sendMailJob])).toBe(0);

    await retryNow(t.db);
    await drainJobs(t.app.ctx, [sendMailJob]);
    expect(await state()).toEqual([
      ['sent', 2],
      ['queued', 2],
    ]);
    const arrived = smtp.received.filter((m) => m.to.includes('tam.loi@example.vn'));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.text).toContain('Kính gửi Chị Lan');
    expect(arrived[0]!.subject).toContain('nay giao cho Sở Tài chính');

    await retryNow(t.db);
    await drainJobs(t.app.ctx, [sendMailJob]);
    const [failed] = await outbox(t.db, sql`id = ${refused!.id}`);
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, sent_at: null });
    expect(failed!.last_error).toContain('550');
    expect(smtp.offered.get('tu.choi@example.vn')).toBe(3);
    await retryNow(t.db);
    expect(await drainJobs(t.app.ctx, [sendMailJob])).toBe(0);
  });
});

describe('without SMTP configured', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('keeps mails in the outbox marked unsent, and the work that caused them goes through', async () => {
    const mail = await queueMail(t.db, {
      to: 'nguoi.dan@example.vn',
      template: 'notification',
      data: { kind: 'task_assigned', taskRef: '1', taskId: 1 },
    });
    expect(await drainJobs(t.app.ctx, [sendMailJob])).toBe(1);
    const [row] = await outbox(t.db, sql`id = ${mail.id}`);
    expect(row).toMatchObject({ state: 'unsent', sent_at: null });
    expect(row!.last_error).toContain('SMTP');
    const [job] = await t.db.query<{ state: string }>(
      sql`SELECT state FROM jobs WHERE payload->>'mailId' = ${String(mail.id)}`,
    );
    expect(job!.state).toBe('succeeded');
  });
});
