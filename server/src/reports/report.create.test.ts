import { describe, expect, it } from 'vitest';
import { loginAs } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup } from '../../test/factories/agencies.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

// Creating a report is one statement (check, insert, links, history); these pin what it must keep.
describe('creating a progress report: the check, the row and its history in one go', () => {
  const world = useProgressWorld();

  const reportsOf = (taskId: number) =>
    world.t.db.query<{ id: number; state: string; agency_role: string }>(
      sql`SELECT id, state, agency_role FROM progress_reports WHERE task_id = ${taskId} ORDER BY id`,
    );
  const eventsOf = (reportId: number) =>
    world.t.db.query<{
      action: string;
      actor_id: number | null;
      before: unknown;
      after: unknown;
      reason: string | null;
    }>(
      sql`SELECT action, actor_id, before, after, reason FROM events
          WHERE entity_type = 'progress_report' AND entity_id = ${reportId} ORDER BY id`,
    );

  it('created and submitted at once: one row, its links, and one history row saying so', async () => {
    const task = await makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      dueDate: '2025-12-31',
    });
    const res = await world.as('leadFocal').post(`/api/tasks/${task.id}/reports`, {
      percent: 70,
      narrative: 'Đã đưa vào vận hành cổng dữ liệu khoa học và công nghệ của Thành phố.',
      links: [
        { url: 'https://sokhcn.hanoi.gov.vn/cong-du-lieu', title: 'Cổng dữ liệu' },
        { url: 'https://sokhcn.hanoi.gov.vn/bao-cao-quy-3', title: 'Báo cáo quý III' },
      ],
      submit: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({
      taskId: task.id,
      agency: { id: world.w.leadBody.id },
      agencyRole: 'lead',
      author: { id: world.w.users.leadFocal.id },
      state: 'submitted',
      percent: 70,
      version: 1,
      reviewer: null,
      evidence: [
        { kind: 'link', url: 'https://sokhcn.hanoi.gov.vn/cong-du-lieu', title: 'Cổng dữ liệu', file: null },
        { kind: 'link', url: 'https://sokhcn.hanoi.gov.vn/bao-cao-quy-3', title: 'Báo cáo quý III', file: null },
      ],
    });
    expect(report.submittedAt).toBe(report.createdAt);
    expect(report.agency.name).toContain('Sở Khoa học và Công nghệ Hà Nội');

    expect(await reportsOf(task.id)).toEqual([{ id: report.id, state: 'submitted', agency_role: 'lead' }]);
    expect(await eventsOf(report.id)).toEqual([
      {
        action: 'create',
        actor_id: world.w.users.leadFocal.id,
        before: null,
        after: {
          taskId: task.id,
          agencyId: world.w.leadBody.id,
          agencyRole: 'lead',
          percent: 70,
          state: 'submitted',
          links: 2,
        },
        reason: null,
      },
    ]);
    // The same report read back later is the one the create answered with.
    const read = await world.as('leadFocal').get(`/api/reports/${report.id}`);
    expect(read.json()).toEqual(report);
  });

  it('a body in a coordinating group writes a coordinating draft', async () => {
    const group = await makeGroup(world.t.db, 'Các sở, ngành Thành phố', [world.w.coordinatingBody]);
    const task = await makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      coordinating: [group],
      dueDate: '2025-12-31',
    });
    const res = await world.as('coordinatingFocal').post(`/api/tasks/${task.id}/reports`, {
      percent: 30,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ agencyRole: 'coordinating', state: 'draft', submittedAt: null, evidence: [] });
    const [event] = await eventsOf(res.json().id);
    expect(event?.after).toMatchObject({ agencyRole: 'coordinating', state: 'draft', links: 0 });
  });

  it('a body that sees the task through its subtree but is not assigned is refused, and nothing is written', async () => {
    // The province's own focal point sees its department's task, but reports only on its own tasks.
    const task = await makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      dueDate: '2025-12-31',
    });
    const provinceFocal = await loginAs(
      world.t.app,
      await makeUser(world.t.db, { role: 'focal', agency: world.w.province }),
    );
    expect((await provinceFocal.get(`/api/tasks/${task.id}`)).statusCode).toBe(200);
    const res = await provinceFocal.post(`/api/tasks/${task.id}/reports`, {
      percent: 10,
      narrative: 'Đã rà soát.',
      submit: true,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ code: 'PROGRESS_BODY_NOT_ASSIGNED', params: { taskId: task.id } });
    expect(await reportsOf(task.id)).toEqual([]);
  });

  it("an assigned body cannot report on a draft directive's task, nor on a task that does not exist", async () => {
    const draft = await makeDirective(world.t.db, { level: 'province', status: 'draft', scope: world.w.province });
    const task = await makeTask(world.t.db, { directive: draft, lead: [world.w.leadBody], dueDate: '2025-12-31' });
    const hidden = await world.as('leadFocal').post(`/api/tasks/${task.id}/reports`, {
      percent: 10,
      narrative: 'Đã rà soát.',
      submit: true,
    });
    expect(hidden.statusCode).toBe(404);
    expect(await reportsOf(task.id)).toEqual([]);
    const missing = await world.as('leadFocal').post(`/api/tasks/${task.id + 1_000_000}/reports`, { percent: 10 });
    expect(missing.statusCode).toBe(404);
  });

  it("an office sees the task but does not write the body's report", async () => {
    const commune = await makeAgency(world.t.db, {
      name: 'UBND xã Sóc Sơn',
      level: 'commune',
      parent: world.w.province,
    });
    const task = await makeTask(world.t.db, { directive: world.w.directive, lead: [commune], dueDate: '2025-12-31' });
    const res = await world.as('office').post(`/api/tasks/${task.id}/reports`, { percent: 10 });
    expect(res.statusCode).toBe(403);
    expect(await reportsOf(task.id)).toEqual([]);
  });
});
