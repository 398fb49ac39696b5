import type { AgencyLevel } from '@giamsat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective, type TestDirective } from '../../test/factories/directives.ts';
import { makeTask, type TestTask } from '../../test/factories/tasks.ts';
import { mergeAgency } from '../agencies/agency.service.ts';
import { SYSTEM } from '../auth/actor.ts';
import { addDays, vietnamDate } from '../calendar/calendar.ts';
import { type Sql, sql } from '../db/sql.ts';
import { computeDashboard, type DashboardFigures, type TallyFilter } from './dashboard.queries.ts';
import type { DashboardResponse } from './dashboard.schemas.ts';
import { compactTallyDay } from './dashboard.tally.ts';

// The day's tally (server/db/functions/dashboard_tally*.sql) must give exactly the figures of judging every task that day, and
// stay so through every kind of write, without being rebuilt: each check below compares the two.

const DAY = '2025-09-15';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('the dashboard tally', () => {
  let t: TestContext;
  let ministry: TestAgency;
  let hanoi: TestAgency;
  let hanoiDost: TestAgency;
  let socSon: TestAgency;
  let danang: TestAgency;
  let hoaVang: TestAgency;
  let communes: TestAgency;
  let central: TestDirective;
  let hanoiPlan: TestDirective;
  let communePlan: TestDirective;
  let draft: TestDirective;
  const tasks: TestTask[] = [];
  let admin: Client;

  const FILTERS: TallyFilter[] = [
    { level: null, programmeCode: null },
    { level: 'province', programmeCode: null },
    { level: null, programmeCode: 'NQ57' },
    { level: 'central', programmeCode: 'NQ71' },
  ];

  function scopeOf(filter: TallyFilter): Sql {
    return sql.and([
      filter.level ? sql`d.level = ${filter.level}` : sql`TRUE`,
      filter.programmeCode ? sql`d.programme_code = ${filter.programmeCode}` : sql`TRUE`,
    ]);
  }

  async function builtAt(): Promise<string | null> {
    const [row] = await t.db.query<{ built_at: Date }>(
      sql`SELECT built_at FROM dashboard_days WHERE day = ${DAY}::date`,
    );
    return row ? row.built_at.toISOString() : null;
  }

  /** The tally's figures equal the task-by-task ones, for every filter and the 7-day and 30-day windows. */
  async function expectTallyTrue(): Promise<DashboardFigures> {
    let nation: DashboardFigures | undefined;
    for (const filter of FILTERS) {
      for (const dueSoonDays of [7, 30]) {
        const options = { dueSoonDays, byAgencyLimit: 1000 };
        const judged = await computeDashboard(t.db, scopeOf(filter), DAY, options);
        const tallied = await computeDashboard(t.db, scopeOf(filter), DAY, { ...options, tally: filter });
        expect(tallied, JSON.stringify(filter)).toEqual(judged);
        nation ??= tallied;
      }
    }
    return nation!;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    ministry = await makeAgency(db, { name: 'Bộ Khoa học và Công nghệ' });
    hanoi = await makeAgency(db, { name: 'Thành phố Hà Nội', level: 'province' });
    hanoiDost = await makeAgency(db, { name: 'Sở Khoa học và Công nghệ', parent: hanoi });
    socSon = await makeAgency(db, { name: 'UBND xã Sóc Sơn', level: 'commune', parent: hanoi });
    danang = await makeAgency(db, { name: 'Thành phố Đà Nẵng', level: 'province' });
    hoaVang = await makeAgency(db, { name: 'UBND xã Hòa Vang', level: 'commune', parent: danang });
    communes = await makeGroup(db, 'UBND cấp xã', [socSon, hoaVang]);
    central = await makeDirective(db, { level: 'central', programme: 'NQ57' });
    const central71 = await makeDirective(db, { level: 'central', programme: 'NQ71' });
    hanoiPlan = await makeDirective(db, { level: 'province', scope: hanoi, programme: 'NQ57' });
    communePlan = await makeDirective(db, { level: 'commune', scope: socSon, programme: null });
    draft = await makeDirective(db, { level: 'province', scope: danang, status: 'draft' });
    const admins = await makeUser(db, { role: 'admin', agency: ministry });
    admin = await loginAs(t.app, admins);
    // Some bodies can report (a focal point or head acts for them; the communes' group through Sóc Sơn),
    // so "no one to report" counts a part of the open tasks.
    await makeUser(db, { role: 'focal', agency: hanoiDost });
    await makeUser(db, { role: 'head', agency: socSon });

    // Tasks spread over every state, the stale rule's edge, the trend window and the due-soon windows.
    const next = random(57);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const leadSets = [
      [ministry],
      [hanoiDost],
      [socSon],
      [hoaVang],
      [communes],
      [hanoiDost, socSon],
      [hanoi, danang],
      [],
    ];
    for (let i = 0; i < 120; i++) {
      const kind = pick(['date', 'date', 'date', 'continuous', 'recurring', 'event', 'none'] as const);
      const dueDate =
        kind === 'date' || (kind === 'recurring' && next() < 0.3) ? addDays(DAY, Math.floor(next() * 800) - 500) : null;
      const done = next() < 0.35;
      const completedOn = done ? addDays(DAY, -Math.floor(next() * 400)) : null;
      const reported = done || next() < 0.5;
      tasks.push(
        await makeTask(db, {
          directive: pick([central, central71, hanoiPlan, communePlan, draft]),
          lead: pick(leadSets),
          coordinating: next() < 0.3 ? [danang] : [],
          deadlineKind: kind,
          dueDate,
          completedOn,
          lastAcceptedReportAt: reported
            ? `${addDays(DAY, -Math.floor(next() * 90))} ${pick(['00:00', '08:30', '23:59'])}`
            : null,
          createdAt: `${addDays(DAY, -Math.floor(next() * 120))} 10:00`,
        }),
      );
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives the figures of judging each task, for the whole nation, a level and a programme', async () => {
    const nation = await expectTallyTrue();
    expect(nation.totals.total).toBeGreaterThan(50);
    expect(nation.byProvince.find((p) => p.agencyId === hanoi.id)?.total).toBeGreaterThan(0);
    expect(await builtAt()).not.toBeNull();
  });

  it('stays true through deadlines moved, reports accepted, tasks added and deleted — without being rebuilt', async () => {
    const built = await builtAt();
    const db = t.db;
    const [a, b, c, d] = tasks.filter((task) => task.directiveId !== draft.id);
    // an extension moves the deadline past the day: overdue → on time
    await db.query(sql`UPDATE tasks SET due_date = ${addDays(DAY, 20)}::date WHERE id = ${a!.id}`);
    // an accepted 100% report completes a task and refreshes its "last accepted report"
    await db.query(sql`UPDATE tasks SET completed_on = ${DAY}::date, progress_percent = 100,
                         last_accepted_report_at = now() WHERE id = ${b!.id}`);
    // a change the dashboard does not read (the text) leaves everything as it was
    await db.query(sql`UPDATE tasks SET text = 'Nội dung đã sửa' WHERE id = ${c!.id}`);
    await db.query(sql`DELETE FROM tasks WHERE id = ${d!.id}`);
    await makeTask(db, {
      directive: hanoiPlan,
      lead: [socSon, hoaVang],
      dueDate: addDays(DAY, 3),
      createdAt: '2025-01-02 08:00',
    });
    await makeTask(db, { directive: central, lead: [ministry], deadlineKind: 'continuous' });
    // several rows in one statement
    await db.query(
      sql`UPDATE tasks SET due_date = due_date - 10 WHERE directive_id = ${hanoiPlan.id} AND due_date IS NOT NULL`,
    );
    await expectTallyTrue();
    expect(await builtAt()).toBe(built);
  });

  it('follows lead bodies added, removed and moved, and a body merged into its successor', async () => {
    const built = await builtAt();
    const db = t.db;
    const open = tasks.filter((task) => task.directiveId === central.id).slice(0, 6);
    await db.query(sql`INSERT INTO task_assignments (task_id, agency_id, role) VALUES (${open[0]!.id}, ${hoaVang.id}, 'lead')
                       ON CONFLICT DO NOTHING`);
    await db.query(sql`DELETE FROM task_assignments WHERE task_id = ${open[1]!.id} AND role = 'lead'`);
    await db.query(
      sql`UPDATE task_assignments SET role = 'lead' WHERE task_id = ${open[2]!.id} AND role = 'coordinating'`,
    );
    await db.query(sql`UPDATE task_assignments SET agency_id = ${danang.id}
                       WHERE task_id = ${open[3]!.id} AND role = 'lead' AND agency_id <> ${danang.id}`);
    await expectTallyTrue();
    expect(await builtAt()).toBe(built);

    // Sóc Sơn merges into Hà Nội's department: its open tasks follow the successor.
    await mergeAgency(db, SYSTEM, socSon.id, {
      successorId: hanoiDost.id,
      mergedOn: DAY,
      reason: 'Sắp xếp đơn vị hành chính',
    });
    await expectTallyTrue();
  });

  it('moves a directive’s tasks when it is published or changes level or programme', async () => {
    const built = await builtAt();
    const db = t.db;
    await db.query(sql`UPDATE directives SET status = 'published', published_at = now() WHERE id = ${draft.id}`);
    await db.query(sql`UPDATE directives SET programme_code = 'NQ71' WHERE id = ${hanoiPlan.id}`);
    await db.query(sql`UPDATE directives SET level = 'province' WHERE id = ${communePlan.id}`);
    await expectTallyTrue();
    expect(await builtAt()).toBe(built);
    await db.query(sql`UPDATE directives SET status = 'draft' WHERE id = ${draft.id}`);
    await expectTallyTrue();
  });

  it('counts the open tasks no one can report on as accounts come and go — without being rebuilt', async () => {
    const built = await builtAt();
    const before = await expectTallyTrue();
    expect(before.withoutReporter).toBeGreaterThan(0);
    const focal = await makeUser(t.db, { role: 'focal', agency: ministry });
    expect((await expectTallyTrue()).withoutReporter).toBeLessThan(before.withoutReporter);
    await t.db.query(sql`UPDATE users SET is_active = false WHERE id = ${focal.id}`);
    expect((await expectTallyTrue()).withoutReporter).toBe(before.withoutReporter);
    expect(await builtAt()).toBe(built);
  });

  it('folds the corrections back into one row per key, and the figures stay the same', async () => {
    const rows = async () => {
      const [row] = await t.db.query<{ n: number }>(sql`
        SELECT (SELECT count(*) FROM dashboard_tally_tasks) + (SELECT count(*) FROM dashboard_tally_bodies)
             + (SELECT count(*) FROM dashboard_tally_provinces) + (SELECT count(*) FROM dashboard_tally_leads) AS n`);
      return Number(row?.n);
    };
    const before = await rows();
    expect(await compactTallyDay(t.db, DAY)).toBe(before - (await rows()));
    expect(await rows()).toBeLessThan(before);
    await expectTallyTrue();
    expect(await compactTallyDay(t.db, DAY)).toBe(0);
  });

  it('counts afresh when a directive is deleted with its tasks or a body moves in the tree', async () => {
    const db = t.db;
    await db.query(sql`DELETE FROM directives WHERE id = ${communePlan.id}`);
    expect(await builtAt()).toBeNull();
    await expectTallyTrue();
    const built = await builtAt();
    expect(built).not.toBeNull();
    await db.query(sql`UPDATE agencies SET parent_id = ${danang.id}, path = ${`${danang.path}.${hanoiDost.id}`}::ltree
                       WHERE id = ${hanoiDost.id}`);
    expect(await builtAt()).toBeNull();
    await expectTallyTrue();
  });

  it('builds one tally per day even when two requests race for it, and forgets the days before', async () => {
    const filter: TallyFilter = { level: null, programmeCode: null };
    const [first, second] = await Promise.all([
      computeDashboard(t.db, sql`TRUE`, addDays(DAY, 1), { tally: filter }),
      computeDashboard(t.db, sql`TRUE`, addDays(DAY, 1), { tally: filter }),
    ]);
    expect(second).toEqual(first);
    const days = await t.db.query<{ day: string }>(sql`SELECT day::text AS day FROM dashboard_days ORDER BY day`);
    expect(days.map((row) => row.day)).toEqual([addDays(DAY, 1)]);
  });

  it('serves today’s national dashboard from the tally, and a report accepted through the API shows at once', async () => {
    const today = vietnamDate();
    const level: AgencyLevel = 'central';
    const task = await makeTask(t.db, { directive: central, lead: [ministry], dueDate: addDays(today, 10) });
    const before = (await admin.get(`/api/dashboard?scope=level&level=${level}`)).json<DashboardResponse>();
    const days = await t.db.query<{ day: string }>(sql`SELECT day::text AS day FROM dashboard_days`);
    expect(days.map((row) => row.day)).toContain(today);

    const focal = await loginAs(t.app, await makeUser(t.db, { role: 'focal', agency: ministry }));
    const report = await focal.post(`/api/tasks/${task.id}/reports`, {
      percent: 100,
      narrative: 'Đã hoàn thành, báo cáo kèm theo.',
      submit: true,
    });
    expect(report.statusCode, report.body).toBe(201);
    // The central standing office reviews (no one accepts their own body's report).
    const centralOffice = await makeAgency(t.db, { name: 'Văn phòng Ban Chỉ đạo Trung ương' });
    const reviewer = await loginAs(t.app, await makeUser(t.db, { role: 'office', agency: centralOffice, scope: null }));
    const accepted = await reviewer.post(`/api/reports/${report.json().id}/review`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const after = (await admin.get(`/api/dashboard?scope=level&level=${level}`)).json<DashboardResponse>();
    expect(after.totals.byState.done_on_time.count).toBe(before.totals.byState.done_on_time.count + 1);
    expect(after.totals.byState.not_started.count).toBe(before.totals.byState.not_started.count - 1);
    const judged = await computeDashboard(t.db, sql`d.level = ${level}`, today, {});
    expect(after.totals.total.count).toBe(judged.totals.total);
    expect(after.totals.byState.done_on_time.count).toBe(judged.totals.done_on_time);
  });
});
