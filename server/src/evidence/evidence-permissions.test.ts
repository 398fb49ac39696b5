import { describe } from 'vitest';
import { multipart } from '../../test/app.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { PROGRESS_ROLES, useProgressWorld } from '../../test/factories/reports.ts';
import { describeRoutesByRole } from '../../test/route-matrix.ts';
import { sql } from '../db/sql.ts';

// Every write route of evidence × every role: only the report's own body (its focal point or head)
// changes a draft's evidence; everyone else cannot see the draft (404), or is not signed in (401).
describe('evidence write routes × roles', () => {
  const world = useProgressWorld();

  const leadDraft = () => world.leadReport();
  const ownBodyOnly = (status: number) => ({
    admin: 404,
    office: 404,
    otherOffice: 404,
    leadFocal: status,
    coordinatingFocal: 404,
    unrelatedFocal: 404,
    head: status,
    inspector: 404,
    public: 401,
  });

  describeRoutesByRole(PROGRESS_ROLES, world.as, {
    'POST /api/reports/:id/evidence': {
      expected: ownBodyOnly(201),
      attempt: async (c) => {
        const report = await leadDraft();
        const body = multipart([{ filename: 'bao-cao.pdf', bytes: samplePdf() }]);
        return c.request({ method: 'POST', url: `/api/reports/${report.id}/evidence`, ...body });
      },
    },
    'POST /api/reports/:id/links': {
      expected: ownBodyOnly(201),
      attempt: async (c) =>
        c.post(`/api/reports/${(await leadDraft()).id}/links`, {
          url: 'https://hanoi.gov.vn/ke-hoach-chuyen-doi-so',
          title: 'Cổng thông tin',
        }),
    },
    'DELETE /api/evidence/:id': {
      expected: ownBodyOnly(204),
      attempt: async (c) => {
        const report = await leadDraft();
        const [evidence] = await world.t.db.query<{ id: number }>(sql`
          INSERT INTO evidence (report_id, kind, url, title) VALUES (${report.id}, 'link', 'https://hanoi.gov.vn', 'Trang')
          RETURNING id`);
        return c.delete(`/api/evidence/${evidence!.id}`);
      },
    },
  });
});
