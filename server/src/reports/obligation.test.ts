import { describe, expect, it } from 'vitest';
import { anonymous } from '../../test/app.ts';
import { makeReport, useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask, type TestTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

describe('recurring reporting obligations (hằng tháng / hằng quý báo cáo)', () => {
  // The plan was issued on 10 June 2025.
  const world = useProgressWorld({ issuedOn: '2025-06-10', dueDate: null });

  const recurringTask = async (period: string): Promise<TestTask> => {
    const task = await makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      coordinating: [world.w.coordinatingBody],
      deadlineKind: 'recurring',
      text: 'Định kỳ hằng tháng báo cáo kết quả thực hiện về Văn phòng Thành ủy',
    });
    await world.t.db.query(sql`UPDATE tasks SET recurrence_period = ${period} WHERE id = ${task.id}`);
    return task;
  };
  const leadReport = (
    task: TestTask,
    submittedAt: string,
    state: 'submitted' | 'accepted' | 'returned' = 'submitted',
  ) =>
    world.leadReport({
      task,
      state,
      submittedAt: new Date(submittedAt),
    });

  it('monthly: one expectation per month from the issue date, met or missed, the current month open', async () => {
    const task = await recurringTask('monthly');
    const june = await leadReport(task, '2025-06-20T03:00:00Z');
    // 00:30 on 1 August in Hà Nội (still 31 July in UTC): it counts for August, and July is missed.
    const august = await leadReport(task, '2025-07-31T17:30:00Z', 'accepted');
    // September: only the coordinating body reported, and the lead's draft was never sent.
    await makeReport(world.t.db, {
      task,
      agency: world.w.coordinatingBody,
      author: world.w.users.coordinatingFocal,
      agencyRole: 'coordinating',
      state: 'submitted',
      submittedAt: new Date('2025-09-15T03:00:00Z'),
    });
    await world.leadReport({ task, state: 'draft' });
    // October: sent, then returned and never sent again.
    await leadReport(task, '2025-10-10T03:00:00Z', 'returned');
    const november = await leadReport(task, '2025-11-28T03:00:00Z');

    const res = await world.as('leadFocal').get(`/api/tasks/${task.id}/obligations?asOf=2025-12-10`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      taskId: task.id,
      recurrencePeriod: 'monthly',
      from: '2025-06-10',
      asOf: '2025-12-10',
      periods: [
        { periodStart: '2025-06-01', periodEnd: '2025-06-30', status: 'met', met: true, reportId: june.id },
        { periodStart: '2025-07-01', periodEnd: '2025-07-31', status: 'missed', met: false, reportId: null },
        { periodStart: '2025-08-01', periodEnd: '2025-08-31', status: 'met', met: true, reportId: august.id },
        { periodStart: '2025-09-01', periodEnd: '2025-09-30', status: 'missed', met: false, reportId: null },
        { periodStart: '2025-10-01', periodEnd: '2025-10-31', status: 'missed', met: false, reportId: null },
        { periodStart: '2025-11-01', periodEnd: '2025-11-30', status: 'met', met: true, reportId: november.id },
        { periodStart: '2025-12-01', periodEnd: '2025-12-31', status: 'open', met: false, reportId: null },
      ],
    });

    // Once the December report is in, the open month is met.
    const december = await leadReport(task, '2025-12-05T03:00:00Z');
    const later = await world.as('leadFocal').get(`/api/tasks/${task.id}/obligations?asOf=2025-12-10`);
    expect(later.json().periods.at(-1)).toMatchObject({ status: 'met', reportId: december.id });
    // The last day of a period is still inside it: not missed yet.
    const lastDay = await world.as('leadFocal').get(`/api/tasks/${task.id}/obligations?asOf=2025-07-31`);
    expect(lastDay.json().periods.at(-1)).toMatchObject({ periodStart: '2025-07-01', status: 'open' });
  });

  it('quarterly, half-yearly, yearly and weekly periods follow the calendar', async () => {
    const spans = async (period: string, asOf: string) => {
      const task = await recurringTask(period);
      const res = await world.as('leadFocal').get(`/api/tasks/${task.id}/obligations?asOf=${asOf}`);
      return res
        .json()
        .periods.map((p: { periodStart: string; periodEnd: string; status: string }) =>
          [p.periodStart, p.periodEnd, p.status].join(' '),
        );
    };
    expect(await spans('quarterly', '2025-12-10')).toEqual([
      '2025-04-01 2025-06-30 missed',
      '2025-07-01 2025-09-30 missed',
      '2025-10-01 2025-12-31 open',
    ]);
    expect(await spans('half-yearly', '2026-01-05')).toEqual([
      '2025-01-01 2025-06-30 missed',
      '2025-07-01 2025-12-31 missed',
      '2026-01-01 2026-06-30 open',
    ]);
    expect(await spans('yearly', '2025-12-31')).toEqual(['2025-01-01 2025-12-31 open']);
    // 10 June 2025 is a Tuesday: weeks run Monday to Sunday.
    expect(await spans('weekly', '2025-06-24')).toEqual([
      '2025-06-09 2025-06-15 missed',
      '2025-06-16 2025-06-22 missed',
      '2025-06-23 2025-06-29 open',
    ]);
  });

  it('a task without a recurrence has no obligations; a task one cannot see is 404', async () => {
    const res = await world.as('leadFocal').get(`/api/tasks/${world.w.task.id}/obligations?asOf=2025-12-10`);
    expect(res.json()).toEqual({
      taskId: world.w.task.id,
      recurrencePeriod: null,
      from: null,
      asOf: '2025-12-10',
      periods: [],
    });
    const task = await recurringTask('monthly');
    expect((await world.as('otherOffice').get(`/api/tasks/${task.id}/obligations`)).statusCode).toBe(404);
    expect((await anonymous(world.t.app).get(`/api/tasks/${task.id}/obligations?asOf=2025-07-01`)).statusCode).toBe(
      200,
    );
    expect((await world.as('leadFocal').get(`/api/tasks/${task.id}/obligations?asOf=2025-13-01`)).statusCode).toBe(400);
    expect(
      (await world.as('leadFocal').get(`/api/tasks/${task.id}/obligations?asOf=2025-01-01`)).json().periods,
    ).toEqual([]);
  });
});
