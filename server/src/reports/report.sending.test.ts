import { describe, expect, it } from 'vitest';
import { useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

// What a report must say before the office reviews it, on both ways of sending one (created with
// submit: true, or a draft submitted later): what was done (a narrative or evidence), and why, when it
// lowers the progress last accepted. A draft may say nothing yet.
describe('sending a report for review: content, and a reason for lowering progress', () => {
  const world = useProgressWorld();
  const lead = () => world.as('leadFocal');
  const coordinating = () => world.as('coordinatingFocal');
  const office = () => world.as('office');

  const newTask = (progressPercent = 0) =>
    makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      coordinating: [world.w.coordinatingBody],
      dueDate: '2025-12-31',
      progressPercent,
    });
  const rowsOf = (taskId: number) =>
    world.t.db.query<{ id: number; state: string; version: number }>(
      sql`SELECT id, state, version FROM progress_reports WHERE task_id = ${taskId} ORDER BY id`,
    );
  const eventsOf = (reportId: number) =>
    world.t.db.query<{ action: string; after: Record<string, unknown> | null; reason: string | null }>(
      sql`SELECT action, after, reason FROM events WHERE entity_type = 'progress_report' AND entity_id = ${reportId} ORDER BY id`,
    );

  describe('a report sent for review says what was done', () => {
    it('created and submitted with nothing in it: refused with a code the form can explain, nothing written', async () => {
      const task = await newTask();
      for (const body of [
        { percent: 0, submit: true },
        {
          percent: 30,
          narrative: '   \n ',
          difficulties: 'Thiếu kinh phí.',
          recommendations: 'Bổ sung.',
          submit: true,
        },
      ]) {
        const res = await lead().post(`/api/tasks/${task.id}/reports`, body);
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json()).toEqual({ code: 'REPORT_CONTENT_REQUIRED', params: {} });
      }
      expect(await rowsOf(task.id)).toEqual([]);
    });

    it('evidence alone is content: a link with no narrative is sent', async () => {
      const task = await newTask();
      const res = await lead().post(`/api/tasks/${task.id}/reports`, {
        percent: 20,
        links: [{ url: 'https://sokhcn.hanoi.gov.vn/ke-hoach-trien-khai', title: 'Kế hoạch triển khai' }],
        submit: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ state: 'submitted', narrative: '' });
    });

    it('an empty draft is kept, but is not submitted until it has a narrative or evidence', async () => {
      const task = await newTask();
      const created = await lead().post(`/api/tasks/${task.id}/reports`, { percent: 0 });
      expect(created.statusCode, created.body).toBe(201);
      const draft = created.json();
      expect(draft).toMatchObject({ state: 'draft', narrative: '', evidence: [] });

      const refused = await lead().post(`/api/reports/${draft.id}/submit`, { version: draft.version });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toEqual({ code: 'REPORT_CONTENT_REQUIRED', params: {} });
      expect(await rowsOf(task.id)).toEqual([{ id: draft.id, state: 'draft', version: draft.version }]);
      expect((await eventsOf(draft.id)).map((e) => e.action)).toEqual(['create']);

      // A piece of evidence is enough.
      const linked = await lead().post(`/api/reports/${draft.id}/links`, {
        url: 'https://sokhcn.hanoi.gov.vn/bien-ban-khao-sat',
        title: 'Biên bản khảo sát',
      });
      expect(linked.statusCode, linked.body).toBe(201);
      const sent = await lead().post(`/api/reports/${draft.id}/submit`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ state: 'submitted', evidence: [{ title: 'Biên bản khảo sát' }] });
    });

    it('a returned report emptied while being fixed is not sent again', async () => {
      const task = await newTask();
      const report = await world.leadReport({
        task,
        state: 'returned',
      });
      const emptied = await lead().patch(`/api/reports/${report.id}`, { version: report.version, narrative: '' });
      expect(emptied.statusCode, emptied.body).toBe(200);
      const refused = await lead().post(`/api/reports/${report.id}/submit`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('REPORT_CONTENT_REQUIRED');
      expect((await rowsOf(task.id))[0]?.state).toBe('returned');
    });
  });

  describe('lowering the progress last accepted needs a reason, which the reviewer reads', () => {
    const narrative = 'Rà soát lại khối lượng: hạng mục tích hợp dữ liệu phải làm lại từ đầu.';

    it('created and submitted below the accepted figure without a reason: refused with both figures, nothing written', async () => {
      const task = await newTask(15);
      for (const body of [
        { percent: 0, narrative, submit: true },
        { percent: 10, narrative, progressLoweredReason: '  ', submit: true },
      ]) {
        const res = await lead().post(`/api/tasks/${task.id}/reports`, body);
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json()).toEqual({
          code: 'REPORT_LOWERED_REASON_REQUIRED',
          params: { from: 15, to: body.percent },
        });
      }
      expect(await rowsOf(task.id)).toEqual([]);
    });

    it('the same figure, a higher one or a draft needs no reason', async () => {
      const task = await newTask(15);
      const same = await lead().post(`/api/tasks/${task.id}/reports`, { percent: 15, narrative, submit: true });
      expect(same.statusCode, same.body).toBe(201);
      expect(same.json()).toMatchObject({ progressLoweredFrom: null, progressLoweredReason: '' });
      const draft = await lead().post(`/api/tasks/${task.id}/reports`, { percent: 0, narrative });
      expect(draft.statusCode, draft.body).toBe(201);
      expect(draft.json()).toMatchObject({ state: 'draft', progressLoweredFrom: null });
    });

    it('with a reason it is sent; the office reads the figures and the reason in the queue and on the task', async () => {
      const task = await newTask(15);
      const reason = 'Hạng mục tích hợp dữ liệu không đạt yêu cầu, phải triển khai lại.';
      const res = await lead().post(`/api/tasks/${task.id}/reports`, {
        percent: 0,
        narrative,
        progressLoweredReason: reason,
        submit: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const report = res.json();
      expect(report).toMatchObject({
        state: 'submitted',
        percent: 0,
        progressLoweredFrom: 15,
        progressLoweredReason: reason,
      });
      const [event] = await eventsOf(report.id);
      expect(event).toMatchObject({ action: 'create', after: { progressLoweredFrom: 15, percent: 0 }, reason });

      const queue = await office().get(`/api/reports?state=submitted&taskId=${task.id}`);
      expect(queue.json().items).toEqual([
        expect.objectContaining({ id: report.id, progressLoweredFrom: 15, progressLoweredReason: reason }),
      ]);
      const onTask = await office().get(`/api/tasks/${task.id}/reports`);
      expect(onTask.json().items).toEqual([
        expect.objectContaining({ id: report.id, progressLoweredFrom: 15, progressLoweredReason: reason }),
      ]);
    });

    it('a draft lowered without a reason is not submitted; once the reason is written, it is', async () => {
      const task = await newTask(40);
      const draft = (await lead().post(`/api/tasks/${task.id}/reports`, { percent: 25, narrative })).json();
      const refused = await lead().post(`/api/reports/${draft.id}/submit`, { version: draft.version });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toEqual({ code: 'REPORT_LOWERED_REASON_REQUIRED', params: { from: 40, to: 25 } });
      expect((await rowsOf(task.id))[0]).toMatchObject({ state: 'draft', version: draft.version });

      const reason = 'Điều chỉnh theo kết quả kiểm tra thực tế của Sở.';
      const edited = await lead().patch(`/api/reports/${draft.id}`, {
        version: draft.version,
        progressLoweredReason: reason,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ progressLoweredReason: reason, progressLoweredFrom: null });
      const sent = await lead().post(`/api/reports/${draft.id}/submit`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ state: 'submitted', progressLoweredFrom: 40, progressLoweredReason: reason });
      const submitEvent = (await eventsOf(draft.id)).find((e) => e.action === 'submit');
      expect(submitEvent).toMatchObject({ after: { state: 'submitted', progressLoweredFrom: 40 }, reason });
    });

    it("a coordinating body is compared with its own last accepted report, not with the lead's figure", async () => {
      const task = await newTask(60);
      const first = await coordinating().post(`/api/tasks/${task.id}/reports`, {
        percent: 40,
        narrative: 'Đã bố trí kinh phí đợt 1.',
        submit: true,
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().progressLoweredFrom).toBeNull();
      expect((await office().post(`/api/reports/${first.json().id}/review`, { decision: 'accept' })).statusCode).toBe(
        200,
      );
      // The task's figure is still the lead's.
      expect((await lead().get(`/api/tasks/${task.id}/reports`)).json().acceptedPercent).toBe(60);
      expect((await coordinating().get(`/api/tasks/${task.id}/reports`)).json().acceptedPercent).toBe(40);
      expect((await office().get(`/api/tasks/${task.id}/reports`)).json().acceptedPercent).toBeNull();

      const lower = await coordinating().post(`/api/tasks/${task.id}/reports`, {
        percent: 30,
        narrative: 'Điều chỉnh.',
        submit: true,
      });
      expect(lower.statusCode).toBe(422);
      expect(lower.json()).toEqual({ code: 'REPORT_LOWERED_REASON_REQUIRED', params: { from: 40, to: 30 } });
    });
  });
});
