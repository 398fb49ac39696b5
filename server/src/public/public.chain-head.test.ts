// The audit trail's head hash in the public site's footer (issue 12, with the tamper-evident trail):
// published on every page, it pins every history row up to its event.
import { describe, expect, it } from 'vitest';
import { anonymous, loginAs, useTestApp } from '../../test/app.ts';
import { makeProgressWorld } from '../../test/factories/reports.ts';

describe('the public footer publishes the audit trail’s head hash', () => {
  const ctx = useTestApp((db) => makeProgressWorld(db));

  it('shows the head GET /api/audit/head answers, and the next one after a change', async () => {
    const visitor = anonymous(ctx.t.app);
    const w = ctx.data;
    // A change with its history row: the lead body's report, accepted.
    const lead = await loginAs(ctx.t.app, w.users.leadFocal);
    const office = await loginAs(ctx.t.app, w.users.office);
    const report = await lead.post(`/api/tasks/${w.task.id}/reports`, {
      percent: 40,
      narrative: 'Đã khảo sát hiện trạng',
      submit: true,
    });
    expect(report.statusCode, report.body).toBe(201);

    const footerHead = (body: string) =>
      /<p data-chain-head>[^<]*?(\d[\d.,]*):\s*<code>([0-9a-f]{64})<\/code>/.exec(body)?.slice(1, 3);
    const before = (await visitor.get('/api/audit/head')).json<{ lastId: number; hash: string }>();
    expect(before.hash).toMatch(/^[0-9a-f]{64}$/);
    const home = await visitor.get('/cong-khai');
    expect(footerHead(home.body)?.[1]).toBe(before.hash);
    expect(Number(footerHead(home.body)?.[0]?.replace(/\D/g, ''))).toBe(before.lastId);

    const review = await office.post(`/api/reports/${report.json<{ id: number }>().id}/review`, { decision: 'accept' });
    expect(review.statusCode, review.body).toBe(200);
    const after = (await visitor.get('/api/audit/head')).json<{ lastId: number; hash: string }>();
    expect(after.lastId).toBeGreaterThan(before.lastId);
    for (const url of [
      '/cong-khai',
      `/cong-khai/nhiem-vu/${w.task.id}`,
      `/cong-khai/co-quan/${w.leadBody.id}?lang=en`,
    ]) {
      const page = await visitor.get(url);
      expect(footerHead(page.body)?.[1], url).toBe(after.hash);
    }
  });
});
