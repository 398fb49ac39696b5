import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective, type TestDirective } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { addDays } from '../calendar/calendar.ts';
import { sql } from '../db/sql.ts';
import { computeDashboard } from './dashboard.queries.ts';
import type { DashboardResponse, TaskListFilter } from './dashboard.schemas.ts';

// Every figure of GET /api/dashboard is checked against a count written here in plain SQL, with the
// states spelled out as date comparisons (not task_timeliness), as the issue asks: numbers reconcile.

const AS_OF = '2025-09-15';
// Tasks went live long before AS_OF unless a test says otherwise: one without accepted reports is stale.
const WENT_LIVE_LONG_AGO = '2025-01-02 08:00';
const STATES = [
  'not_started',
  'in_progress_on_time',
  'in_progress_overdue',
  'done_on_time',
  'done_late',
  'continuous_with_results',
  'continuous_without_results',
] as const;
type State = (typeof STATES)[number];

/** The official split, written as explicit date comparisons on the day `asOf`. */
function stateCondition(state: State, asOf: string): string {
  const day = `date '${asOf}'`;
  const open = 't.completed_on IS NULL';
  const continuous = `t.due_date IS NULL AND t.deadline_kind IN ('continuous', 'recurring')`;
  const notYetDue = `(t.due_date >= ${day} OR (t.due_date IS NULL AND t.deadline_kind NOT IN ('continuous', 'recurring')))`;
  switch (state) {
    case 'done_on_time':
      return 't.completed_on IS NOT NULL AND (t.due_date IS NULL OR t.completed_on <= t.due_date)';
    case 'done_late':
      return 't.completed_on IS NOT NULL AND t.completed_on > t.due_date';
    case 'continuous_with_results':
      return `${open} AND ${continuous} AND t.last_accepted_report_at IS NOT NULL`;
    case 'continuous_without_results':
      return `${open} AND ${continuous} AND t.last_accepted_report_at IS NULL`;
    case 'in_progress_overdue':
      return `${open} AND t.due_date < ${day}`;
    case 'not_started':
      return `${open} AND ${notYetDue} AND t.last_accepted_report_at IS NULL`;
    case 'in_progress_on_time':
      return `${open} AND ${notYetDue} AND t.last_accepted_report_at IS NOT NULL`;
  }
}

/** Open, and nothing accepted since asOf − 30 days (00:00 in Vietnam); never reported → live since then. */
function staleCondition(asOf: string): string {
  const cutoff = `timestamptz '${addDays(asOf, -30)} 00:00:00+07'`;
  return `t.completed_on IS NULL AND (
    (t.last_accepted_report_at IS NOT NULL AND t.last_accepted_report_at < ${cutoff})
    OR (t.last_accepted_report_at IS NULL AND t.created_at < ${cutoff} AND (d.published_at IS NULL OR d.published_at < ${cutoff})))`;
}

/** Led by a body under `path` or by a group with a member under it. */
function ledUnder(path: string): string {
  return `EXISTS (SELECT 1 FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id
    WHERE ta.task_id = t.id AND ta.role = 'lead'
      AND (a.path <@ '${path}' OR EXISTS (SELECT 1 FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id
                                          WHERE gm.group_id = a.id AND m.path <@ '${path}')))`;
}

const ledBy = (agencyId: number) =>
  `EXISTS (SELECT 1 FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'lead' AND ta.agency_id = ${agencyId})`;

describe('GET /api/dashboard', () => {
  let t: TestContext;
  let ministry: TestAgency;
  let finance: TestAgency;
  let hanoi: TestAgency;
  let hanoiDost: TestAgency;
  let socSon: TestAgency;
  let dongAnh: TestAgency;
  let danang: TestAgency;
  let danangDost: TestAgency;
  let hoaVang: TestAgency;
  let communes: TestAgency;
  let central: TestDirective;
  let hanoiPlan: TestDirective;
  let socSonPlan: TestDirective;
  let draft: TestDirective;
  let admin: Client;
  let hanoiOffice: Client;
  let socSonFocal: Client;

  /** count(*) of published tasks matching the scope and the condition (plain SQL, written for the test). */
  async function direct(scope: string, condition = 'TRUE'): Promise<number> {
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM tasks t JOIN directives d ON d.id = t.directive_id
       WHERE d.status = 'published' AND (${scope}) AND (${condition})`,
    );
    return Number(row?.n);
  }

  async function dashboard(client: Client, query: string): Promise<DashboardResponse> {
    const res = await client.get(`/api/dashboard?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DashboardResponse>();
  }

  /**
   * Checks every figure of `res` against direct counts over the tasks matching `scope`. `rowsUnder`:
   * in an agency scope the per-body table lists only bodies of that subtree (and groups with members there).
   */
  async function reconcile(res: DashboardResponse, scope: string, asOf: string, rowsUnder?: string) {
    const day = `date '${asOf}'`;
    expect(res.asOf).toBe(asOf);
    expect(res.totals.total.count).toBe(await direct(scope));
    for (const state of STATES) {
      expect(res.totals.byState[state].count, state).toBe(await direct(scope, stateCondition(state, asOf)));
    }
    const done = await direct(scope, 't.completed_on IS NOT NULL');
    const onTime = await direct(scope, stateCondition('done_on_time', asOf));
    const withDeadline = await direct(
      scope,
      `NOT (t.completed_on IS NULL AND t.due_date IS NULL AND t.deadline_kind IN ('continuous', 'recurring'))`,
    );
    expect(res.rates.completion).toMatchObject({ numerator: done, denominator: withDeadline });
    expect(res.rates.completion.rate).toBe(withDeadline ? done / withDeadline : null);
    expect(res.rates.onTime).toMatchObject({ numerator: onTime, denominator: done, rate: done ? onTime / done : null });
    expect(res.rates.onTimeCompletion).toMatchObject({ numerator: onTime, denominator: withDeadline });

    const overdue = stateCondition('in_progress_overdue', asOf);
    expect(res.overdueAgeing.map((b) => b.count)).toEqual([
      await direct(scope, `${overdue} AND ${day} - t.due_date BETWEEN 1 AND 30`),
      await direct(scope, `${overdue} AND ${day} - t.due_date BETWEEN 31 AND 90`),
      await direct(scope, `${overdue} AND ${day} - t.due_date BETWEEN 91 AND 180`),
      await direct(scope, `${overdue} AND ${day} - t.due_date > 180`),
    ]);
    expect(res.dueSoon.count).toBe(
      await direct(
        scope,
        `t.completed_on IS NULL AND t.due_date >= ${day} AND t.due_date <= ${day} + ${res.dueSoonDays}`,
      ),
    );
    expect(res.stale.count).toBe(await direct(scope, staleCondition(asOf)));

    // Per-body table: every lead body of the scope's tasks, each row counted directly.
    const leadRows = await t.db.query<{ agency_id: number }>(
      `SELECT DISTINCT ta.agency_id FROM tasks t JOIN directives d ON d.id = t.directive_id
       JOIN task_assignments ta ON ta.task_id = t.id AND ta.role = 'lead'
       JOIN agencies a ON a.id = ta.agency_id
       WHERE d.status = 'published' AND (${scope}) AND (${rowsUnder ?? 'TRUE'})`,
    );
    expect(res.byAgency.total).toBe(leadRows.length);
    expect(res.byAgency.rows.map((r) => r.agency.id).sort()).toEqual(leadRows.map((r) => Number(r.agency_id)).sort());
    for (const row of res.byAgency.rows) {
      const body = `${scope}) AND (${ledBy(row.agency.id)}`;
      expect(row.total).toBe(await direct(body));
      for (const state of STATES) {
        expect(row.byState[state], `${row.agency.name} ${state}`).toBe(await direct(body, stateCondition(state, asOf)));
      }
      expect(row.overdue).toBe(row.byState.in_progress_overdue);
      expect(row.stale).toBe(await direct(body, staleCondition(asOf)));
    }
    // The ranking: on-time completion rate, then completion rate, then fewer overdue; ties share a rank.
    const key = (r: DashboardResponse['byAgency']['rows'][number]) =>
      [r.rates.onTimeCompletion.rate ?? -1, r.rates.completion.rate ?? -1, -r.overdue].join('|');
    const rows = res.byAgency.rows;
    rows.forEach((row, i) => {
      const better = rows.filter((other) => {
        const [a1, b1, c1] = [
          other.rates.onTimeCompletion.rate ?? -1,
          other.rates.completion.rate ?? -1,
          -other.overdue,
        ];
        const [a2, b2, c2] = [row.rates.onTimeCompletion.rate ?? -1, row.rates.completion.rate ?? -1, -row.overdue];
        return a1 > a2 || (a1 === a2 && (b1 > b2 || (b1 === b2 && c1 > c2)));
      }).length;
      expect(row.rank, row.agency.name).toBe(better + 1);
      if (i > 0) expect(rows[i - 1]!.rank).toBeLessThanOrEqual(row.rank);
      if (i > 0 && rows[i - 1]!.rank === row.rank) expect(key(rows[i - 1]!)).toBe(key(row));
    });

    // Provinces: the tasks led by a body of the province's subtree (or a group with a member there).
    expect(res.byProvince.map((p) => p.agency.id).sort()).toEqual([hanoi.id, danang.id].sort());
    for (const province of res.byProvince) {
      const path = province.agency.id === hanoi.id ? hanoi.path : danang.path;
      const body = `${scope}) AND (${ledUnder(path)}`;
      expect(province.total).toBe(await direct(body));
      for (const state of STATES) {
        expect(province.byState[state], `${province.agency.name} ${state}`).toBe(
          await direct(body, stateCondition(state, asOf)),
        );
      }
      expect(province.stale).toBe(await direct(body, staleCondition(asOf)));
    }

    // Monthly trend: the 12 months up to asOf's month.
    expect(res.monthlyTrend).toHaveLength(12);
    expect(res.monthlyTrend.at(-1)!.month).toBe(asOf.slice(0, 7));
    for (const m of res.monthlyTrend) {
      const end = m.monthEnd < asOf ? m.monthEnd : asOf;
      expect(m.judgedOn).toBe(end);
      const completedIn = `t.completed_on >= date '${m.monthStart}' AND t.completed_on <= date '${end}'`;
      expect(m.doneOnTime.count, m.month).toBe(
        await direct(scope, `${completedIn} AND (t.due_date IS NULL OR t.completed_on <= t.due_date)`),
      );
      expect(m.doneLate.count, m.month).toBe(await direct(scope, `${completedIn} AND t.completed_on > t.due_date`));
      expect(m.due.count, m.month).toBe(
        await direct(scope, `t.due_date >= date '${m.monthStart}' AND t.due_date <= date '${m.monthEnd}'`),
      );
      expect(m.openOverdue.count, m.month).toBe(
        await direct(
          scope,
          `t.due_date < date '${end}' AND (t.completed_on IS NULL OR t.completed_on > date '${end}')`,
        ),
      );
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    ministry = await makeAgency(db, { name: 'Bộ Khoa học và Công nghệ' });
    finance = await makeAgency(db, { name: 'Bộ Tài chính' });
    hanoi = await makeAgency(db, { name: 'Thành phố Hà Nội', level: 'province' });
    hanoiDost = await makeAgency(db, { name: 'Sở Khoa học và Công nghệ Hà Nội', parent: hanoi });
    socSon = await makeAgency(db, { name: 'UBND xã Sóc Sơn', level: 'commune', parent: hanoi });
    dongAnh = await makeAgency(db, { name: 'UBND xã Đông Anh', level: 'commune', parent: hanoi });
    danang = await makeAgency(db, { name: 'Thành phố Đà Nẵng', level: 'province' });
    danangDost = await makeAgency(db, { name: 'Sở Khoa học và Công nghệ Đà Nẵng', parent: danang });
    hoaVang = await makeAgency(db, { name: 'UBND xã Hòa Vang', level: 'commune', parent: danang });
    communes = await makeGroup(db, 'UBND cấp xã', [socSon, hoaVang]);

    central = await makeDirective(db, { number: '07-TB/CQTTBCĐ', level: 'central', programme: 'NQ57' });
    hanoiPlan = await makeDirective(db, { number: '15-KH/UBND', level: 'province', programme: 'NQ71', scope: hanoi });
    socSonPlan = await makeDirective(db, { number: '03-KH/UBND', level: 'commune', programme: 'NQ57', scope: socSon });
    draft = await makeDirective(db, { number: '99-TB/CQTTBCĐ', level: 'central', status: 'draft' });

    const task = (options: Omit<Parameters<typeof makeTask>[1], 'directive'>, directive = central) =>
      makeTask(db, { directive, createdAt: WENT_LIVE_LONG_AGO, ...options });
    const d = (days: number) => addDays(AS_OF, days);
    // Central notice: every state, the deadline edges and the ageing buckets' edges.
    await task({ lead: [ministry], dueDate: AS_OF }); // due today: still on time, not started
    await task({ lead: [ministry], dueDate: d(-1), lastAcceptedReportAt: `${d(-20)} 09:00` }); // 1 day overdue
    await task({ lead: [ministry], dueDate: d(-30), coordinating: [finance] }); // 30 days
    await task({ lead: [finance], dueDate: d(-31) }); // 31 days
    await task({ lead: [finance], dueDate: d(-90), lastAcceptedReportAt: `${d(-30)} 10:00` }); // 90; report on the stale edge
    await task({ lead: [finance], dueDate: d(-91), lastAcceptedReportAt: `${d(-31)} 23:30` }); // 91; report a day too old
    await task({ lead: [ministry], dueDate: d(-180) });
    await task({ lead: [ministry], dueDate: d(-181) });
    await task({
      lead: [ministry],
      dueDate: '2025-08-31',
      completedOn: '2025-08-30',
      lastAcceptedReportAt: '2025-08-30 15:00',
    });
    await task({
      lead: [finance],
      dueDate: '2025-07-31',
      completedOn: '2025-08-10',
      lastAcceptedReportAt: '2025-08-10 15:00',
    });
    await task({ lead: [ministry, finance], dueDate: '2025-12-31', lastAcceptedReportAt: `${d(-2)} 08:00` });
    await task({ lead: [ministry], deadlineKind: 'continuous', lastAcceptedReportAt: '2025-09-01 10:00' });
    await task({ lead: [finance], deadlineKind: 'continuous' });
    await task({ lead: [ministry], deadlineKind: 'recurring', createdAt: `${d(-10)} 08:00` }); // new: not stale
    await task({ lead: [ministry], deadlineKind: 'recurring', dueDate: d(5) }); // recurring with a date
    await task({ lead: [finance], dueDate: d(7) }); // last day of "due soon"
    await task({ lead: [finance], dueDate: d(8) }); // one day past the window
    await task({ lead: [communes], dueDate: '2025-10-31' }); // a named group leads
    await task({ lead: [hanoiDost], deadlineKind: 'event' });
    await task({ lead: [danangDost], dueDate: '2025-03-31', coordinating: [hanoiDost] });
    await task({ lead: [hoaVang], dueDate: d(3), lastAcceptedReportAt: `${d(-1)} 08:00` });
    await task({ lead: [socSon, hoaVang], dueDate: '2025-04-30', completedOn: '2025-04-29' });
    await task({ lead: [ministry], dueDate: '2024-10-31', completedOn: '2024-12-15' }); // before the trend window
    await task({ lead: [finance], dueDate: '2024-11-30', completedOn: '2025-01-10' }); // late, into the window
    // Hà Nội's plan (province level, NQ71).
    await task({ lead: [hanoiDost], dueDate: '2025-06-30', completedOn: '2025-06-20' }, hanoiPlan);
    await task({ lead: [socSon], dueDate: '2025-08-15' }, hanoiPlan);
    await task({ lead: [dongAnh], dueDate: '2025-09-30', lastAcceptedReportAt: `${d(-3)} 08:00` }, hanoiPlan);
    await task({ lead: [hanoiDost, socSon], dueDate: '2025-05-31', completedOn: '2025-06-15' }, hanoiPlan);
    await task({ lead: [dongAnh], deadlineKind: 'continuous', coordinating: [finance] }, hanoiPlan);
    // Sóc Sơn's own plan (commune level).
    await task({ lead: [socSon], dueDate: '2025-09-10', completedOn: '2025-09-12' }, socSonPlan);
    await task({ lead: [socSon], dueDate: '2025-10-15', createdAt: `${d(-29)} 08:00` }, socSonPlan);
    // A draft: never counted, whoever asks.
    await task({ lead: [ministry], dueDate: '2025-09-01' }, draft);
    await task({ lead: [socSon], dueDate: '2025-09-01' }, draft);

    admin = await loginAs(t.app, await makeUser(db, { role: 'admin', agency: ministry }));
    hanoiOffice = await loginAs(t.app, await makeUser(db, { role: 'office', agency: hanoiDost, scope: hanoi }));
    socSonFocal = await loginAs(t.app, await makeUser(db, { role: 'focal', agency: socSon }));
  });
  afterAll(() => t.close());

  it('national scope: every figure equals a direct count of published tasks', async () => {
    const res = await dashboard(admin, `asOf=${AS_OF}`);
    expect(res.scope.kind).toBe('nation');
    expect(res.totals.total.count).toBe(31); // 33 made, 2 in the draft
    await reconcile(res, 'TRUE', AS_OF);
  });

  it('the public (no login) sees the same published figures, drafts excluded', async () => {
    const res = await dashboard(anonymous(t.app), `asOf=${AS_OF}`);
    await reconcile(res, 'TRUE', AS_OF);
    const withDrafts = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM tasks');
    expect(Number(withDrafts[0]?.n)).toBe(res.totals.total.count + 2);
  });

  it('scopes change the figures exactly as direct counts do', async () => {
    await reconcile(
      await dashboard(admin, `scope=agency&agencyId=${hanoi.id}&asOf=${AS_OF}`),
      ledUnder(hanoi.path),
      AS_OF,
      `a.path <@ '${hanoi.path}' OR a.id = ${communes.id}`,
    );
    await reconcile(
      await dashboard(admin, `scope=agency&agencyId=${socSon.id}&asOf=${AS_OF}`),
      ledUnder(socSon.path),
      AS_OF,
      `a.id IN (${socSon.id}, ${communes.id})`,
    );
    await reconcile(await dashboard(admin, `scope=level&level=province&asOf=${AS_OF}`), `d.level = 'province'`, AS_OF);
    await reconcile(
      await dashboard(admin, `scope=directive&directiveId=${hanoiPlan.id}&asOf=${AS_OF}`),
      `t.directive_id = ${hanoiPlan.id}`,
      AS_OF,
    );
    await reconcile(
      await dashboard(admin, `scope=programme&programmeCode=NQ57&asOf=${AS_OF}`),
      `d.programme_code = 'NQ57'`,
      AS_OF,
    );
    // Parameters combine: Hà Nội's tasks within NQ57.
    await reconcile(
      await dashboard(admin, `scope=agency&agencyId=${hanoi.id}&programmeCode=NQ57&asOf=${AS_OF}`),
      `${ledUnder(hanoi.path)} AND d.programme_code = 'NQ57'`,
      AS_OF,
      `a.path <@ '${hanoi.path}' OR a.id = ${communes.id}`,
    );
  });

  it("a province's office sees its province; another province's body is not there (404)", async () => {
    const own = await dashboard(hanoiOffice, `asOf=${AS_OF}`);
    const hanoiVisible = `(d.scope_agency_id IN (SELECT id FROM agencies WHERE path <@ '${hanoi.path}')
      OR EXISTS (SELECT 1 FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.task_id = t.id
        AND (a.path <@ '${hanoi.path}' OR EXISTS (SELECT 1 FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id
                                                   WHERE gm.group_id = a.id AND m.path <@ '${hanoi.path}'))))`;
    await reconcile(own, hanoiVisible, AS_OF);
    expect(own.totals.total.count).toBeLessThan(31);

    const commune = await dashboard(hanoiOffice, `scope=agency&agencyId=${socSon.id}&asOf=${AS_OF}`);
    expect(commune.totals.total.count).toBe(await direct(`${hanoiVisible} AND ${ledUnder(socSon.path)}`));

    const other = await hanoiOffice.get(`/api/dashboard?scope=agency&agencyId=${danang.id}&asOf=${AS_OF}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual({ code: 'NOT_FOUND', params: { entity: 'agency', id: danang.id } });
    const missing = await admin.get('/api/dashboard?scope=agency&agencyId=987654321');
    expect(missing.statusCode).toBe(404);
  });

  it("a commune's focal point sees the tasks assigned to its commune", async () => {
    const res = await dashboard(socSonFocal, `asOf=${AS_OF}`);
    await reconcile(res, ledUnder(socSon.path).replace(" AND ta.role = 'lead'", ''), AS_OF);
  });

  it('judges deadlines at their edges: due today is on time, due yesterday is 1 day overdue', async () => {
    const edges = await makeDirective(t.db, { number: '01-TB/BIEN', level: 'central', programme: null });
    for (const days of [0, -1, -30, -31, -90, -91, -180, -181]) {
      await makeTask(t.db, {
        directive: edges,
        lead: [ministry],
        dueDate: addDays(AS_OF, days),
        createdAt: WENT_LIVE_LONG_AGO,
      });
    }
    const at = async (asOf: string) =>
      dashboard(admin, `scope=directive&directiveId=${edges.id}&asOf=${asOf}&dueSoonDays=0`);
    const res = await at(AS_OF);
    expect(res.totals.byState.not_started.count).toBe(1);
    expect(res.totals.byState.in_progress_overdue.count).toBe(7);
    expect(res.overdueAgeing.map((b) => [b.fromDays, b.toDays, b.count])).toEqual([
      [1, 30, 2],
      [31, 90, 2],
      [91, 180, 2],
      [181, null, 1],
    ]);
    expect(res.dueSoon.count).toBe(1); // dueSoonDays=0: only the task due today
    // One day earlier every task moves one day back: 0 and −1 are on time, −30 sits in the first bucket…
    const before = await at(addDays(AS_OF, -1));
    expect(before.totals.byState.not_started.count).toBe(2);
    expect(before.overdueAgeing.map((b) => b.count)).toEqual([2, 2, 2, 0]);
    await reconcile(before, `t.directive_id = ${edges.id}`, addDays(AS_OF, -1));
    // The bucket filters list exactly those tasks: due between asOf − 30 and asOf − 1.
    expect(res.overdueAgeing[0]!.filter).toEqual({
      directiveId: edges.id,
      timeliness: ['in_progress_overdue'],
      dueFrom: addDays(AS_OF, -30),
      dueTo: addDays(AS_OF, -1),
      asOf: AS_OF,
    });
    expect(res.overdueAgeing[3]!.filter).toEqual({
      directiveId: edges.id,
      timeliness: ['in_progress_overdue'],
      dueTo: addDays(AS_OF, -181),
      asOf: AS_OF,
    });
  });

  it('gives each figure a task-list filter of the same scope', async () => {
    const res = await dashboard(admin, `scope=agency&agencyId=${hanoi.id}&asOf=${AS_OF}`);
    const scope = { agencyId: hanoi.id, subtree: true, role: 'lead', asOf: AS_OF };
    expect(res.totals.total.filter).toEqual(scope);
    expect(res.totals.byState.done_late.filter).toEqual({ ...scope, timeliness: ['done_late'] });
    expect(res.rates.completion.filter).toEqual({ ...scope, timeliness: ['done_on_time', 'done_late'] });
    expect(res.dueSoon.filter).toEqual({
      ...scope,
      timeliness: ['not_started', 'in_progress_on_time'],
      dueFrom: AS_OF,
      dueTo: addDays(AS_OF, 7),
    });
    expect(res.stale.filter).toEqual({ ...scope, staleOnly: true });
    const row = res.byAgency.rows.find((r) => r.agency.id === socSon.id);
    expect(row?.filter).toEqual({ agencyId: socSon.id, subtree: false, role: 'lead', directOnly: true, asOf: AS_OF });
    const province = res.byProvince.find((p) => p.agency.id === danang.id);
    expect(province?.filter).toEqual({ agencyId: danang.id, subtree: true, role: 'lead', asOf: AS_OF });
    expect(res.monthlyTrend.at(-1)?.due.filter).toEqual({ ...scope, dueFrom: '2025-09-01', dueTo: '2025-09-30' });
  });

  it('opens, from every figure, a task list of exactly that many tasks; drafts only when asked for', async () => {
    /** Every figure with a filter, as [what it is, its count, its filter]. */
    const figures = (res: DashboardResponse): [string, number, TaskListFilter][] => {
      const all: [string, number, TaskListFilter | null][] = [
        ['total', res.totals.total.count, res.totals.total.filter],
        ...STATES.map((s): [string, number, TaskListFilter] => [
          s,
          res.totals.byState[s].count,
          res.totals.byState[s].filter,
        ]),
        ...res.overdueAgeing.map((b, i): [string, number, TaskListFilter] => [`ageing ${i}`, b.count, b.filter]),
        ['due soon', res.dueSoon.count, res.dueSoon.filter],
        ['stale', res.stale.count, res.stale.filter],
        ...Object.entries(res.rates).flatMap(([name, r]): [string, number, TaskListFilter][] => [
          [`${name} numerator`, r.numerator, r.filter],
          [`${name} denominator`, r.denominator, r.denominatorFilter],
        ]),
        ...res.byAgency.rows.map((r): [string, number, TaskListFilter] => [r.agency.name, r.total, r.filter]),
        // Inside a province or a commune the page shows no province table (its rows would be zeros).
        ...(res.scope.agency ? [] : res.byProvince).map((r): [string, number, TaskListFilter] => [
          r.agency.name,
          r.total,
          r.filter,
        ]),
        ...res.monthlyTrend.flatMap((m): [string, number, TaskListFilter | null][] => [
          [`${m.month} due`, m.due.count, m.due.filter],
          [`${m.month} open overdue`, m.openOverdue.count, m.openOverdue.filter],
        ]),
      ];
      return all.filter((f): f is [string, number, TaskListFilter] => f[2] !== null);
    };
    /** The task list's address for a filter, as the web app writes it (lists joined by commas). */
    const listQuery = (filter: TaskListFilter) =>
      new URLSearchParams(
        Object.entries(filter).map(([key, value]): [string, string] => [
          key,
          Array.isArray(value) ? value.join(',') : String(value),
        ]),
      ).toString();
    const totalOf = async (client: Client, query: string) => {
      const res = await client.get(`/api/tasks?${query}&limit=1`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number }>().total;
    };

    for (const [client, query] of [
      [admin, `asOf=${AS_OF}`],
      [admin, `scope=agency&agencyId=${socSon.id}&asOf=${AS_OF}`],
      [hanoiOffice, `asOf=${AS_OF}`],
    ] as const) {
      const res = await dashboard(client, query);
      const opened = [];
      for (const [name, count, filter] of figures(res))
        opened.push([name, await totalOf(client, listQuery(filter)), count]);
      expect(
        opened.filter(([, listed, count]) => listed !== count),
        query,
      ).toEqual([]);
    }
    // The draft's two tasks come only with the draft filter, and say they are a draft's.
    const drafts = await admin.get(`/api/tasks?status=draft&asOf=${AS_OF}`);
    expect(drafts.json().items.map((task: { directive: { id: number; status: string } }) => task.directive)).toEqual([
      expect.objectContaining({ id: draft.id, status: 'draft' }),
      expect.objectContaining({ id: draft.id, status: 'draft' }),
    ]);
    // Another office's draft is not the province office's to see, even where it names one of its communes.
    expect((await hanoiOffice.get(`/api/tasks?status=draft&asOf=${AS_OF}`)).json().total).toBe(0);
  });

  it('computes the same figures as one statement or as its two parts sent at once', async () => {
    for (const asOf of [AS_OF, '2025-06-30']) {
      const options = { leadWithinPath: hanoi.path };
      const scope = sql`t.id IN (SELECT task_id FROM task_assignments ta JOIN agencies a ON a.id = ta.agency_id
                                 WHERE ta.role = 'lead' AND (a.path <@ ${hanoi.path}::ltree OR a.id = ${communes.id}))`;
      const single = await computeDashboard(t.db, scope, asOf, { ...options, strategy: 'single' });
      const parallel = await computeDashboard(t.db, scope, asOf, { ...options, strategy: 'parallel' });
      expect(parallel).toEqual(single);
      expect(single.totals.total).toBeGreaterThan(0);
    }
  });

  it('is documented in the OpenAPI document', async () => {
    const res = await anonymous(t.app).get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const operation = res.json().paths['/api/dashboard'].get;
    expect(operation.tags).toEqual(['dashboard']);
    expect(operation.parameters.map((p: { name: string }) => p.name)).toContain('agencyId');
  });

  it('refuses a scope without its parameter, and unknown directives or programmes', async () => {
    const res = await admin.get('/api/dashboard?scope=agency');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/dashboard?asOf=2025-02-30')).statusCode).toBe(400);
    expect((await admin.get('/api/dashboard?dueSoonDays=-1')).statusCode).toBe(400);
    expect((await admin.get(`/api/dashboard?scope=directive&directiveId=${draft.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/dashboard?scope=programme&programmeCode=NQ99')).statusCode).toBe(404);
  });
});
