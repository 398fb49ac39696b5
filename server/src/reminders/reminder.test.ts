import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app.ts';
import { makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask, type TestTask } from '../../test/factories/tasks.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { addDays } from '../calendar/calendar.ts';
import { sql } from '../db/sql.ts';
import { drainJobs, enqueueRecurringJob } from '../jobs/job.service.ts';
import { sendMailJob } from '../mail/mail.service.ts';
import { dailyReminders, dailyRemindersJob, sendReminders } from './reminder.service.ts';

// A simulated December: the clock is the job's argument. The lead body's focal points are reminded 7 and
// 1 days before a deadline; the day after it passes, the body's head and the office that assigned the
// task are told. Each once, whatever the re-runs, through the bell and by e-mail to a real SMTP server.

describe('reminders and escalation across a month', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let cast: RoleCast;
  let focal: TestUser;
  let head: TestUser;
  const tasks: Record<string, TestTask & { ref: string }> = {};
  const settings = { daysBefore: [7, 1], escalateAfterDays: 1 };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // The daily job reads the configured settings: only the reminders this test is about are on
    // (the follow-ups have their own test, reminder.followup.test.ts).
    t = await createTestApp({
      SMTP_URL: smtp.url,
      REMIND_OVERDUE_EVERY_DAYS: '0',
      REMIND_STALE_AFTER_DAYS: '0',
      REMIND_REVIEW_AFTER_DAYS: '0',
    });
    cast = await makeRoleCast(t.db);
    focal = await makeUser(t.db, { role: 'focal', agency: cast.ministry });
    head = await makeUser(t.db, { role: 'head', agency: cast.ministry });
    for (const [user, email] of [
      [focal, 'dau.moi@most.gov.vn'],
      [head, 'bo.truong@most.gov.vn'],
      [cast.users.centralOffice, 'van.phong@dangcongsan.vn'],
    ] as const) {
      await t.db.query(sql`UPDATE users SET email = ${email} WHERE id = ${user.id}`);
    }
    const live = await makeDirective(t.db, { status: 'published', scope: null });
    const draft = await makeDirective(t.db, { status: 'draft', scope: null });
    const make = async (name: string, options: Omit<Parameters<typeof makeTask>[1], 'lead'>) => {
      const task = await makeTask(t.db, { lead: [cast.ministry], ...options });
      const [row] = await t.db.query<{ ref: string }>(sql`SELECT ref FROM tasks WHERE id = ${task.id}`);
      tasks[name] = { ...task, ref: row!.ref };
    };
    await make('inAWeek', { directive: live, dueDate: '2026-12-09' });
    await make('tomorrow', { directive: live, dueDate: '2026-12-03' });
    await make('inThreeDays', { directive: live, dueDate: '2026-12-05' });
    await make('late', { directive: live, dueDate: '2026-11-30' });
    await make('done', { directive: live, dueDate: '2026-12-03', completedOn: '2026-12-01' });
    await make('nextYear', { directive: live, dueDate: '2027-01-20' });
    await make('draft', { directive: draft, dueDate: '2026-12-03' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const bell = () =>
    t.db.query<{ agency_id: number; kind: string; task_id: number; days_left: number | null }>(sql`
      SELECT agency_id, kind, (payload->>'taskId')::bigint AS task_id, (payload->>'daysLeft')::int AS days_left
      FROM notifications WHERE kind IN ('task_due_reminder', 'task_overdue') ORDER BY id`);
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const about = (name: string) => (m: { subject: string }) => m.subject.includes(`nhiệm vụ ${tasks[name]!.ref} (`);

  it('on 2 December reminds the lead body of what is due within a week and escalates what is overdue', async () => {
    expect(await sendReminders(t.db, '2026-12-02', settings)).toMatchObject({ dueReminders: 3, escalations: 1 });
    const centralOfficeBody = cast.users.centralOffice.agency.id;
    expect(await bell()).toEqual([
      { agency_id: cast.ministry.id, kind: 'task_due_reminder', task_id: tasks.tomorrow!.id, days_left: 1 },
      { agency_id: cast.ministry.id, kind: 'task_due_reminder', task_id: tasks.inThreeDays!.id, days_left: 3 },
      { agency_id: cast.ministry.id, kind: 'task_due_reminder', task_id: tasks.inAWeek!.id, days_left: 7 },
      { agency_id: cast.ministry.id, kind: 'task_overdue', task_id: tasks.late!.id, days_left: null },
      { agency_id: centralOfficeBody, kind: 'task_overdue', task_id: tasks.late!.id, days_left: null },
    ]);

    await drainJobs(t.app.ctx, [sendMailJob]);
    // The focal point is reminded; the head and the office hear of the overdue task only.
    const reminded = mailsTo('dau.moi@most.gov.vn');
    expect(reminded).toHaveLength(3);
    const week = reminded.find(about('inAWeek'))!;
    expect(week.subject).toContain('Nhắc hạn');
    expect(week.subject).toContain('đến hạn ngày 09/12/2026 (còn 7 ngày)');
    expect(reminded.find(about('tomorrow'))!.subject).toContain('còn 1 ngày');
    for (const address of ['bo.truong@most.gov.vn', 'van.phong@dangcongsan.vn']) {
      const [escalated, ...more] = mailsTo(address);
      expect(more).toEqual([]);
      expect(escalated!.subject).toContain(`Quá hạn: nhiệm vụ ${tasks.late!.ref}`);
      expect(escalated!.subject).toContain(`của Bộ Khoa học và Công nghệ đã quá hạn 2 ngày (hạn 30/11/2026)`);
    }

    // Run again the same day: nothing is sent twice.
    expect(await sendReminders(t.db, '2026-12-02', settings)).toMatchObject({ dueReminders: 0, escalations: 0 });
    expect(await bell()).toHaveLength(5);
    expect(await drainJobs(t.app.ctx, [sendMailJob])).toBe(0);
  });

  it('through the rest of December, run by the daily job queued by two processes, each reminder comes once', async () => {
    for (let day = '2026-12-02'; day <= '2026-12-31'; day = addDays(day, 1)) {
      const morning = new Date(`${day}T07:00:00+07:00`);
      // Two app processes queue the day's run; one is queued. Run it, and re-run the day by hand.
      const first = await enqueueRecurringJob(t.db, dailyReminders, morning);
      const second = await enqueueRecurringJob(t.db, dailyReminders, new Date(`${day}T23:59:00+07:00`));
      expect(first?.payload).toEqual({ today: day });
      expect(second).toBeUndefined();
      await drainJobs(t.app.ctx, [dailyRemindersJob, sendMailJob]);
      await sendReminders(t.db, day, settings);
      await drainJobs(t.app.ctx, [sendMailJob]);
    }

    const sent = await t.db.query<{ task_id: number; kind: string; threshold: number; sent_on: string }>(sql`
      SELECT task_id, kind, threshold, sent_on FROM task_reminders ORDER BY sent_on, task_id, kind, threshold`);
    const when = (name: string) =>
      sent.filter((r) => r.task_id === tasks[name]!.id).map((r) => [r.kind, r.threshold, r.sent_on]);
    expect(when('inAWeek')).toEqual([
      ['due', 7, '2026-12-02'],
      ['due', 1, '2026-12-08'],
      ['overdue', 0, '2026-12-10'],
    ]);
    // Given a day before its deadline: one reminder answers both counts.
    expect(when('tomorrow')).toEqual([
      ['due', 1, '2026-12-02'],
      ['due', 7, '2026-12-02'],
      ['overdue', 0, '2026-12-04'],
    ]);
    expect(when('inThreeDays')).toEqual([
      ['due', 7, '2026-12-02'],
      ['due', 1, '2026-12-04'],
      ['overdue', 0, '2026-12-06'],
    ]);
    expect(when('late')).toEqual([['overdue', 0, '2026-12-02']]);
    for (const name of ['done', 'nextYear', 'draft']) expect(when(name)).toEqual([]);

    // Who got how many mails over the month, task by task.
    const count = (address: string, name: string) => mailsTo(address).filter(about(name)).length;
    expect(['inAWeek', 'tomorrow', 'inThreeDays', 'late'].map((name) => count('dau.moi@most.gov.vn', name))).toEqual([
      2, 1, 2, 0,
    ]);
    for (const address of ['bo.truong@most.gov.vn', 'van.phong@dangcongsan.vn']) {
      expect(['inAWeek', 'tomorrow', 'inThreeDays', 'late'].map((name) => count(address, name))).toEqual([1, 1, 1, 1]);
    }
    expect(smtp.received).toHaveLength(13);
  });

  it('reminds afresh of a moved deadline', async () => {
    await t.db.query(sql`UPDATE tasks SET due_date = '2027-01-08' WHERE id = ${tasks.late!.id}`);
    expect(await sendReminders(t.db, '2027-01-01', settings)).toMatchObject({ dueReminders: 1, escalations: 0 });
    expect((await bell()).filter((n) => n.task_id === tasks.late!.id).map((n) => [n.kind, n.days_left])).toEqual([
      ['task_overdue', null],
      ['task_overdue', null],
      ['task_due_reminder', 7],
    ]);
  });
});
