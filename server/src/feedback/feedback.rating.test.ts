import { describe, expect, it, vi } from 'vitest';
import { anonymous } from '../../test/app.ts';
import { setToday as at, feedbackSubmission, useFeedbackWorld } from '../../test/factories/feedback.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { sql } from '../db/sql.ts';

describe('the submitter rates the answer, and each body’s response figures', () => {
  const { ctx, as } = useFeedbackWorld();
  let address = 0;

  /** A submission sent, assigned to `body` and, unless `answerOn` is null, answered by it on that day. */
  const answered = async (body: 'scienceDept' | 'infoDept', answerOn: string | null, assignOn = '2026-03-02') => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(assignOn);
    const sent = await ctx.t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      remoteAddress: `203.0.113.${++address}`,
      payload: feedbackSubmission(ctx.data.fieldId, { concernedAgencyId: ctx.data.scienceDept.id }),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const code = sent.json<{ trackingCode: string }>().trackingCode;
    const [row] = await ctx.t.db.query<{ id: number }>(sql`SELECT id FROM feedback WHERE tracking_code = ${code}`);
    const id = row!.id;
    const agencyId = ctx.data[body].id;
    const assigned = await (await as(ctx.data.users.office)).post(`/api/feedback/${id}/assign`, { agencyId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    if (answerOn) {
      at(answerOn);
      const focal = body === 'scienceDept' ? ctx.data.users.scienceFocal : ctx.data.users.infoFocal;
      const res = await (await as(focal)).post(`/api/feedback/${id}/answer`, {
        answer: 'Sở đã tiếp thu và đưa nội dung vào kế hoạch chuyển đổi số năm 2027.',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    vi.useRealTimers();
    return { code, id };
  };
  const rate = (code: string, body: unknown) => anonymous(ctx.t.app).post(`/api/feedback/track/${code}/rating`, body);
  const historyOf = async (id: number) =>
    ctx.t.db.query<{ action: string; user_id: number | null }>(
      sql`SELECT action, user_id FROM feedback_history WHERE feedback_id = ${id} ORDER BY at, id`,
    );

  it('rates once, by the tracking code, only once answered; bad ratings are refused and change nothing', async () => {
    const waiting = await answered('scienceDept', null);
    const early = await rate(waiting.code, { rating: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'FEEDBACK_NOT_ANSWERED' });
    expect((await anonymous(ctx.t.app).get(`/api/feedback/track/${waiting.code}`)).json()).toMatchObject({
      canRate: false,
      rating: null,
    });

    const { code, id } = await answered('scienceDept', '2026-03-04');
    const before = await historyOf(id);
    expect((await anonymous(ctx.t.app).get(`/api/feedback/track/${code}`)).json()).toMatchObject({ canRate: true });
    for (const bad of [
      { rating: 0 },
      { rating: 6 },
      { rating: 3.5 },
      { rating: '4' },
      {},
      { rating: 4, comment: 'x'.repeat(2001) },
      { rating: 4, author: 'Trần Thị Lan' },
    ]) {
      const res = await rate(code, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await rate('ZZZZZ-ZZZZZ', { rating: 4 })).statusCode).toBe(404);
    expect(await historyOf(id)).toEqual(before);

    // Typed in lower case without its dash, as people copy it: the same code.
    const typed = code.replace('-', '').toLowerCase();
    const res = await rate(typed, { rating: 4, comment: '  Trả lời rõ ràng, đúng hạn.  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      canRate: false,
      rating: { value: 4, comment: 'Trả lời rõ ràng, đúng hạn.' },
      history: expect.arrayContaining([expect.objectContaining({ action: 'rated' })]),
    });
    expect(await historyOf(id)).toEqual([...before, { action: 'rated', user_id: null }]);

    const again = await rate(code, { rating: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'FEEDBACK_ALREADY_RATED' });
    const [stored] = await ctx.t.db.query<{ rating: number }>(
      sql`SELECT rating FROM feedback_ratings WHERE feedback_id = ${id}`,
    );
    expect(stored).toEqual({ rating: 4 });
    expect((await historyOf(id)).length).toBe(before.length + 1);
  });

  it('the lookup page offers a plain form once answered, thanks after rating, and refuses a second rating', async () => {
    const { code } = await answered('infoDept', '2026-03-03');
    const page = await ctx.t.app.inject({ method: 'GET', url: `/gop-y/tra-cuu?ma=${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đánh giá câu trả lời');
    expect(page.body).toMatch(/<form class="feedback" method="post" action="\/gop-y\/tra-cuu\/danh-gia">/);
    expect(page.body).not.toContain('<script');
    const post = (form: Record<string, string>, lang = '') =>
      ctx.t.app.inject({
        method: 'POST',
        url: `/gop-y/tra-cuu/danh-gia${lang}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });

    const missing = await post({ ma: code, comment: 'Chưa chọn mức' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Chọn một mức từ 1 đến 5');

    const sent = await post({ ma: code, rating: '2', comment: 'Câu trả lời <b>chung chung</b>.' });
    expect(sent.statusCode, sent.body).toBe(303);
    const after = await ctx.t.app.inject({ method: 'GET', url: String(sent.headers.location) });
    expect(after.body).toContain('Cảm ơn bạn đã đánh giá câu trả lời.');
    expect(after.body).toContain('Đánh giá của bạn: 2/5 (Không hài lòng)');
    expect(after.body).not.toContain('name="rating"');

    const twice = await post({ ma: code, rating: '5' }, '?lang=en');
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('This answer has already been rated.');
    expect((await post({ ma: 'ZZZZZ-ZZZZZ', rating: '5' })).statusCode).toBe(404);
  });

  it('a body’s figures count its answers and those under it: on time, rated, the average; public, nothing personal', async () => {
    const { province, scienceDept, infoDept } = ctx.data;
    // One answered late (after its limit of working days), and a few rated with comments.
    const late = await answered('infoDept', addWorkingDays('2026-03-02', 16));
    const onTime = await answered('scienceDept', '2026-03-05');
    await answered('scienceDept', '2026-03-06');
    await answered('infoDept', null);
    expect((await rate(late.code, { rating: 1, comment: 'Quá hạn mới trả lời, nội dung sơ sài.' })).statusCode).toBe(
      201,
    );
    expect((await rate(onTime.code, { rating: 5 })).statusCode).toBe(201);

    // What the figures must be, from the rows this file made.
    const expected = async (bodies: number[]) => {
      const rows = await ctx.t.db.query<{ due: string; on: string; rating: number | null }>(sql`
        SELECT f.answer_due_on::text AS due, f.answered_on::text AS on, r.rating
        FROM feedback f LEFT JOIN feedback_ratings r ON r.feedback_id = f.id
        WHERE f.status = 'answered' AND f.assigned_agency_id = ANY(${bodies}::bigint[])`);
      const ratings = rows.flatMap((r) => (r.rating === null ? [] : [r.rating]));
      const inTime = rows.filter((r) => r.on <= r.due).length;
      return {
        answered: rows.length,
        answeredOnTime: inTime,
        onTimeShare: rows.length ? inTime / rows.length : null,
        rated: ratings.length,
        averageRating: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
      };
    };
    const provinceFigures = await anonymous(ctx.t.app).get(`/api/feedback/figures?agencyId=${province.id}`);
    expect(provinceFigures.statusCode, provinceFigures.body).toBe(200);
    const want = await expected([province.id, scienceDept.id, infoDept.id]);
    expect(want.answered).toBeGreaterThan(want.answeredOnTime);
    expect(provinceFigures.json()).toEqual({ agency: { id: province.id, name: province.name }, ...want });
    const science = await anonymous(ctx.t.app).get(`/api/feedback/figures?agencyId=${scienceDept.id}`);
    expect(science.json()).toMatchObject(await expected([scienceDept.id]));
    expect((await anonymous(ctx.t.app).get('/api/feedback/figures?agencyId=999999')).statusCode).toBe(404);
    expect((await anonymous(ctx.t.app).get('/api/feedback/figures?agencyId=abc')).statusCode).toBe(400);

    const page = await ctx.t.app.inject({ method: 'GET', url: `/cong-khai/co-quan/${province.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Trả lời phản ánh, kiến nghị');
    const section = page.body.slice(page.body.indexOf('data-responses'));
    const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
    expect(section).toContain(percent.format(want.onTimeShare!));
    expect(section).toContain(`${want.answeredOnTime}/${want.answered}`);
    expect(section).toContain(`${new Intl.NumberFormat('vi-VN').format(Math.round(want.averageRating! * 10) / 10)}/5`);
    for (const text of [provinceFigures.body, page.body]) {
      expect(text).not.toContain('Trần Thị Lan');
      expect(text).not.toContain('0912 345 678');
      expect(text).not.toContain('@example.vn');
      expect(text).not.toContain('nội dung sơ sài');
    }
  });
});
