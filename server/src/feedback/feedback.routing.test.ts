import { describe, expect, it, vi } from 'vitest';
import { anonymous } from '../../test/app.ts';
import { setToday as at, feedbackSubmission, useFeedbackWorld } from '../../test/factories/feedback.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { sql } from '../db/sql.ts';

// Received on Friday 13/2/2026, the last working day before Tết (16–20/2 off, weekends around it).
const FRIDAY_BEFORE_TET = new Date('2026-02-13T03:00:00Z');

describe('routing feedback within its working-day limits', () => {
  const { ctx, as } = useFeedbackWorld();

  const submit = async (overrides: Record<string, unknown> = {}) => {
    const res = await anonymous(ctx.t.app).post(
      '/api/feedback',
      feedbackSubmission(ctx.data.fieldId, { concernedAgencyId: ctx.data.scienceDept.id, ...overrides }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json<{ trackingCode: string }>().trackingCode;
    const [row] = await ctx.t.db.query<{ id: number }>(sql`SELECT id FROM feedback WHERE tracking_code = ${code}`);
    return { code, id: row!.id };
  };
  const historyCount = async (id: number) =>
    (
      await ctx.t.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM feedback_history WHERE feedback_id = ${id}`,
      )
    )[0]!.n;

  it('the office assigns, the first body transfers with a reason, the second answers; the citizen follows it by code', async () => {
    const { users, scienceDept, infoDept } = ctx.data;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FRIDAY_BEFORE_TET);
    const { code, id } = await submit();

    // Hà Nội's office receives it; Đà Nẵng's does not see it, nor does a body before it is assigned.
    const inbox = await (await as(users.office)).get('/api/feedback?status=received');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().items).toContainEqual(
      expect.objectContaining({ id, standing: null, contact: expect.objectContaining({ name: 'Trần Thị Lan' }) }),
    );
    expect((await (await as(users.otherOffice)).get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await (await as(users.scienceFocal)).get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await anonymous(ctx.t.app).get('/api/feedback')).statusCode).toBe(401);

    const assigned = await (await as(users.office)).post(`/api/feedback/${id}/assign`, { agencyId: scienceDept.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({
      status: 'assigned',
      agency: { id: scienceDept.id },
      assignedOn: '2026-02-13',
      // Two working days: the weekend and Tết's five days pass first (Mon 23, Tue 24).
      transferUntil: '2026-02-24',
      answerDueOn: addWorkingDays('2026-02-13', 15),
      standing: 'on_time',
    });

    at('2026-02-24');
    const science = await as(users.scienceFocal);
    const mine = await science.get('/api/feedback');
    expect(mine.json().items).toContainEqual(
      expect.objectContaining({ id, abilities: { assign: false, transfer: true, answer: true } }),
    );
    // A transfer needs a reason, and another body.
    expect((await science.post(`/api/feedback/${id}/transfer`, { agencyId: infoDept.id })).statusCode).toBe(400);
    const toSelf = await science.post(`/api/feedback/${id}/transfer`, { agencyId: scienceDept.id, reason: 'Nhầm' });
    expect(toSelf.json()).toMatchObject({ code: 'FEEDBACK_TRANSFER_SAME_BODY' });
    const transferred = await science.post(`/api/feedback/${id}/transfer`, {
      agencyId: infoDept.id,
      reason: 'Nội dung về thủ tục hành chính thuộc thẩm quyền Sở Nội vụ.',
    });
    expect(transferred.statusCode, transferred.body).toBe(200);
    expect(transferred.json()).toMatchObject({
      agency: { id: infoDept.id },
      assignedOn: '2026-02-24',
      transferUntil: addWorkingDays('2026-02-24', 2),
      answerDueOn: addWorkingDays('2026-02-24', 15),
    });
    // It left the first body's sight.
    expect((await science.get(`/api/feedback/${id}`)).statusCode).toBe(404);

    at('2026-03-02');
    const info = await as(users.infoFocal);
    const answered = await info.post(`/api/feedback/${id}/answer`, {
      answer: 'Sở Nội vụ đã đưa 12 thủ tục cấp xã lên Cổng dịch vụ công từ tháng 3/2026.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answeredOn: '2026-03-02', standing: 'on_time' });
    expect((await info.post(`/api/feedback/${id}/answer`, { answer: 'Lần nữa' })).json()).toMatchObject({
      code: 'FEEDBACK_NOT_OPEN',
    });

    const staffHistory = await (await as(users.office)).get(`/api/feedback/${id}/history`);
    expect(staffHistory.json().items).toEqual([
      expect.objectContaining({ action: 'received', by: null }),
      expect.objectContaining({ action: 'assigned', agency: expect.objectContaining({ id: scienceDept.id }) }),
      expect.objectContaining({
        action: 'transferred',
        agency: expect.objectContaining({ id: infoDept.id }),
        reason: 'Nội dung về thủ tục hành chính thuộc thẩm quyền Sở Nội vụ.',
        by: expect.objectContaining({ id: users.scienceFocal.id }),
      }),
      expect.objectContaining({ action: 'answered', by: expect.objectContaining({ id: users.infoFocal.id }) }),
    ]);

    const tracked = await anonymous(ctx.t.app).get(`/api/feedback/track/${code}`);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({
      status: 'answered',
      agency: { id: infoDept.id },
      answer: { answeredOn: '2026-03-02', agency: { id: infoDept.id }, text: expect.stringContaining('12 thủ tục') },
      history: [
        { action: 'received' },
        { action: 'assigned', agency: { id: scienceDept.id } },
        { action: 'transferred', agency: { id: infoDept.id } },
        { action: 'answered' },
      ],
    });
    // The reason given inside and who acted stay inside.
    expect(tracked.body).not.toContain('thẩm quyền Sở Nội vụ');
    expect(tracked.body).not.toContain(users.infoFocal.username);
  });

  it('a transfer after its limit is refused and changes nothing; the office can still re-route it', async () => {
    const { users, scienceDept, infoDept } = ctx.data;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FRIDAY_BEFORE_TET);
    const { id } = await submit();
    await (await as(users.office)).post(`/api/feedback/${id}/assign`, { agencyId: scienceDept.id });
    const before = await historyCount(id);

    at('2026-02-25');
    const late = await (await as(users.scienceFocal)).post(`/api/feedback/${id}/transfer`, {
      agencyId: infoDept.id,
      reason: 'Không thuộc thẩm quyền',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'FEEDBACK_TRANSFER_TOO_LATE', params: { transferUntil: '2026-02-24' } });
    expect(await historyCount(id)).toBe(before);

    const rerouted = await (await as(users.office)).post(`/api/feedback/${id}/assign`, { agencyId: infoDept.id });
    expect(rerouted.statusCode, rerouted.body).toBe(200);
    expect(rerouted.json()).toMatchObject({ agency: { id: infoDept.id }, assignedOn: '2026-02-25' });
    expect(await historyCount(id)).toBe(before + 1);
  });

  it('the inbox shows each submission due soon or late against its limit, and filters by it', async () => {
    const { users, scienceDept } = ctx.data;
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-03-02');
    const { id } = await submit();
    const assigned = await (await as(users.office)).post(`/api/feedback/${id}/assign`, { agencyId: scienceDept.id });
    const due: string = assigned.json().answerDueOn;
    const standingOn = async (day: string, standing: string) => {
      at(day);
      const list = await (await as(users.scienceFocal)).get(`/api/feedback?standing=${standing}`);
      expect(list.statusCode, list.body).toBe(200);
      return list.json().items.some((item: { id: number }) => item.id === id);
    };
    // Three working days before the limit it is due soon; the day after the limit it is late.
    expect(await standingOn(addWorkingDays(due, -4), 'on_time')).toBe(true);
    expect(await standingOn(addWorkingDays(due, -3), 'due_soon')).toBe(true);
    expect(await standingOn(due, 'due_soon')).toBe(true);
    const dayAfter = new Date(`${due}T00:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    expect(await standingOn(dayAfter.toISOString().slice(0, 10), 'late')).toBe(true);
    expect(await standingOn(dayAfter.toISOString().slice(0, 10), 'on_time')).toBe(false);
  });

  it('each routing step is open only to whom it belongs', async () => {
    const { users, scienceDept, infoDept } = ctx.data;
    const { id } = await submit();
    const assign = { agencyId: scienceDept.id };
    expect((await anonymous(ctx.t.app).post(`/api/feedback/${id}/assign`, assign)).statusCode).toBe(401);
    expect((await (await as(users.otherOffice)).post(`/api/feedback/${id}/assign`, assign)).statusCode).toBe(404);
    expect((await (await as(users.inspector)).post(`/api/feedback/${id}/assign`, assign)).statusCode).toBe(403);
    expect((await (await as(users.centralOffice)).post(`/api/feedback/${id}/assign`, assign)).statusCode).toBe(200);

    const answer = { answer: 'Trả lời' };
    expect((await (await as(users.office)).post(`/api/feedback/${id}/answer`, answer)).statusCode).toBe(403);
    expect((await (await as(users.inspector)).post(`/api/feedback/${id}/answer`, answer)).statusCode).toBe(403);
    expect((await (await as(users.infoFocal)).post(`/api/feedback/${id}/answer`, answer)).statusCode).toBe(404);
    const transfer = { agencyId: infoDept.id, reason: 'Không thuộc thẩm quyền' };
    expect((await (await as(users.office)).post(`/api/feedback/${id}/transfer`, transfer)).statusCode).toBe(403);
    expect((await (await as(users.scienceFocal)).post(`/api/feedback/${id}/assign`, assign)).statusCode).toBe(403);
    expect(await historyCount(id)).toBe(2);
    const bad = await (await as(users.office)).post(`/api/feedback/${id}/assign`, { agencyId: 'Sở Nội vụ' });
    expect(bad.statusCode).toBe(400);
    const nowhere = await (await as(users.office)).post(`/api/feedback/${id}/assign`, { agencyId: 999_999 });
    expect(nowhere.json()).toMatchObject({ code: 'FEEDBACK_UNKNOWN_AGENCY' });
  });
});
