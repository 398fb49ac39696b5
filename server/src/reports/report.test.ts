import { afterEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Client, loginAs } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup } from '../../test/factories/agencies.ts';
import { makeReport, useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';
import { timelinessSql } from '../tasks/task.standing.ts';

describe('progress reports: draft → submitted → returned / accepted', () => {
  const world = useProgressWorld();
  const lead = () => world.as('leadFocal');
  const head = () => world.as('head');
  const coordinating = () => world.as('coordinatingFocal');
  const office = () => world.as('office');
  const otherOffice = () => world.as('otherOffice');
  afterEach(() => {
    vi.useRealTimers();
  });

  const newTask = (dueDate = '2025-12-31') =>
    makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      coordinating: [world.w.coordinatingBody],
      dueDate,
    });
  const taskRow = async (id: number) => {
    const [row] = await world.t.db.query<{
      progress_percent: number;
      completed_on: string | null;
      last_accepted_report_at: Date | null;
      version: number;
    }>(sql`SELECT progress_percent, completed_on, last_accepted_report_at, version FROM tasks WHERE id = ${id}`);
    return row!;
  };
  const eventsOf = (entityType: string, id: number) =>
    world.t.db.query<{ action: string; actor_id: number | null }>(
      sql`SELECT action, actor_id FROM events WHERE entity_type = ${entityType} AND entity_id = ${id} ORDER BY id`,
    );

  it('a lead body drafts, edits and submits; the managing office accepts and the task takes its progress', async () => {
    const task = await newTask();
    const created = await lead().post(`/api/tasks/${task.id}/reports`, {
      percent: 40,
      narrative: 'Đã hoàn thành khảo sát hiện trạng hạ tầng số tại 30 xã, phường.',
      difficulties: 'Thiếu nhân lực công nghệ thông tin cấp xã.',
      recommendations: 'Đề nghị Sở Nội vụ bổ sung biên chế.',
      links: [{ url: 'https://hanoi.gov.vn/bao-cao-khao-sat', title: 'Báo cáo khảo sát' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({
      taskId: task.id,
      agency: { id: world.w.leadBody.id },
      agencyRole: 'lead',
      state: 'draft',
      percent: 40,
      submittedAt: null,
      version: 1,
      evidence: [{ kind: 'link', url: 'https://hanoi.gov.vn/bao-cao-khao-sat', title: 'Báo cáo khảo sát' }],
    });

    const edited = await head().patch(`/api/reports/${draft.id}`, { version: 1, percent: 60 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ percent: 60, version: 2, narrative: draft.narrative });

    const submitted = await lead().post(`/api/reports/${draft.id}/submit`, { version: 2 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'submitted', version: 3 });
    expect(submitted.json().submittedAt).not.toBeNull();

    const accepted = await office().post(`/api/reports/${draft.id}/review`, {
      decision: 'accept',
      comment: 'Đạt yêu cầu',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const review = accepted.json();
    expect(review).toMatchObject({
      state: 'accepted',
      version: 4,
      reviewer: { id: world.w.users.office.id },
      reviewComment: 'Đạt yêu cầu',
    });

    const after = await taskRow(task.id);
    expect(after.progress_percent).toBe(60);
    expect(after.completed_on).toBeNull();
    expect(after.last_accepted_report_at?.toISOString()).toBe(review.reviewedAt);
    expect(after.version).toBe(2);
    expect((await eventsOf('progress_report', draft.id)).map((e) => e.action)).toEqual([
      'create',
      'update',
      'submit',
      'accept',
    ]);
    expect(await eventsOf('task', task.id)).toEqual([{ action: 'progress', actor_id: world.w.users.office.id }]);
  });

  it("a coordinating body's accepted report does not complete the task nor move its progress", async () => {
    const task = await newTask();
    const created = await coordinating().post(`/api/tasks/${task.id}/reports`, {
      percent: 100,
      narrative: 'Đã hoàn thành phần việc bố trí kinh phí được giao.',
      submit: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ agencyRole: 'coordinating', state: 'submitted' });
    const accepted = await office().post(`/api/reports/${created.json().id}/review`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().state).toBe('accepted');

    const after = await taskRow(task.id);
    expect(after).toMatchObject({ progress_percent: 0, completed_on: null, last_accepted_report_at: null, version: 1 });
    expect(await eventsOf('task', task.id)).toEqual([]);
  });

  it("a lead's accepted 100% report completes the task on the Vietnamese calendar day of acceptance", async () => {
    const task = await newTask('2025-12-31');
    const report = await world.leadReport({
      task,
      percent: 100,
      state: 'submitted',
    });
    // 17:30 UTC on 31 December is already 00:30 on 1 January 2026 in Hà Nội: one day late there.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-12-31T17:30:00Z'));
    const accepted = await office().post(`/api/reports/${report.id}/review`, { decision: 'accept' });
    vi.useRealTimers();
    expect(accepted.statusCode, accepted.body).toBe(200);

    const after = await taskRow(task.id);
    expect(after.completed_on).toBe('2026-01-01');
    expect(after.progress_percent).toBe(100);
    const [timeliness] = await world.t.db.query<{ state: string }>(sql`
      SELECT ${timelinessSql('t', '2026-01-05')} AS state FROM tasks t WHERE t.id = ${task.id}`);
    expect(timeliness!.state).toBe('done_late');
    expect((await eventsOf('task', task.id)).map((e) => e.action)).toEqual(['complete']);
  });

  it('a completed task stays completed when a later lead report is accepted', async () => {
    const task = await makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      dueDate: '2025-12-31',
      completedOn: '2025-11-20',
      progressPercent: 100,
    });
    const later = await lead().post(`/api/tasks/${task.id}/reports`, {
      percent: 70,
      narrative: 'Bổ sung kết quả vận hành thử nghiệm giai đoạn 2.',
      // Below the 100 % accepted: it says why (report.sending.test.ts).
      progressLoweredReason: 'Giai đoạn 2 phát sinh thêm hạng mục vận hành thử nghiệm.',
      submit: true,
    });
    expect(later.statusCode, later.body).toBe(201);
    expect((await office().post(`/api/reports/${later.json().id}/review`, { decision: 'accept' })).statusCode).toBe(
      200,
    );
    const after = await taskRow(task.id);
    expect(after).toMatchObject({ completed_on: '2025-11-20', progress_percent: 100 });
    expect(after.last_accepted_report_at).not.toBeNull();
  });

  it('a returned report is fixed, submitted again and accepted', async () => {
    const task = await newTask();
    const created = await lead().post(`/api/tasks/${task.id}/reports`, {
      percent: 80,
      narrative: 'Cơ bản hoàn thành.',
      submit: true,
    });
    const id = created.json().id;

    const noComment = await office().post(`/api/reports/${id}/review`, { decision: 'return' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().code).toBe('REPORT_RETURN_COMMENT_REQUIRED');

    const returned = await office().post(`/api/reports/${id}/review`, {
      decision: 'return',
      comment: 'Bổ sung số liệu cụ thể và minh chứng kèm theo.',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      state: 'returned',
      reviewComment: 'Bổ sung số liệu cụ thể và minh chứng kèm theo.',
    });
    expect((await taskRow(task.id)).progress_percent).toBe(0);

    // Not under review any more: a second decision is refused.
    const again = await office().post(`/api/reports/${id}/review`, { decision: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'REPORT_NOT_SUBMITTED', params: { state: 'returned' } });

    const fixed = await lead().patch(`/api/reports/${id}`, {
      version: returned.json().version,
      narrative: 'Đã kết nối 126/126 xã, phường; tỷ lệ hồ sơ trực tuyến đạt 82%.',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await lead().post(`/api/reports/${id}/submit`);
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().state).toBe('submitted');
    expect(new Date(resubmitted.json().submittedAt).getTime()).toBeGreaterThan(
      new Date(created.json().submittedAt).getTime(),
    );

    const accepted = await office().post(`/api/reports/${id}/review`, { decision: 'accept' });
    expect(accepted.json().state).toBe('accepted');
    expect((await taskRow(task.id)).progress_percent).toBe(80);
    expect((await eventsOf('progress_report', id)).map((e) => e.action)).toEqual([
      'create',
      'return',
      'update',
      'submit',
      'accept',
    ]);

    const editAccepted = await lead().patch(`/api/reports/${id}`, { version: accepted.json().version, percent: 10 });
    expect(editAccepted.statusCode).toBe(409);
    expect(editAccepted.json().code).toBe('REPORT_NOT_EDITABLE');
    const resubmitAccepted = await lead().post(`/api/reports/${id}/submit`);
    expect(resubmitAccepted.statusCode).toBe(409);
  });

  it('two people editing one draft: the second gets 409 with the current version and nothing is lost', async () => {
    const report = await world.leadReport({
      percent: 20,
    });
    const first = await lead().patch(`/api/reports/${report.id}`, { version: report.version, percent: 35 });
    expect(first.statusCode).toBe(200);
    const second = await head().patch(`/api/reports/${report.id}`, { version: report.version, percent: 25 });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({
      code: 'VERSION_CONFLICT',
      params: { entity: 'progress_report', id: report.id, currentVersion: 2 },
    });
    const stored = await lead().get(`/api/reports/${report.id}`);
    expect(stored.json()).toMatchObject({ percent: 35, version: 2 });
    const staleSubmit = await lead().post(`/api/reports/${report.id}/submit`, { version: 1 });
    expect(staleSubmit.statusCode).toBe(409);
    expect(staleSubmit.json().code).toBe('VERSION_CONFLICT');
  });

  it("nobody reviews their own body's report: the province's office cannot accept the province's report, an administrator can", async () => {
    // A task the province's People's Committee leads itself, in a plan its own office manages.
    const task = await makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.province],
      dueDate: '2025-12-31',
    });
    const provinceFocal = await loginAs(
      world.t.app,
      await makeUser(world.t.db, { role: 'focal', agency: world.w.province }),
    );
    const sent = await provinceFocal.post(`/api/tasks/${task.id}/reports`, {
      percent: 50,
      narrative: 'Đã ban hành quy chế vận hành Trung tâm điều hành thông minh của Thành phố.',
      submit: true,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const reportId = sent.json().id;
    expect(sent.json().abilities).toEqual({ canReview: false });

    // The office manages the plan but belongs to the reporting body: no buttons, and a refusal that says why.
    const seenByOffice = await office().get(`/api/tasks/${task.id}/reports`);
    expect(seenByOffice.json().items.find((r: { id: number }) => r.id === reportId)?.abilities).toEqual({
      canReview: false,
    });
    const selfAccepted = await office().post(`/api/reports/${reportId}/review`, { decision: 'accept' });
    expect(selfAccepted.statusCode).toBe(403);
    expect(selfAccepted.json()).toEqual({ code: 'REPORT_REVIEW_OWN_BODY', params: { reportId } });
    expect((await taskRow(task.id)).progress_percent).toBe(0);

    // The same office still reviews the reports of the bodies under it.
    const deptReport = await world.leadReport({
      percent: 10,
      state: 'submitted',
    });
    const deptSeen = await office().get(`/api/reports/${deptReport.id}`);
    expect(deptSeen.json().abilities).toEqual({ canReview: true });

    // An administrator, outside the reporting body, decides.
    const admin = world.as('admin');
    expect((await admin.get(`/api/reports/${reportId}`)).json().abilities).toEqual({ canReview: true });
    const accepted = await admin.post(`/api/reports/${reportId}/review`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await taskRow(task.id)).progress_percent).toBe(50);
  });

  it('a body assigned through a named group reports as the lead', async () => {
    const commune = await makeAgency(world.t.db, {
      name: 'UBND phường Hoàn Kiếm',
      level: 'commune',
      parent: world.w.province,
    });
    const group = await makeGroup(world.t.db, 'UBND các xã, phường trên địa bàn Thành phố', [commune]);
    const task = await makeTask(world.t.db, { directive: world.w.directive, lead: [group], dueDate: '2025-12-31' });
    const communeFocal = await loginAs(world.t.app, await makeUser(world.t.db, { role: 'focal', agency: commune }));
    const created = await communeFocal.post(`/api/tasks/${task.id}/reports`, {
      percent: 100,
      narrative: 'Đã triển khai mô hình "Bình dân học vụ số" tại 100% tổ dân phố.',
      submit: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ agencyRole: 'lead', agency: { id: commune.id } });
  });

  it('drafts are seen only by their own body; the public sees accepted reports only', async () => {
    const task = await newTask();
    const leadDraft = await world.leadReport({
      task,
      state: 'draft',
    });
    const coordinatingDraft = await makeReport(world.t.db, {
      task,
      agency: world.w.coordinatingBody,
      author: world.w.users.coordinatingFocal,
      agencyRole: 'coordinating',
      state: 'draft',
    });
    const submitted = await makeReport(world.t.db, {
      task,
      agency: world.w.coordinatingBody,
      author: world.w.users.coordinatingFocal,
      agencyRole: 'coordinating',
      state: 'submitted',
    });
    const accepted = await world.leadReport({
      task,
      state: 'accepted',
    });

    const ids = async (client: Client) => {
      const res = await client.get(`/api/tasks/${task.id}/reports`);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json()
        .items.map((r: { id: number }) => r.id)
        .sort();
    };
    expect(await ids(lead())).toEqual([leadDraft.id, submitted.id, accepted.id].sort());
    expect(await ids(coordinating())).toEqual([coordinatingDraft.id, submitted.id, accepted.id].sort());
    expect(await ids(office())).toEqual([submitted.id, accepted.id].sort());
    expect(await ids(anonymous(world.t.app))).toEqual([accepted.id]);

    expect((await coordinating().get(`/api/reports/${leadDraft.id}`)).statusCode).toBe(404);
    expect((await lead().get(`/api/reports/${leadDraft.id}`)).statusCode).toBe(200);
    expect((await otherOffice().get(`/api/tasks/${task.id}/reports`)).statusCode).toBe(404);
    expect((await otherOffice().get(`/api/reports/${submitted.id}`)).statusCode).toBe(404);
  });

  it("the review queue lists submitted reports of the office's own scope, oldest first, a page at a time", async () => {
    const task = await newTask();
    const older = await world.leadReport({
      task,
      state: 'submitted',
      submittedAt: new Date('2025-07-01T02:00:00Z'),
    });
    const newer = await world.leadReport({
      task,
      state: 'submitted',
      submittedAt: new Date('2025-07-02T02:00:00Z'),
    });
    const page1 = await office().get(`/api/reports?state=submitted&taskId=${task.id}&order=oldest&pageSize=1`);
    expect(page1.statusCode, page1.body).toBe(200);
    expect(page1.json()).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ id: older.id }] });
    const page2 = await office().get(`/api/reports?state=submitted&taskId=${task.id}&order=oldest&pageSize=1&page=2`);
    expect(page2.json().items.map((r: { id: number }) => r.id)).toEqual([newer.id]);

    const queue = await office().get('/api/reports?state=submitted&pageSize=100');
    expect(queue.json().items.every((r: { state: string }) => r.state === 'submitted')).toBe(true);
    const elsewhere = await otherOffice().get('/api/reports?state=submitted');
    expect(elsewhere.json()).toMatchObject({ total: 0, items: [] });
    const mine = await coordinating().get(`/api/reports?taskId=${task.id}`);
    expect(mine.json().total).toBe(0);
    expect((await anonymous(world.t.app).get('/api/reports')).statusCode).toBe(401);
  });

  it('answers bad input with a 4xx that says what is wrong', async () => {
    const tooMuch = await lead().post(`/api/tasks/${world.w.task.id}/reports`, { percent: 101 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().code).toBe('VALIDATION_FAILED');
    for (const url of ['javascript:alert(1)', 'ftp://hanoi.gov.vn/a.pdf', 'file:///etc/passwd', 'không phải địa chỉ']) {
      const res = await lead().post(`/api/tasks/${world.w.task.id}/reports`, {
        percent: 10,
        links: [{ url, title: 'x' }],
      });
      expect(res.statusCode, url).toBe(400);
    }
    expect((await lead().post('/api/tasks/abc/reports', { percent: 10 })).statusCode).toBe(400);
    expect((await lead().post('/api/tasks/999999999/reports', { percent: 10 })).statusCode).toBe(404);
    expect((await office().post(`/api/reports/1/review`, { decision: 'approve' })).statusCode).toBe(400);
  });
});
