import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeDirective, makeRoleCast, type RoleCast } from '../../test/factories/directives.ts';
import { makeTask, type TestTask } from '../../test/factories/tasks.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { addDays } from '../calendar/calendar.ts';
import { sql } from '../db/sql.ts';
import { drainJobs } from '../jobs/job.service.ts';
import { sendMailJob } from '../mail/mail.service.ts';
import { sendReminders } from './reminder.service.ts';

// Six simulated weeks of follow-up (the clock is the run's argument): an overdue task reminds its lead body
// again every week; a task nobody reports on reminds its lead body once per quiet spell, and afresh after a
// new accepted report falls quiet again; a report left waiting for review reminds the office once. Through
// the bell and by e-mail to a real SMTP server, each once whatever the re-runs.

describe('follow-up reminders: overdue again, no report, waiting for review', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let cast: RoleCast;
  let focal: TestUser;
  const tasks: Record<string, TestTask & { ref: string }> = {};
  const settings = {
    daysBefore: [7, 1],
    escalateAfterDays: 1,
    repeatOverdueEveryDays: 7,
    staleAfterDays: 30,
    reviewAfterDays: 3,
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url });
    cast = await makeRoleCast(t.db);
    focal = await makeUser(t.db, { role: 'focal', agency: cast.ministry });
    await t.db.query(sql`UPDATE users SET email = 'dau.moi@most.gov.vn' WHERE id = ${focal.id}`);
    await t.db.query(
      sql`UPDATE users SET email = 'van.phong@dangcongsan.vn' WHERE id = ${cast.users.centralOffice.id}`,
    );
    const live = await makeDirective(t.db, { status: 'published', scope: null });
    await t.db.query(sql`UPDATE directives SET published_at = '2026-10-01 08:00+07' WHERE id = ${live.id}`);
    const make = async (name: string, options: Omit<Parameters<typeof makeTask>[1], 'lead' | 'directive'>) => {
      const task = await makeTask(t.db, { directive: live, lead: [cast.ministry], ...options });
      const [row] = await t.db.query<{ ref: string }>(sql`SELECT ref FROM tasks WHERE id = ${task.id}`);
      tasks[name] = { ...task, ref: row!.ref };
    };
    await make('overdue', {
      dueDate: '2026-11-30',
      createdAt: '2026-11-25 08:00',
      lastAcceptedReportAt: '2026-12-15 10:00',
    });
    await make('quiet', { dueDate: '2027-06-30', createdAt: '2026-10-20 08:00' });
    await make('waiting', {
      dueDate: '2027-03-31',
      createdAt: '2026-12-01 08:00',
      lastAcceptedReportAt: '2026-12-20 09:00',
    });
    await t.db.query(sql`
      INSERT INTO progress_reports (task_id, agency_id, agency_role, author_id, percent, narrative, state, submitted_at)
      VALUES (${tasks.waiting!.id}, ${cast.ministry.id}, 'lead', ${focal.id}, 40, 'Đã hoàn thành khảo sát.',
              'submitted', '2026-12-03 10:00+07')`);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const about = (name: string) => (m: { subject: string }) => m.subject.includes(`nhiệm vụ ${tasks[name]!.ref} (`);
  const sentFor = async (name: string) =>
    (
      await t.db.query<{ kind: string; threshold: number; sent_on: string }>(sql`
        SELECT kind, threshold, sent_on FROM task_reminders WHERE task_id = ${tasks[name]!.id} ORDER BY sent_on, kind`)
    ).map((r) => [r.kind, r.threshold, r.sent_on]);

  it('runs every day from 1 December to 12 January, twice a day, and sends each reminder once', async () => {
    for (let day = '2026-12-01'; day <= '2027-01-12'; day = addDays(day, 1)) {
      // The quiet task gets a report accepted on 10 December: a new quiet spell starts then.
      if (day === '2026-12-10')
        await t.db.query(
          sql`UPDATE tasks SET last_accepted_report_at = '2026-12-10 09:00+07' WHERE id = ${tasks.quiet!.id}`,
        );
      await sendReminders(t.db, day, settings);
      const again = await sendReminders(t.db, day, settings);
      expect(again, day).toEqual({
        dueReminders: 0,
        escalations: 0,
        overdueRepeats: 0,
        staleReminders: 0,
        reviewReminders: 0,
      });
      await drainJobs(t.app.ctx, [sendMailJob]);
    }

    // Overdue from 1 December: escalated once, then the lead body is reminded at each full week overdue.
    expect(await sentFor('overdue')).toEqual([
      ['overdue', 0, '2026-12-01'],
      ['overdue_repeat', 7, '2026-12-07'],
      ['overdue_repeat', 14, '2026-12-14'],
      ['overdue_repeat', 21, '2026-12-21'],
      ['overdue_repeat', 28, '2026-12-28'],
      ['overdue_repeat', 35, '2027-01-04'],
      ['overdue_repeat', 42, '2027-01-11'],
    ]);
    // Quiet since 20 October: reminded on the first run; the report of 10 December starts a spell that
    // is 30 days old on 10 January.
    expect(await sentFor('quiet')).toEqual([
      ['stale', 0, '2026-12-01'],
      ['stale', 0, '2027-01-10'],
    ]);
    // Sent on 3 December and not reviewed: the office is reminded three days later, once.
    expect(await sentFor('waiting')).toEqual([['review', 0, '2026-12-06']]);

    const focalMails = mailsTo('dau.moi@most.gov.vn');
    const overdueAgain = focalMails.filter(about('overdue'));
    expect(overdueAgain.map((m) => m.subject.match(/quá hạn (\d+) ngày/u)?.[1])).toEqual([
      '7',
      '14',
      '21',
      '28',
      '35',
      '42',
    ]);
    const quietMails = focalMails.filter(about('quiet'));
    expect(quietMails.map((m) => m.subject)).toEqual([
      expect.stringContaining('Chậm báo cáo'),
      expect.stringContaining('từ ngày 10/12/2026 (31 ngày)'),
    ]);
    expect(focalMails.filter(about('waiting'))).toEqual([]);
    const officeMails = mailsTo('van.phong@dangcongsan.vn');
    const review = officeMails.filter(about('waiting'));
    expect(review).toHaveLength(1);
    expect(review[0]!.subject).toContain('Chờ duyệt');
    expect(review[0]!.subject).toContain('gửi ngày 03/12/2026 đã chờ 3 ngày');
    // The office hears of the overdue task once (the escalation), not at every weekly reminder.
    expect(officeMails.filter(about('overdue'))).toHaveLength(1);
  });

  it("shows the no-report reminders in the lead body's bell with the day each quiet spell began", async () => {
    const bell = await (await loginAs(t.app, focal)).get('/api/notifications?limit=100');
    expect(bell.statusCode, bell.body).toBe(200);
    const quiet = bell.json().items.filter((n: { task: { id: number } | null }) => n.task?.id === tasks.quiet!.id);
    expect(quiet.map((n: { kind: string; since: string }) => [n.kind, n.since])).toEqual(
      expect.arrayContaining([
        ['task_stale', '2026-10-20'],
        ['task_stale', '2026-12-10'],
      ]),
    );
  });
});
