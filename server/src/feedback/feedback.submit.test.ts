import { describe, expect, it } from 'vitest';
import { anonymous, type Client, useTestApp } from '../../test/app.ts';
import { feedbackSubmission, makeFeedbackWorld } from '../../test/factories/feedback.ts';
import { sql } from '../db/sql.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { SUBMISSION_LIMITS, TRACKING_ALPHABET } from './feedback.rules.ts';

describe('submitting feedback without an account (POST /api/feedback)', () => {
  const ctx = useTestApp(makeFeedbackWorld);
  let address = 0;
  /** A visitor from an address of their own, so one test's attempts do not count against another's. */
  const visitor = (): Client => {
    const ip = `203.0.113.${++address}`;
    const base = anonymous(ctx.t.app);
    return {
      ...base,
      request: (options) => base.request({ ...options, remoteAddress: ip }),
      get: (url) => base.request({ method: 'GET', url, remoteAddress: ip }),
      post: (url, payload) =>
        base.request({ method: 'POST', url, remoteAddress: ip, payload: payload as Record<string, unknown> }),
    };
  };
  const submission = (overrides: Record<string, unknown> = {}) => feedbackSubmission(ctx.data.fieldId, overrides);
  const stored = async () => (await ctx.t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM feedback`))[0]!.n;
  const codePattern = new RegExp(`^[${TRACKING_ALPHABET}]{5}-[${TRACKING_ALPHABET}]{5}$`);

  it('stores it with its history, answers a tracking code, and the code shows its path without personal data', async () => {
    const citizen = visitor();
    const sent = submission({ concernedAgencyId: ctx.data.scienceDept.id });
    const res = await citizen.post('/api/feedback', sent);
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json<{ trackingCode: string }>();
    expect(trackingCode).toMatch(codePattern);

    const [row] = await ctx.t.db.query<Record<string, unknown>>(
      sql`SELECT * FROM feedback WHERE tracking_code = ${trackingCode}`,
    );
    expect(row).toMatchObject({
      type: 'recommendation',
      status: 'received',
      contact_name: 'Trần Thị Lan',
      contact_email: sent.contact.email,
      concerned_agency_id: ctx.data.scienceDept.id,
      // Sở KH&CN Hà Nội's matter: Hà Nội's standing office receives it.
      scope_agency_id: ctx.data.province.id,
      publish_consent: true,
      publish_name: false,
    });
    const history = await ctx.t.db.query(sql`SELECT action FROM feedback_history WHERE feedback_id = ${row!.id}`);
    expect(history).toEqual([{ action: 'received' }]);

    // The receipt is in the outbox, with the code and where to follow it; nothing else of the contact.
    const mails = await ctx.t.db.query<{ template: string; data: Record<string, unknown> }>(
      sql`SELECT template, data FROM mail_outbox WHERE to_address = ${sent.contact.email}`,
    );
    expect(mails).toEqual([{ template: 'feedback_receipt', data: { trackingCode, title: sent.title } }]);
    const receipt = renderMail('feedback_receipt', mails[0]!.data, 'vi', { appUrl: 'https://giamsat.example' });
    expect(receipt.subject).toContain(trackingCode);
    expect(receipt.text).toContain(`https://giamsat.example/gop-y/tra-cuu?ma=${trackingCode}`);
    expect(receipt.text).not.toContain('/account');

    // Typed by hand: lower case, without the dash.
    const tracked = await anonymous(ctx.t.app).get(
      `/api/feedback/track/${trackingCode.replace('-', '').toLowerCase()}`,
    );
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({
      trackingCode,
      status: 'received',
      title: sent.title,
      agency: null,
      answer: null,
      history: [{ action: 'received', agency: null }],
    });
    for (const personal of [sent.contact.name, sent.contact.email, '0912', sent.contact.organisation]) {
      expect(tracked.body).not.toContain(personal);
    }
  });

  it('a code that was never given, or cannot be one, is not found', async () => {
    expect((await anonymous(ctx.t.app).get('/api/feedback/track/ABCDE-FGHJK')).statusCode).toBe(404);
    expect((await anonymous(ctx.t.app).get('/api/feedback/track/O0O0O-I1I1I')).statusCode).toBe(404);
    expect((await anonymous(ctx.t.app).get(`/api/feedback/track/${'A'.repeat(40)}`)).statusCode).toBe(400);
  });

  it('codes do not repeat nor follow one another', async () => {
    const citizen = visitor();
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await citizen.post('/api/feedback', submission());
      codes.add(res.json<{ trackingCode: string }>().trackingCode);
    }
    expect(codes.size).toBe(5);
    // Drawn at random: five codes sharing their first two symbols would be a one-in-10¹² chance.
    expect(new Set([...codes].map((c) => c.slice(0, 2))).size).toBeGreaterThan(1);
  });

  it('a filled honeypot is answered like a success, stores nothing, and its code leads nowhere', async () => {
    const before = await stored();
    const res = await visitor().post('/api/feedback', submission({ website: 'http://spam.example' }));
    expect(res.statusCode).toBe(201);
    const { trackingCode } = res.json<{ trackingCode: string }>();
    expect(trackingCode).toMatch(codePattern);
    expect(await stored()).toBe(before);
    expect((await anonymous(ctx.t.app).get(`/api/feedback/track/${trackingCode}`)).statusCode).toBe(404);
    const receipts = await ctx.t.db.query(sql`SELECT 1 FROM mail_outbox WHERE data->>'trackingCode' = ${trackingCode}`);
    expect(receipts).toEqual([]);
  });

  it('a complaint or a denunciation, chosen or clearly worded, is sent to the citizen reception office and not stored', async () => {
    const citizen = visitor();
    const before = await stored();
    const chosen = await citizen.post('/api/feedback', submission({ type: 'denunciation' }));
    expect(chosen.statusCode, chosen.body).toBe(422);
    expect(chosen.json()).toMatchObject({
      code: 'FEEDBACK_IS_COMPLAINT',
      params: { kind: 'denunciation', reason: 'type', receivedBy: 'citizen_reception' },
    });
    expect(chosen.json().params.law).toContain('Tố cáo');

    const worded = await citizen.post(
      '/api/feedback',
      submission({
        type: 'feedback',
        title: 'Khiếu nại quyết định thu hồi đất',
        content: 'Tôi khiếu nại quyết định của Ủy ban nhân dân xã về việc thu hồi đất của gia đình.',
      }),
    );
    expect(worded.statusCode, worded.body).toBe(422);
    expect(worded.json()).toMatchObject({ params: { kind: 'complaint', reason: 'wording' } });
    expect(worded.json().params.law).toContain('Khiếu nại');
    // Without diacritics, as some people type.
    const plain = await citizen.post(
      '/api/feedback',
      submission({ type: 'feedback', content: 'Nay toi to cao hanh vi nhung nhieu cua can bo xa.' }),
    );
    expect(plain.json()).toMatchObject({ code: 'FEEDBACK_IS_COMPLAINT', params: { kind: 'denunciation' } });
    expect(await stored()).toBe(before);

    // A mention in passing is feedback about the service itself.
    const aboutTheService = await citizen.post(
      '/api/feedback',
      submission({
        type: 'feedback',
        content: 'Chức năng gửi khiếu nại trực tuyến trên cổng khó tìm, nên đặt ở trang chủ.',
      }),
    );
    expect(aboutTheService.statusCode, aboutTheService.body).toBe(201);
  });

  it('refuses what is malformed, with a clear 400, and stores nothing', async () => {
    const citizen = visitor();
    const before = await stored();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['no way to answer', { contact: { name: 'Lan', email: '', phone: '' } }],
      ['a bad e-mail', { contact: { name: 'Lan', email: 'lan@' } }],
      ['a bad phone', { contact: { name: 'Lan', phone: 'gọi tôi' } }],
      ['an empty title', { title: '   ' }],
      ['a title too long', { title: 'x'.repeat(301) }],
      ['content too long', { content: 'x'.repeat(10_001) }],
      ['an unknown type', { type: 'petition' }],
      ['a name without consent', { publication: { consent: false, includeName: true } }],
      ['no publication choice', { publication: undefined }],
      ['a field id that is not a number', { fieldId: 'abc' }],
    ];
    for (const [what, overrides] of cases) {
      const res = await citizen.post('/api/feedback', submission(overrides));
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expect(res.json().code, what).toBe('VALIDATION_FAILED');
    }
    const unknownField = await citizen.post('/api/feedback', submission({ fieldId: 999_999 }));
    expect(unknownField.json()).toMatchObject({ code: 'FEEDBACK_UNKNOWN_FIELD' });
    const unknownBody = await citizen.post('/api/feedback', submission({ concernedAgencyId: 999_999 }));
    expect(unknownBody.json()).toMatchObject({ code: 'FEEDBACK_UNKNOWN_AGENCY' });
    const huge = await citizen.request({
      method: 'POST',
      url: '/api/feedback',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(submission({ content: 'x'.repeat(200_000) })),
    });
    expect(huge.statusCode).toBe(413);
    expect(await stored()).toBe(before);
  });

  it('limits submissions per e-mail and per address, saying when to try again', async () => {
    const email = `hanoi.${address}@example.vn`;
    const byEmail = (i: number) =>
      visitor().post('/api/feedback', submission({ contact: { name: `Người ${i}`, email } }));
    for (let i = 0; i < SUBMISSION_LIMITS.email.attempts; i++) expect((await byEmail(i)).statusCode).toBe(201);
    const refused = await byEmail(99);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'FEEDBACK_TOO_MANY', params: { per: 'email' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const oneAddress = visitor();
    for (let i = 0; i < SUBMISSION_LIMITS.address.attempts; i++) {
      expect((await oneAddress.post('/api/feedback', submission())).statusCode).toBe(201);
    }
    const fromAddress = await oneAddress.post('/api/feedback', submission());
    expect(fromAddress.statusCode).toBe(429);
    expect(fromAddress.json()).toMatchObject({ params: { per: 'address' } });
    // Another address is not held back.
    expect((await visitor().post('/api/feedback', submission())).statusCode).toBe(201);
  });

  it('lists the fields for the form', async () => {
    const res = await anonymous(ctx.t.app).get('/api/feedback/fields');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ id: ctx.data.fieldId, name: 'Chuyển đổi số' }));
  });
});
