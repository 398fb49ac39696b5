import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeProgressWorld, makeReport, type ProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';

describe('the review queue carries each report’s task', () => {
  let t: TestContext;
  let w: ProgressWorld;
  let office: Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeProgressWorld(t.db);
    office = await loginAs(t.app, w.users.office);
  });
  afterAll(() => t.close());

  it('lists submitted reports with their task’s text, clause, directive number and deadline, in either order', async () => {
    const task = await makeTask(t.db, {
      directive: w.directive,
      lead: [w.leadBody],
      dueDate: '2025-09-30',
      text: 'Số hoá hồ sơ thủ tục hành chính của Sở',
    });
    const first = await makeReport(t.db, {
      task,
      agency: w.leadBody,
      author: w.users.leadFocal,
      state: 'submitted',
      submittedAt: new Date('2025-07-01T02:00:00Z'),
    });
    const second = await makeReport(t.db, {
      task: w.task,
      agency: w.leadBody,
      author: w.users.leadFocal,
      state: 'submitted',
      submittedAt: new Date('2025-07-03T02:00:00Z'),
    });

    const oldest = await office.get(`/api/reports?state=submitted&directiveId=${w.directive.id}&order=oldest`);
    expect(oldest.statusCode, oldest.body).toBe(200);
    const items = oldest.json().items as { id: number; task: { id: number; text: string } | null }[];
    expect(items.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(items[0]).toMatchObject({
      taskId: task.id,
      task: {
        id: task.id,
        text: 'Số hoá hồ sơ thủ tục hành chính của Sở',
        dueDate: '2025-09-30',
        directive: { id: w.directive.id, number: w.directive.number },
      },
    });
    expect(items[1]?.task?.text).toBe('Xây dựng nền tảng dữ liệu khoa học và công nghệ của Thành phố');

    const newest = await office.get(`/api/reports?state=submitted&directiveId=${w.directive.id}&order=newest`);
    expect(newest.json().items.map((r: { id: number }) => r.id)).toEqual([second.id, first.id]);
  });
});
