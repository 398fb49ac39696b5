import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.ts';
import { makeFeedbackWorld } from '../../test/factories/feedback.ts';
import { sql } from '../db/sql.ts';

describe('the public feedback pages (/gop-y), without script', () => {
  const ctx = useTestApp(makeFeedbackWorld);
  let address = 0;
  const post = (form: Record<string, string>, lang = '') =>
    ctx.t.app.inject({
      method: 'POST',
      url: `/gop-y${lang}`,
      remoteAddress: `198.51.100.${++address}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const form = (overrides: Record<string, string> = {}) => ({
    type: 'recommendation',
    fieldId: String(ctx.data.fieldId),
    concernedAgencyId: String(ctx.data.province.id),
    title: 'Mở rộng wifi miễn phí ở nhà văn hóa thôn',
    content: 'Kiến nghị lắp wifi miễn phí tại các nhà văn hóa để người dân học kỹ năng số.',
    name: 'Phạm Văn Minh',
    email: '',
    phone: '0987 654 321',
    organisation: '',
    consent: 'on',
    website: '',
    ...overrides,
  });

  it('offers the form with the fields and the bodies, and a hidden honeypot', async () => {
    const res = await ctx.t.app.inject({ method: 'GET', url: '/gop-y' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Gửi phản ánh, kiến nghị');
    expect(res.body).toContain('Chuyển đổi số');
    expect(res.body).toContain(ctx.data.province.name);
    expect(res.body).toMatch(/<div class="hp" aria-hidden="true">.*name="website"/s);
    const en = await ctx.t.app.inject({ method: 'GET', url: '/gop-y?lang=en' });
    expect(en.body).toContain('Send feedback or a recommendation');
  });

  it('a sent form leads to its tracking page with the code; the page keeps personal data out', async () => {
    const res = await post(form());
    expect(res.statusCode, res.body).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/gop-y\/tra-cuu\?ma=[A-Z2-9]{5}-[A-Z2-9]{5}&moi=1$/);
    const code = new URL(location, 'http://x').searchParams.get('ma')!;
    const [row] = await ctx.t.db.query<{ contact_phone: string; scope_agency_id: number }>(
      sql`SELECT contact_phone, scope_agency_id FROM feedback WHERE tracking_code = ${code}`,
    );
    expect(row).toMatchObject({ contact_phone: '0987 654 321', scope_agency_id: ctx.data.province.id });

    const page = await ctx.t.app.inject({ method: 'GET', url: location });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(code);
    expect(page.body).toContain('Đã tiếp nhận, chờ phân loại');
    expect(page.body).not.toContain('Phạm Văn Minh');
    expect(page.body).not.toContain('0987');

    const unknown = await ctx.t.app.inject({ method: 'GET', url: '/gop-y/tra-cuu?ma=ZZZZZ-ZZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy mã tra cứu này.');
  });

  it('a form with mistakes comes back with what to fix and what was typed, escaped', async () => {
    const before = (await ctx.t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM feedback`))[0]!.n;
    const res = await post(form({ phone: '', title: '<b>Tiêu đề</b>' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Thư điện tử chưa đúng, hoặc cần thư điện tử hay số điện thoại.');
    expect(res.body).toContain('&lt;b&gt;Tiêu đề&lt;/b&gt;');
    expect(res.body).not.toContain('<b>Tiêu đề</b>');
    expect((await ctx.t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM feedback`))[0]!.n).toBe(before);
  });

  it('a complaint is told where to go, in the visitor’s language', async () => {
    const res = await post(form({ type: 'complaint' }), '?lang=en');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('citizen reception office');
    expect(res.body).toContain('Luật Khiếu nại');
  });
});
