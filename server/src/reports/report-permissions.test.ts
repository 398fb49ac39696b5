import { describe, expect, it } from 'vitest';
import { DECIDED_BY_MANAGING_OFFICE, PROGRESS_ROLES, useProgressWorld } from '../../test/factories/reports.ts';
import { describeRoutesByRole } from '../../test/route-matrix.ts';
import { sql } from '../db/sql.ts';

// Every write route of reports × every role: who may, who is refused, and how (401 not signed in,
// 404 cannot see it, 403 can see it but may not do it).
describe('report write routes × roles', () => {
  const world = useProgressWorld();

  const leadDraft = () => world.leadReport();

  // A draft is seen by its own body only, so every other role gets 404.
  const onlyTheDraftingBody = {
    admin: 404,
    office: 404,
    otherOffice: 404,
    leadFocal: 200,
    coordinatingFocal: 404,
    unrelatedFocal: 404,
    head: 200,
    inspector: 404,
    public: 401,
  };

  describeRoutesByRole(PROGRESS_ROLES, world.as, {
    'POST /api/tasks/:id/reports': {
      expected: {
        admin: 403,
        office: 403,
        otherOffice: 404,
        leadFocal: 201,
        coordinatingFocal: 201,
        unrelatedFocal: 404,
        head: 201,
        inspector: 403,
        public: 401,
      },
      attempt: (c) =>
        c.post(`/api/tasks/${world.w.task.id}/reports`, { percent: 30, narrative: 'Đã ban hành kế hoạch triển khai.' }),
    },
    'PATCH /api/reports/:id': {
      expected: onlyTheDraftingBody,
      attempt: async (c) => {
        const report = await leadDraft();
        return c.patch(`/api/reports/${report.id}`, { version: report.version, percent: 40 });
      },
    },
    'POST /api/reports/:id/submit': {
      expected: onlyTheDraftingBody,
      attempt: async (c) => c.post(`/api/reports/${(await leadDraft()).id}/submit`),
    },
    'POST /api/reports/:id/review': {
      expected: DECIDED_BY_MANAGING_OFFICE,
      attempt: async (c) => {
        const report = await world.leadReport({
          state: 'submitted',
        });
        return c.post(`/api/reports/${report.id}/review`, { decision: 'accept' });
      },
    },
  });

  it('a body that can see a submitted report of another body still may not change it', async () => {
    const report = await world.leadReport({
      state: 'returned',
    });
    const res = await world.as('coordinatingFocal').patch(`/api/reports/${report.id}`, {
      version: report.version,
      percent: 90,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'REPORT_NOT_OWN_BODY' });
    const [row] = await world.t.db.query<{ percent: number }>(
      sql`SELECT percent FROM progress_reports WHERE id = ${report.id}`,
    );
    expect(row!.percent).toBe(50);
  });
});
