import { Timeliness } from '@giamsat/shared';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../test/app.ts';
import { addDays } from '../calendar/calendar.ts';
import { sql } from '../db/sql.ts';
import {
  AGEING_BANDS,
  DUE_SOON_STATES,
  daysOverdueSql,
  dueSoonSql,
  RATES,
  rateOf,
  rateSql,
  staleSql,
  timelinessSql,
  trendKeysSql,
  WITH_DEADLINE,
} from './task.standing.ts';

// The rules of a task's standing are SQL functions (server/db/functions/task_standing.sql). The dashboard
// turns some of them into task-list filters written in TypeScript (task.standing.ts): here each is held
// equal to its function, and the functions are checked to stay inlined into the statements calling them.

const TODAY = '2025-09-15';

describe('task standing', () => {
  const db = useTestDb();

  it('lists each ageing band by the days overdue that task_ageing_band() puts in it', async () => {
    const bandOn = async (daysOverdue: number) => {
      const [row] = await db.query<{ band: number }>(
        sql`SELECT task_ageing_band('in_progress_overdue', ${addDays(TODAY, -daysOverdue)}::date, ${TODAY}::date) AS band`,
      );
      return row?.band;
    };
    for (const [i, band] of AGEING_BANDS.entries()) {
      expect(await bandOn(band.fromDays), `${band.fromDays} days`).toBe(i + 1);
      if (band.toDays !== null) {
        expect(await bandOn(band.toDays), `${band.toDays} days`).toBe(i + 1);
        expect(await bandOn(band.toDays + 1), `${band.toDays + 1} days`).toBe(i + 2);
      }
    }
    expect(await bandOn(3650)).toBe(AGEING_BANDS.length);
    const [other] = await db.query<{ band: number }>(
      sql`SELECT task_ageing_band('done_late', ${addDays(TODAY, -40)}::date, ${TODAY}::date) AS band`,
    );
    expect(other?.band).toBe(0);
  });

  it('finds the due-soon tasks as the states of DUE_SOON_STATES with a deadline in the window', async () => {
    // Every combination of deadline kind, deadline, completion and results around TODAY.
    const rows = await db.query<{ state: Timeliness; due_soon: boolean; in_window: boolean }>(sql`
      WITH t AS (
        SELECT kind AS deadline_kind, ${TODAY}::date + due AS due_date, ${TODAY}::date + done AS completed_on,
               CASE WHEN results THEN now() END AS last_accepted_report_at
        FROM unnest(${['date', 'recurring', 'continuous', 'event', 'none']}::text[]) kind
        CROSS JOIN (SELECT generate_series(-3, 10) UNION ALL SELECT NULL) d(due)
        CROSS JOIN (VALUES (NULL::int), (-5), (0), (2)) c(done)
        CROSS JOIN (VALUES (true), (false)) r(results))
      SELECT ${timelinessSql('t', TODAY)} AS state, ${dueSoonSql('t', TODAY, 7)} AS due_soon,
             coalesce(t.due_date BETWEEN ${TODAY}::date AND ${TODAY}::date + 7, false) AS in_window
      FROM t`);
    expect(rows.length).toBe(5 * 15 * 4 * 2);
    expect(rows.filter((r) => r.due_soon).length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.due_soon, JSON.stringify(row)).toBe(DUE_SOON_STATES.includes(row.state) && row.in_window);
    }
  });

  it('computes each rate the same in SQL (the ranking) and in TypeScript (the figures)', async () => {
    const counts = Object.fromEntries(Timeliness.options.map((state, i) => [state, (i * 7) % 5])) as Record<
      Timeliness,
      number
    >;
    const columns = sql.raw(Timeliness.options.map((state) => `${counts[state]} AS ${state}`).join(', '));
    for (const name of Object.keys(RATES) as (keyof typeof RATES)[]) {
      const [row] = await db.query<{ rate: number | null }>(
        sql`SELECT (${rateSql(name, 'r')})::float8 AS rate FROM (SELECT ${columns}) r`,
      );
      expect(row?.rate, name).toBeCloseTo(rateOf(name, counts).rate ?? Number.NaN, 12);
    }
    // A task without a deadline (continuous) counts in no rate's denominator.
    expect(WITH_DEADLINE.some((state) => state.startsWith('continuous'))).toBe(false);
    expect(rateOf('completion', { ...counts, ...Object.fromEntries(WITH_DEADLINE.map((s) => [s, 0])) }).rate).toBe(
      null,
    );
  });

  it('is inlined into the statements that call it: no function call per task', async () => {
    const plan = await db.query<{ 'QUERY PLAN': string }>(sql`
      EXPLAIN (VERBOSE, COSTS OFF)
      SELECT ${timelinessSql('t', TODAY)}, ${dueSoonSql('t', TODAY)}, ${daysOverdueSql('t', TODAY)},
             ${staleSql(TODAY)}, task_ageing_band(${timelinessSql('t', TODAY)}, t.due_date, ${TODAY}::date),
             ${trendKeysSql('t', TODAY, sql`ARRAY[${TODAY}::date]`)}
      FROM tasks t JOIN directives d ON d.id = t.directive_id`);
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('deadline_kind');
    expect(text).not.toMatch(/\btask_[a-z_]+\(/);
  });
});
