import { readDirectiveFile } from '@giamsat/extraction';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { anonymous, sessions, useTestApp } from '../../test/app.ts';
import { makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from '../../test/factories/agencies.ts';
import { makeDirective, type TestDirective } from '../../test/factories/directives.ts';
import { makeReport } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import type { BodyScoreResponse, ScoreRankingResponse, ScoreWeightsHistoryResponse } from './score.schemas.ts';

// Body scores are checked against a computation made here from the rows each test writes — the
// deadlines, completions, reports and plans below — never by calling the scoring code.

type Component = 'onTime' | 'planInTime' | 'reportsOnTime' | 'upToDate' | 'reportQuality';
const COMPONENTS: Component[] = ['onTime', 'planInTime', 'reportsOnTime', 'upToDate', 'reportQuality'];
type Tally = Record<Component, { s: number; n: number; tasks: Set<number> }>;
type Weights = Record<Component, number>;

interface TaskRow {
  id: number;
  lead: TestAgency;
  due: string | null;
  completedOn: string | null;
  /** Vietnam time of the last accepted report. */
  lastReport: string | null;
}
interface ReportRow {
  taskId: number;
  agency: TestAgency;
  sentOn: string;
  state: 'accepted' | 'returned';
  everReturned: boolean;
}
interface PlanDue {
  agency: TestAgency;
  issuedOn: string;
  planOn: string | null;
  taskIds: number[];
}
interface Obligation {
  taskId: number;
  agency: TestAgency;
  /** yyyy-mm of months with a lead report. */
  reportedMonths: string[];
  fromMonth: string;
}

interface World {
  bodies: Record<'p1' | 'p2' | 'p3' | 'dept', TestAgency>;
  tasks: TaskRow[];
  reports: ReportRow[];
  plans: PlanDue[];
  obligations: Obligation[];
  users: { admin: TestUser; centralOffice: TestUser; p1Office: TestUser; p2Focal: TestUser };
}

const vnDay = (timestamp: string) => timestamp.slice(0, 10);
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** The first day of the month after `month` (yyyy-mm). */
const nextMonthStart = (month: string) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/** The direct computation: successes and trials per body and component for the period [from, to] judged on asOf. */
function tally(w: World, from: string, to: string, asOf: string, planDays: number): Map<number, Tally> {
  const result = new Map<number, Tally>();
  const of = (agency: TestAgency) => {
    let t = result.get(agency.id);
    if (!t) {
      t = Object.fromEntries(COMPONENTS.map((c) => [c, { s: 0, n: 0, tasks: new Set<number>() }])) as Tally;
      result.set(agency.id, t);
    }
    return t;
  };
  const count = (agency: TestAgency, c: Component, met: boolean, taskIds: number[]) => {
    const t = of(agency)[c];
    t.n += 1;
    if (met) t.s += 1;
    for (const id of taskIds) t.tasks.add(id);
  };
  const judgedTo = to < asOf ? to : asOf;
  for (const task of w.tasks) {
    if (task.due && task.due >= from && task.due <= judgedTo) {
      count(task.lead, 'onTime', task.completedOn !== null && task.completedOn <= task.due, [task.id]);
    }
    if (task.completedOn === null) {
      // Up to date: an accepted report on or after the start of the day 30 days before asOf.
      count(task.lead, 'upToDate', task.lastReport !== null && vnDay(task.lastReport) >= addDays(asOf, -30), [task.id]);
    }
  }
  for (const r of w.reports) {
    if (r.sentOn >= from && r.sentOn <= judgedTo) {
      count(r.agency, 'reportQuality', r.state === 'accepted' && !r.everReturned, [r.taskId]);
    }
  }
  for (const p of w.plans) {
    const due = addDays(p.issuedOn, planDays);
    const inTime = p.planOn !== null && p.planOn <= due && p.planOn <= asOf;
    if (p.issuedOn >= from && p.issuedOn <= judgedTo && (due <= asOf || (p.planOn !== null && p.planOn <= asOf))) {
      count(p.agency, 'planInTime', inTime, p.taskIds);
    }
  }
  for (const o of w.obligations) {
    for (let month = o.fromMonth; month <= asOf.slice(0, 7); month = nextMonthStart(month).slice(0, 7)) {
      const end = addDays(nextMonthStart(month), -1);
      const met = o.reportedMonths.includes(month);
      if (end >= from && end <= to && (met || end < asOf)) count(o.agency, 'reportsOnTime', met, [o.taskId]);
    }
  }
  return result;
}

/** Score 0–100 of every body: shares shrunk toward the level's pooled share with strength k, weighted. */
function expectedScores(tallies: Map<number, Tally>, weights: Weights, k: number) {
  const mean = {} as Record<Component, number | null>;
  for (const c of COMPONENTS) {
    let s = 0;
    let n = 0;
    for (const t of tallies.values()) {
      s += t[c].s;
      n += t[c].n;
    }
    mean[c] = n ? s / n : null;
  }
  const scores = new Map<number, { score: number; raw: number | null }>();
  for (const [id, t] of tallies) {
    let sum = 0;
    let wsum = 0;
    let rawSum = 0;
    let rawW = 0;
    for (const c of COMPONENTS) {
      const m = mean[c];
      if (m === null || weights[c] === 0) continue;
      // With nothing judged (and k = 0) a component stands at the level's mean.
      sum += weights[c] * (t[c].n + k === 0 ? m : (t[c].s + k * m) / (t[c].n + k));
      wsum += weights[c];
      if (t[c].n) {
        rawSum += (weights[c] * t[c].s) / t[c].n;
        rawW += weights[c];
      }
    }
    scores.set(id, { score: (100 * sum) / wsum, raw: rawW ? (100 * rawSum) / rawW : null });
  }
  return { mean, scores };
}

async function setObligation(db: Db, taskId: number) {
  await db.query(sql`UPDATE tasks SET deadline_kind = 'recurring', recurrence_period = 'monthly' WHERE id = ${taskId}`);
}

async function build(db: Db): Promise<World> {
  const p1 = await makeAgency(db, { name: 'UBND tỉnh Thử Một', level: 'province' });
  const p2 = await makeAgency(db, { name: 'UBND tỉnh Thử Hai', level: 'province' });
  const p3 = await makeAgency(db, { name: 'UBND tỉnh Thử Ba', level: 'province' });
  const dept = await makeAgency(db, { name: 'Sở Khoa học và Công nghệ tỉnh Thử Một', parent: p1 });
  const ministry = await makeAgency(db, { name: 'Bộ Thử nghiệm', level: 'central' });
  const users = {
    admin: await makeUser(db, { role: 'admin', agency: ministry }),
    centralOffice: await makeUser(db, { role: 'office', agency: ministry, scope: null }),
    p1Office: await makeUser(db, { role: 'office', agency: p1, scope: p1 }),
    p2Focal: await makeUser(db, { role: 'focal', agency: p2 }),
  };
  const w: World = { bodies: { p1, p2, p3, dept }, tasks: [], reports: [], plans: [], obligations: [], users };

  const higher = await makeDirective(db, { level: 'central', issuedOn: '2026-02-01' });
  const higher2 = await makeDirective(db, { level: 'central', issuedOn: '2026-03-01' });
  const task = async (
    directive: TestDirective,
    lead: TestAgency,
    due: string | null,
    completedOn: string | null,
    lastReport: string | null = null,
    parent?: { id: number; directiveId: number },
  ) => {
    const t = await makeTask(db, {
      directive,
      lead: [lead],
      dueDate: due,
      completedOn,
      lastAcceptedReportAt: lastReport,
      createdAt: '2025-12-01 08:00',
      ...(parent ? { parent } : {}),
    });
    w.tasks.push({ id: t.id, lead, due, completedOn, lastReport });
    return t;
  };
  // P1: a big workload, mostly on time.
  const p1Tasks = [];
  for (let i = 0; i < 12; i++) {
    const due = `2026-0${1 + (i % 6)}-15`;
    p1Tasks.push(await task(higher, p1, due, i < 10 ? addDays(due, -3) : addDays(due, 20)));
  }
  // Open tasks of P1: one reported lately, one quiet, one due in the second half of the year.
  await task(higher, p1, '2026-09-30', null, '2026-06-20 10:00');
  await task(higher, p1, null, null, '2026-04-01 10:00');
  const p1Late = await task(higher2, p1, '2026-04-30', '2026-05-10');
  // P2: one lucky task.
  await task(higher, p2, '2026-03-31', '2026-03-01');
  // P3: a middling record, and open overdue work.
  for (let i = 0; i < 6; i++) await task(higher, p3, `2026-0${1 + i}-10`, i < 3 ? `2026-0${1 + i}-09` : null);

  // P1's implementation plan of `higher` within 30 days; of `higher2`, late.
  const plan1 = await makeDirective(db, { level: 'province', scope: p1, issuedOn: '2026-02-20' });
  await task(plan1, dept, '2026-05-31', '2026-05-20', null, p1Tasks[0]);
  const plan2 = await makeDirective(db, { level: 'province', scope: p1, issuedOn: '2026-05-01' });
  await task(plan2, dept, null, null, '2026-06-25 09:00', p1Late);
  w.plans.push({
    agency: p1,
    issuedOn: '2026-02-01',
    planOn: '2026-02-20',
    taskIds: w.tasks.filter((t) => t.lead === p1 && t.id !== p1Late.id).map((t) => t.id),
  });
  w.plans.push({ agency: p1, issuedOn: '2026-03-01', planOn: '2026-05-01', taskIds: [p1Late.id] });

  // A directive for every province through a group, which P3 plans in time and P1 not at all.
  await makeUser(db, { role: 'office', agency: p3, scope: p3 });
  const forAll = await makeDirective(db, { level: 'central', issuedOn: '2026-04-01' });
  const provinces = await makeGroup(db, 'UBND các tỉnh thử nghiệm', [p1, p3]);
  const groupTask = await makeTask(db, {
    directive: forAll,
    coordinating: [provinces],
    lead: [ministry],
    dueDate: '2026-12-31',
  });
  const plan3 = await makeDirective(db, { level: 'province', scope: p3, issuedOn: '2026-04-15' });
  await task(plan3, p3, null, null, '2026-06-29 08:00', groupTask);
  w.plans.push({
    agency: p3,
    issuedOn: '2026-02-01',
    planOn: null,
    taskIds: w.tasks.filter((t) => t.lead === p3 && t.due !== null).map((t) => t.id),
  });
  w.plans.push({ agency: p1, issuedOn: '2026-04-01', planOn: null, taskIds: [groupTask.id] });
  w.plans.push({ agency: p3, issuedOn: '2026-04-01', planOn: '2026-04-15', taskIds: [groupTask.id] });

  // A monthly report that P1 owes from February: sent in February, March and May.
  const monthly = await makeDirective(db, { level: 'central', issuedOn: '2026-02-01' });
  const recurring = await makeTask(db, {
    directive: monthly,
    lead: [p1],
    deadlineKind: 'recurring',
    createdAt: '2025-12-01 08:00',
  });
  await setObligation(db, recurring.id);
  w.tasks.push({ id: recurring.id, lead: p1, due: null, completedOn: null, lastReport: null });
  // The monthly directive is a higher plan too, and P1 has issued none for it.
  w.plans.push({ agency: p1, issuedOn: '2026-02-01', planOn: null, taskIds: [recurring.id] });
  for (const month of ['2026-02', '2026-03', '2026-05']) {
    await makeReport(db, {
      task: recurring,
      agency: p1,
      author: users.p1Office,
      state: 'submitted',
      submittedAt: new Date(`${month}-10T03:00:00Z`),
    });
  }
  w.obligations.push({
    taskId: recurring.id,
    agency: p1,
    reportedMonths: ['2026-02', '2026-03', '2026-05'],
    fromMonth: '2026-02',
  });

  // Reports decided: P1 three accepted (one of them returned first), P3 one returned, one accepted.
  const decided = async (
    t: { id: number },
    agency: TestAgency,
    sentOn: string,
    state: 'accepted' | 'returned',
    returnedFirst = false,
  ) => {
    const r = await makeReport(db, {
      task: t,
      agency,
      author: users.p1Office,
      state,
      submittedAt: new Date(`${sentOn}T02:00:00Z`),
    });
    if (returnedFirst) {
      await db.query(
        sql`SELECT record_event(now(), ${users.centralOffice.id}, 'progress_report', ${r.id}, 'return', NULL, NULL, 'Bổ sung số liệu')`,
      );
    }
    w.reports.push({ taskId: t.id, agency, sentOn, state, everReturned: returnedFirst || state === 'returned' });
  };
  await decided(p1Tasks[0]!, p1, '2026-01-10', 'accepted');
  await decided(p1Tasks[1]!, p1, '2026-02-10', 'accepted', true);
  await decided(p1Tasks[2]!, p1, '2026-03-10', 'accepted');
  const p3First = w.tasks.find((t) => t.lead === p3)!;
  await decided(p3First, p3, '2026-01-05', 'returned');
  await decided(p3First, p3, '2026-01-08', 'accepted');
  return w;
}

describe('body scores', () => {
  const ctx = useTestApp(build);
  const as = sessions(() => ctx.t.app);
  const H1 = { from: '2026-01-01', to: '2026-06-30' };

  async function ranking(user: TestUser, query: string) {
    const res = await (await as(user)).get(`/api/scores?level=province&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ScoreRankingResponse>();
  }

  function expectMatches(
    body: ScoreRankingResponse,
    period: { from: string; to: string },
    weights: Weights,
    k: number,
    planDays: number,
  ) {
    const tallies = tally(ctx.data, period.from, period.to, period.to, planDays);
    const expected = expectedScores(tallies, weights, k);
    expect(body.rows.map((r) => r.agency.id).sort()).toEqual([...tallies.keys()].sort());
    for (const row of body.rows) {
      const t = tallies.get(row.agency.id)!;
      for (const c of COMPONENTS) {
        expect({ c, s: row.components[c].successes, n: row.components[c].trials }).toEqual({ c, s: t[c].s, n: t[c].n });
      }
      expect(row.score).toBeCloseTo(expected.scores.get(row.agency.id)!.score, 9);
      expect(row.rawScore ?? null).toBeCloseTo(expected.scores.get(row.agency.id)!.raw ?? Number.NaN, 9);
    }
    for (const c of COMPONENTS) {
      if (expected.mean[c] === null) expect(body.method.levelMeans[c]).toBeNull();
      else expect(body.method.levelMeans[c]).toBeCloseTo(expected.mean[c]!, 12);
    }
  }

  it('scores every body as computed directly from its tasks, with the default weights', async () => {
    const body = await ranking(ctx.data.users.admin, `from=${H1.from}&to=${H1.to}&limit=500`);
    expect(body.period).toEqual({ ...H1, asOf: H1.to });
    expect(body.method.weights.id).toBeNull();
    expectMatches(
      body,
      H1,
      body.method.weights.weights,
      body.method.weights.priorStrength,
      body.method.weights.planDays,
    );
    // The tally this test computes has every component at work for P1.
    const p1 = tally(ctx.data, H1.from, H1.to, H1.to, 30).get(ctx.data.bodies.p1.id)!;
    for (const c of COMPONENTS) expect(p1[c].n, c).toBeGreaterThan(0);
  });

  it('follows the weights an administrator sets, keeps every setting, and judges another period the same way', async () => {
    const admin = await as(ctx.data.users.admin);
    const first = { onTime: 1, planInTime: 0, reportsOnTime: 2, upToDate: 3, reportQuality: 4 };
    const second = { onTime: 5, planInTime: 1, reportsOnTime: 0, upToDate: 1, reportQuality: 1 };
    for (const [weights, k] of [
      [first, 4],
      [second, 0],
    ] as const) {
      const res = await admin.put('/api/scores/weights', {
        level: 'province',
        weights,
        planDays: 45,
        priorStrength: k,
        reason: 'Hội nghị sơ kết',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const Q1 = { from: '2026-01-01', to: '2026-03-31' };
    for (const period of [H1, Q1]) {
      const body = await ranking(ctx.data.users.centralOffice, `from=${period.from}&to=${period.to}&limit=500`);
      expect(body.method.weights).toMatchObject({ weights: second, priorStrength: 0, planDays: 45 });
      expectMatches(body, period, second, 0, 45);
    }
    const history = (await admin.get('/api/scores/weights?level=province')).json<ScoreWeightsHistoryResponse>();
    expect(history.history.map((h) => h.weights)).toEqual([second, first]);
    expect(history.current.weights).toEqual(second);
    expect(history.history[1]!.setBy?.id).toBe(ctx.data.users.admin.id);
    // History is not rewritten, even in the database.
    await expect(ctx.t.db.query(sql`UPDATE score_weights SET on_time = 9`)).rejects.toThrow();
    // Back to the default weights for the next tests, as a new setting.
    await admin.put('/api/scores/weights', {
      level: 'province',
      weights: { onTime: 40, planInTime: 15, reportsOnTime: 15, upToDate: 15, reportQuality: 15 },
      planDays: 30,
      priorStrength: 10,
    });
  });

  it('lets only an administrator set weights', async () => {
    const payload = {
      level: 'province',
      weights: { onTime: 1, planInTime: 1, reportsOnTime: 1, upToDate: 1, reportQuality: 1 },
      planDays: 30,
      priorStrength: 10,
    };
    expect((await (await as(ctx.data.users.centralOffice)).put('/api/scores/weights', payload)).statusCode).toBe(403);
    expect((await anonymous(ctx.t.app).put('/api/scores/weights', payload)).statusCode).toBe(401);
    expect(
      (
        await (
          await as(ctx.data.users.admin)
        ).put('/api/scores/weights', { ...payload, weights: { ...payload.weights, onTime: -1 } })
      ).statusCode,
    ).toBe(400);
  });

  it('sorts by any column either way and pages through every body', async () => {
    const q = `from=${H1.from}&to=${H1.to}`;
    const best = await ranking(ctx.data.users.admin, `${q}&sort=score&order=desc&limit=500`);
    const worst = await ranking(ctx.data.users.admin, `${q}&sort=score&order=asc&limit=500`);
    expect(worst.rows.map((r) => r.agency.id)).toEqual([...best.rows].reverse().map((r) => r.agency.id));
    expect(best.rows.map((r) => r.rank)).toEqual(best.rows.map((_, i) => i + 1));
    const page = await ranking(ctx.data.users.admin, `${q}&limit=1&offset=1`);
    expect(page.total).toBe(best.rows.length);
    expect(page.rows.map((r) => r.agency.id)).toEqual([best.rows[1]!.agency.id]);
    const byName = await ranking(ctx.data.users.admin, `${q}&sort=name&order=asc&limit=500`);
    expect(byName.rows.map((r) => r.agency.name)).toEqual(
      best.rows.map((r) => r.agency.name).sort((a, b) => a.localeCompare(b, 'vi')),
    );
    const byUpToDate = await ranking(ctx.data.users.admin, `${q}&sort=upToDate&order=asc&limit=500`);
    const values = byUpToDate.rows.map((r) => r.components.upToDate.adjusted!);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('shows a body its own area only: a province office its province, the central office all, the public nothing', async () => {
    const q = `from=${H1.from}&to=${H1.to}&limit=500`;
    const all = await ranking(ctx.data.users.centralOffice, q);
    const own = await ranking(ctx.data.users.p1Office, q);
    expect(own.rows.map((r) => r.agency.id).sort()).toEqual([ctx.data.bodies.p1.id, ctx.data.bodies.dept.id].sort());
    // The same scores and ranks as the nation sees.
    for (const row of own.rows) expect(row).toEqual(all.rows.find((r) => r.agency.id === row.agency.id));
    expect(
      (
        await (
          await as(ctx.data.users.p1Office)
        ).get(`/api/scores/bodies/${ctx.data.bodies.p2.id}?${q.replace('&limit=500', '')}`)
      ).statusCode,
    ).toBe(404);
    expect(
      (await (await as(ctx.data.users.p2Focal)).get(`/api/scores/bodies/${ctx.data.bodies.p2.id}`)).statusCode,
    ).toBe(200);
    expect((await anonymous(ctx.t.app).get('/api/scores?level=province')).statusCode).toBe(401);
  });

  it("opens a body's page with each component, its weight and exactly the tasks behind each figure", async () => {
    const res = await (await as(ctx.data.users.p1Office)).get(
      `/api/scores/bodies/${ctx.data.bodies.p1.id}?from=${H1.from}&to=${H1.to}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<BodyScoreResponse>();
    const all = await ranking(ctx.data.users.admin, `from=${H1.from}&to=${H1.to}&limit=500`);
    const row = all.rows.find((r) => r.agency.id === ctx.data.bodies.p1.id)!;
    expect(page.score).toBe(row.score);
    expect(page.rank).toBe(row.rank);
    const t1 = tally(ctx.data, H1.from, H1.to, H1.to, 30).get(ctx.data.bodies.p1.id)!;
    for (const component of page.components) {
      expect(component.weight).toBe(all.method.weights.weights[component.component]);
      expect(component.successes).toBe(row.components[component.component].successes);
      const taskIds = [...new Set(component.items.map((i) => i.task.id))].sort();
      expect(taskIds, component.component).toEqual([...t1[component.component].tasks].sort());
    }
  });

  it("writes a body's yearly evaluation as .xlsx and .docx with its score, components and tasks", async () => {
    const office = await as(ctx.data.users.p1Office);
    const query = `from=${H1.from}&to=${H1.to}`;
    const page = (await office.get(`/api/scores/bodies/${ctx.data.bodies.p1.id}?${query}`)).json<BodyScoreResponse>();
    const taskIds = page.components.flatMap((c) => c.items.map((i) => i.task.id));

    const xlsx = await office.get(`/api/scores/bodies/${ctx.data.bodies.p1.id}/evaluation?${query}&format=xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const [summary, tasks] = workbook.worksheets;
    expect(summary!.getCell('B1').value).toBe(ctx.data.bodies.p1.name);
    expect(summary!.getCell('B4').value).toBeCloseTo(page.score!, 2);
    const listed: number[] = [];
    tasks!.eachRow((row, n) => {
      if (n > 1) listed.push(Number(row.getCell(7).value));
    });
    expect(listed.sort()).toEqual([...taskIds].sort());

    const docx = await office.get(`/api/scores/bodies/${ctx.data.bodies.p1.id}/evaluation?${query}&format=docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    // Read back as the import reads a directive.
    const { text, format } = await readDirectiveFile(docx.rawPayload, 'danh-gia.docx');
    expect(format).toBe('docx');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(ctx.data.bodies.p1.name);
    expect(text).toContain(`${page.score!.toFixed(1)}/100`);
    const texts = (
      await ctx.t.db.query<{ text: string }>(sql`SELECT text FROM tasks WHERE id = ANY(${taskIds}::bigint[])`)
    ).map((r) => r.text);
    for (const taskText of texts) expect(text).toContain(taskText);

    // Another province's body is not there, in a file either.
    expect((await office.get(`/api/scores/bodies/${ctx.data.bodies.p2.id}/evaluation?format=xlsx`)).statusCode).toBe(
      404,
    );
  });

  it('a province office cannot read a body outside its area, and an unknown programme is not there', async () => {
    const office = await as(ctx.data.users.p1Office);
    expect((await office.get(`/api/scores/bodies/${ctx.data.bodies.p3.id}`)).statusCode).toBe(404);
    expect((await office.get('/api/scores?level=province&programmeCode=KHONGCO')).statusCode).toBe(404);
    expect((await office.get('/api/scores?level=province&sort=nothing')).statusCode).toBe(400);
  });
});

describe('fair by workload', () => {
  // Three provinces, on-time completion only: a long record at 90%, one lucky task, a weak record.
  const ctx = useTestApp(async (db) => {
    const directive = await makeDirective(db, { level: 'central', issuedOn: '2026-01-05' });
    const ministry = await makeAgency(db, { level: 'central' });
    const admin = await makeUser(db, { role: 'admin', agency: ministry });
    const record = async (name: string, total: number, onTime: number) => {
      const body = await makeAgency(db, { name, level: 'province' });
      for (let i = 0; i < total; i++) {
        const due = `2026-0${1 + (i % 9)}-20`;
        await makeTask(db, {
          directive,
          lead: [body],
          dueDate: due,
          completedOn: i < onTime ? addDays(due, -1) : addDays(due, 5),
        });
      }
      return body;
    };
    return {
      admin,
      steady: await record('UBND tỉnh Bền Bỉ', 60, 54),
      lucky: await record('UBND tỉnh May Mắn', 1, 1),
      weak: await record('UBND tỉnh Chậm Trễ', 20, 8),
    };
  });
  const as = sessions(() => ctx.t.app);

  it('does not put a body with one lucky task at the top', async () => {
    const res = await (await as(ctx.data.admin)).get('/api/scores?level=province&from=2026-01-01&to=2026-10-31');
    const body = res.json<ScoreRankingResponse>();
    const ids = body.rows.map((r) => r.agency.id);
    expect(ids[0]).toBe(ctx.data.steady.id);
    expect(ids).toEqual([ctx.data.steady.id, ctx.data.lucky.id, ctx.data.weak.id]);
    // On the raw shares alone, luck would have won.
    const raw = [...body.rows].sort((a, b) => b.rawScore! - a.rawScore!);
    expect(raw[0]!.agency.id).toBe(ctx.data.lucky.id);
  });
});
