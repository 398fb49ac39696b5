import { describe, expect, it } from 'vitest';
import { DECIDED_BY_MANAGING_OFFICE, PROGRESS_ROLES, useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { describeRoutesByRole } from '../../test/route-matrix.ts';
import { sql } from '../db/sql.ts';

// Every write route of deadline extensions × every role: who may, who is refused, and how (401 not
// signed in, 404 cannot see it, 403 can see it but may not do it).
describe('extension write routes × roles', () => {
  const world = useProgressWorld();

  const newTask = () =>
    makeTask(world.t.db, {
      directive: world.w.directive,
      lead: [world.w.leadBody],
      coordinating: [world.w.coordinatingBody],
      dueDate: '2025-09-30',
    });

  describeRoutesByRole(PROGRESS_ROLES, world.as, {
    'POST /api/tasks/:id/extensions': {
      expected: {
        admin: 403,
        office: 403,
        otherOffice: 404,
        leadFocal: 201,
        coordinatingFocal: 403,
        unrelatedFocal: 404,
        head: 201,
        inspector: 403,
        public: 401,
      },
      attempt: async (c) =>
        c.post(`/api/tasks/${(await newTask()).id}/extensions`, {
          requestedDue: '2025-12-31',
          reason: 'Chờ bố trí kinh phí năm 2026',
        }),
    },
    'POST /api/extensions/:id/decide': {
      expected: DECIDED_BY_MANAGING_OFFICE,
      attempt: async (c) => {
        const task = await newTask();
        const [extension] = await world.t.db.query<{ id: number }>(sql`
          INSERT INTO deadline_extensions (task_id, agency_id, requested_by, current_due, requested_due, reason)
          VALUES (${task.id}, ${world.w.leadBody.id}, ${world.w.users.leadFocal.id}, '2025-09-30', '2025-12-31', 'Chờ kinh phí')
          RETURNING id`);
        return c.post(`/api/extensions/${extension!.id}/decide`, { decision: 'accept' });
      },
    },
  });

  it('a coordinating body is told it is not the lead when asking for more time', async () => {
    const res = await world.as('coordinatingFocal').post(`/api/tasks/${(await newTask()).id}/extensions`, {
      requestedDue: '2025-12-31',
      reason: 'Xin thêm thời gian',
    });
    expect(res.json()).toMatchObject({ code: 'PROGRESS_BODY_NOT_LEAD' });
  });
});
