import { afterEach, describe, expect, it, vi } from 'vitest';
import { anonymous } from '../../test/app.ts';
import { useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';
import { timelinessSql } from '../tasks/task.standing.ts';

describe('deadline extensions (gia hạn)', () => {
  const world = useProgressWorld();
  afterEach(() => {
    vi.useRealTimers();
  });

  const newTask = (options: { dueDate?: string | null; progressPercent?: number; completedOn?: string } = {}) =>
    makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      coordinating: [world.w.coordinatingBody],
      dueDate: options.dueDate === undefined ? '2025-09-30' : options.dueDate,
      ...(options.dueDate === null ? { deadlineKind: 'continuous' as const } : {}),
      progressPercent: options.progressPercent ?? 0,
      // Progress comes only from an accepted report.
      lastAcceptedReportAt: options.progressPercent ? new Date('2025-09-10T03:00:00Z') : null,
      completedOn: options.completedOn ?? null,
    });
  const timeliness = async (taskId: number, today: string) => {
    // As the app judges it (by_due), and the same judgement against the deadline first assigned.
    const [row] = await world.t.db.query<{
      by_due: string;
      by_first: string;
      due_date: string;
      first_due_date: string;
    }>(sql`
      SELECT ${timelinessSql('t', today)} AS by_due, ${timelinessSql('first', today)} AS by_first,
             t.due_date, t.first_due_date
      FROM tasks t
      CROSS JOIN LATERAL (SELECT t.deadline_kind, t.first_due_date AS due_date, t.completed_on,
                                 t.last_accepted_report_at) first
      WHERE t.id = ${taskId}`);
    return row!;
  };

  it('an accepted extension moves the due date, keeps the first one, and the task is no longer overdue', async () => {
    const task = await newTask({ progressPercent: 30 });
    expect(await timeliness(task.id, '2025-10-15')).toMatchObject({ by_due: 'in_progress_overdue' });

    const requested = await world.as('leadFocal').post(`/api/tasks/${task.id}/extensions`, {
      requestedDue: '2025-12-31',
      reason: 'Chờ Bộ Tài chính hướng dẫn cơ chế chi cho chuyển đổi số.',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    expect(requested.json()).toMatchObject({
      taskId: task.id,
      agency: { id: world.w.leadBody.id },
      currentDue: '2025-09-30',
      requestedDue: '2025-12-31',
      state: 'pending',
      decidedBy: null,
    });
    const again = await world.as('leadFocal').post(`/api/tasks/${task.id}/extensions`, {
      requestedDue: '2026-03-31',
      reason: 'Thêm nữa',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'EXTENSION_ALREADY_PENDING',
      params: { extensionId: requested.json().id },
    });

    const accepted = await world.as('office').post(`/api/extensions/${requested.json().id}/decide`, {
      decision: 'accept',
      comment: 'Đồng ý gia hạn đến hết năm 2025.',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      state: 'accepted',
      currentDue: '2025-09-30',
      decidedBy: { id: world.w.users.office.id },
      decisionComment: 'Đồng ý gia hạn đến hết năm 2025.',
    });

    expect(await timeliness(task.id, '2025-10-15')).toEqual({
      due_date: '2025-12-31',
      first_due_date: '2025-09-30',
      by_due: 'in_progress_on_time',
      by_first: 'in_progress_overdue',
    });

    // Completed in November: on time against the extended deadline, late against the first one.
    const report = await world.leadReport({
      task,
      percent: 100,
      state: 'submitted',
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-11-20T03:00:00Z'));
    const review = await world.as('office').post(`/api/reports/${report.id}/review`, { decision: 'accept' });
    vi.useRealTimers();
    expect(review.statusCode).toBe(200);
    expect(await timeliness(task.id, '2026-01-10')).toMatchObject({ by_due: 'done_on_time', by_first: 'done_late' });

    const events = await world.t.db.query<{ entity_type: string; action: string; before: unknown; after: unknown }>(sql`
      SELECT entity_type, action, before, after FROM events
      WHERE (entity_type = 'deadline_extension' AND entity_id = ${requested.json().id})
         OR (entity_type = 'task' AND entity_id = ${task.id} AND action = 'extend_deadline')
      ORDER BY id`);
    expect(events).toEqual([
      expect.objectContaining({ entity_type: 'deadline_extension', action: 'request' }),
      {
        entity_type: 'task',
        action: 'extend_deadline',
        before: { dueDate: '2025-09-30', firstDueDate: '2025-09-30' },
        after: { dueDate: '2025-12-31', firstDueDate: '2025-09-30' },
      },
      expect.objectContaining({ entity_type: 'deadline_extension', action: 'accept' }),
    ]);

    const twice = await world.as('office').post(`/api/extensions/${requested.json().id}/decide`, {
      decision: 'reject',
      comment: 'x',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('EXTENSION_ALREADY_DECIDED');
  });

  it('a rejection needs a reason, keeps the due date, and lets the body ask again', async () => {
    const task = await newTask();
    const requested = await world.as('leadFocal').post(`/api/tasks/${task.id}/extensions`, {
      requestedDue: '2026-06-30',
      reason: 'Khối lượng công việc lớn.',
    });
    const bare = await world.as('office').post(`/api/extensions/${requested.json().id}/decide`, { decision: 'reject' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().code).toBe('EXTENSION_REJECT_COMMENT_REQUIRED');
    const rejected = await world.as('office').post(`/api/extensions/${requested.json().id}/decide`, {
      decision: 'reject',
      comment: 'Không có căn cứ gia hạn; đề nghị tập trung hoàn thành đúng hạn.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().state).toBe('rejected');
    expect(await timeliness(task.id, '2025-10-01')).toMatchObject({
      due_date: '2025-09-30',
      first_due_date: '2025-09-30',
    });
    const retry = await world.as('leadFocal').post(`/api/tasks/${task.id}/extensions`, {
      requestedDue: '2025-10-31',
      reason: 'Xin gia hạn 1 tháng.',
    });
    expect(retry.statusCode).toBe(201);

    const listed = await world.as('leadFocal').get(`/api/tasks/${task.id}/extensions`);
    expect(listed.json().items.map((x: { state: string }) => x.state)).toEqual(['pending', 'rejected']);
    // Extension requests are never public: a visitor is asked to sign in.
    expect((await anonymous(world.t.app).get(`/api/tasks/${task.id}/extensions`)).statusCode).toBe(401);
    expect((await world.as('otherOffice').get(`/api/tasks/${task.id}/extensions`)).statusCode).toBe(404);
  });

  it('refuses a date not after the current deadline, a task without a date, and a completed task', async () => {
    const task = await newTask();
    for (const requestedDue of ['2025-09-30', '2025-08-15']) {
      const res = await world
        .as('leadFocal')
        .post(`/api/tasks/${task.id}/extensions`, { requestedDue, reason: 'Xin gia hạn' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        code: 'EXTENSION_DUE_NOT_LATER',
        params: { currentDue: '2025-09-30', requestedDue },
      });
    }
    const notADay = await world
      .as('leadFocal')
      .post(`/api/tasks/${task.id}/extensions`, { requestedDue: '2025-02-30', reason: 'x' });
    expect(notADay.statusCode).toBe(400);
    const noReason = await world
      .as('leadFocal')
      .post(`/api/tasks/${task.id}/extensions`, { requestedDue: '2025-12-31', reason: '  ' });
    expect(noReason.statusCode).toBe(400);

    const continuous = await newTask({ dueDate: null });
    const c = await world
      .as('leadFocal')
      .post(`/api/tasks/${continuous.id}/extensions`, { requestedDue: '2025-12-31', reason: 'x' });
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('EXTENSION_TASK_HAS_NO_DUE_DATE');

    const done = await newTask({ completedOn: '2025-09-01', progressPercent: 100 });
    const d = await world
      .as('leadFocal')
      .post(`/api/tasks/${done.id}/extensions`, { requestedDue: '2025-12-31', reason: 'x' });
    expect(d.statusCode).toBe(409);
    expect(d.json().code).toBe('EXTENSION_TASK_COMPLETED');
  });
});
