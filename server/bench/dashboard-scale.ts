// Scale check for the dashboard SQL (not a test: it takes minutes). Generates 200,000 tasks set-based
// (INSERT … SELECT generate_series) into PGlite and a PostgreSQL server, then times national-scope
// computeDashboard and prints EXPLAIN ANALYZE of each statement.
//   npm run bench:dashboard -- [--tasks 200000] [--runs 30] [--explain] [--profile] [--only pg|pglite]
// With DATABASE_URL the PostgreSQL part uses that database (generating the data when it has no tasks);
// otherwise a temporary server.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { computeDashboard } from '../src/dashboard/dashboard.queries.ts';
import { type Db, openPglite, openPostgres } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { sql } from '../src/db/sql.ts';

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '30' },
    explain: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    asOf: { type: 'string', default: '2026-03-15' },
  },
});
const TASKS = Number(args.tasks);
const RUNS = Number(args.runs);

export async function generateScaleData(db: Db, tasks: number): Promise<void> {
  await db.exec(`
    INSERT INTO agencies (slug, name, level, kind, path)
      SELECT 'bo-' || g, 'Bộ số ' || g, 'central', 'state', '0' FROM generate_series(1, 50) g;
    INSERT INTO agencies (slug, name, level, kind, path)
      SELECT 'tinh-' || g, 'Tỉnh số ' || g, 'province', 'state', '0' FROM generate_series(1, 34) g;
    UPDATE agencies SET path = text2ltree(id::text) WHERE parent_id IS NULL;
    INSERT INTO agencies (slug, name, level, kind, parent_id, path)
      SELECT 'so-' || p.id || '-' || g, 'Sở số ' || g || ' ' || p.name, 'province', 'state', p.id, p.path
      FROM agencies p CROSS JOIN generate_series(1, 20) g WHERE p.level = 'province' AND p.parent_id IS NULL;
    INSERT INTO agencies (slug, name, level, kind, parent_id, path)
      SELECT 'xa-' || p.id || '-' || g, 'Xã số ' || g || ' ' || p.name, 'commune', 'state', p.id, p.path
      FROM agencies p CROSS JOIN generate_series(1, 97) g WHERE p.level = 'province' AND p.parent_id IS NULL;
    UPDATE agencies SET path = path || text2ltree(id::text) WHERE parent_id IS NOT NULL;
    INSERT INTO agencies (slug, name, level, kind, path) VALUES
      ('nhom-xa', 'UBND cấp xã', 'commune', 'group', '0'), ('nhom-bo', 'Các bộ, ngành', 'central', 'group', '0');
    UPDATE agencies SET path = text2ltree(id::text) WHERE kind = 'group';
    INSERT INTO agency_group_members SELECT g.id, a.id FROM agencies g JOIN agencies a ON a.level = 'commune' AND a.kind <> 'group' WHERE g.slug = 'nhom-xa';
    INSERT INTO agency_group_members SELECT g.id, a.id FROM agencies g JOIN agencies a ON a.level = 'central' AND a.kind <> 'group' WHERE g.slug = 'nhom-bo';
    CREATE TEMP TABLE body_list AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM agencies WHERE kind <> 'group';
    INSERT INTO directives (number, level, title, programme_code, status, published_at)
      SELECT g || '-KH/TW', CASE WHEN g <= 60 THEN 'central' WHEN g <= 400 THEN 'province' ELSE 'commune' END,
             'Kế hoạch ' || g, CASE WHEN g % 3 = 0 THEN 'NQ71' ELSE 'NQ57' END,
             CASE WHEN g % 20 = 0 THEN 'draft' ELSE 'published' END, '2025-06-01'
      FROM generate_series(1, 3500) g;
  `);
  await db.query(sql`
    INSERT INTO tasks (directive_id, ref, text, deadline_kind, due_date, first_due_date, completed_on,
                       last_accepted_report_at, created_at)
    SELECT (SELECT min(id) FROM directives) + (g * 7919) % 3500, g::text, 'Nhiệm vụ số ' || g,
           CASE WHEN g % 17 = 0 THEN 'continuous' WHEN g % 23 = 0 THEN 'none' ELSE 'date' END,
           CASE WHEN g % 17 = 0 OR g % 23 = 0 THEN NULL ELSE date '2025-01-01' + (g * 37) % 730 END,
           CASE WHEN g % 17 = 0 OR g % 23 = 0 THEN NULL ELSE date '2025-01-01' + (g * 37) % 730 END,
           CASE WHEN g % 5 < 2 THEN date '2025-01-01' + (g * 37) % 730 + (g % 61) - 30 END,
           CASE WHEN g % 3 > 0 THEN timestamptz '2025-01-01' + ((g * 13) % 440) * interval '1 day' END,
           timestamptz '2025-01-01' + ((g * 11) % 300) * interval '1 day'
    FROM generate_series(1, ${tasks}) g`);
  await db.exec(`
    UPDATE tasks SET completed_on = NULL WHERE completed_on > date '2026-03-15';
    INSERT INTO task_assignments (task_id, agency_id, role, position)
      SELECT t.id, b.id, 'lead', 0 FROM tasks t JOIN body_list b ON b.n = 1 + (t.id * 31) % (SELECT count(*) FROM body_list)
      WHERE t.id % 100 <> 0;
    INSERT INTO task_assignments (task_id, agency_id, role, position)
      SELECT t.id, g.id, 'lead', 0 FROM tasks t JOIN agencies g ON g.slug = CASE WHEN t.id % 200 = 0 THEN 'nhom-xa' ELSE 'nhom-bo' END
      WHERE t.id % 100 = 0;
    INSERT INTO task_assignments (task_id, agency_id, role, position)
      SELECT t.id, b.id, 'lead', 1 FROM tasks t JOIN body_list b ON b.n = 1 + (t.id * 53) % (SELECT count(*) FROM body_list)
      WHERE t.id % 20 = 7 ON CONFLICT DO NOTHING;
    INSERT INTO task_assignments (task_id, agency_id, role, position)
      SELECT t.id, b.id, 'coordinating', 2 FROM tasks t JOIN body_list b ON b.n = 1 + (t.id * 97) % (SELECT count(*) FROM body_list)
      ON CONFLICT DO NOTHING;
    INSERT INTO task_assignments (task_id, agency_id, role, position)
      SELECT t.id, b.id, 'coordinating', 3 FROM tasks t JOIN body_list b ON b.n = 1 + (t.id * 89) % (SELECT count(*) FROM body_list)
      WHERE t.id % 2 = 0 ON CONFLICT DO NOTHING;
    ANALYZE;
  `);
}

const NATION = sql`TRUE`;

// The machine may be busy (other processes): besides wall-clock time, measure the CPU time the
// database spent — PGlite's is this process's, a PostgreSQL server's is its backends' (from /proc).
const BASELINE = `SELECT count(*) FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE d.status = 'published'`;

async function cpuMs(db: Db): Promise<number> {
  if (db.kind === 'pglite') {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  // Inside a transaction: only this connection's backend; else every backend of the database.
  const pids = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND (pid = pg_backend_pid() OR NOT $1)',
    [db !== rootDb],
  );
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the backend ended meanwhile
    }
  }
  return ticks * 10; // 100 ticks per second
}

let rootDb: Db | undefined;

async function time(label: string, db: Db, asOf: string): Promise<void> {
  const runs: Record<string, { wall: number[]; cpu: number[] }> = {};
  const measure = async (name: string, fn: () => Promise<unknown>, keep: boolean) => {
    const cpu0 = await cpuMs(db);
    const start = performance.now();
    await fn();
    const wall = performance.now() - start;
    const cpu = (await cpuMs(db)) - cpu0;
    if (!keep) return;
    runs[name] ??= { wall: [], cpu: [] };
    runs[name].wall.push(wall);
    runs[name].cpu.push(cpu);
  };
  for (let i = 0; i <= RUNS; i++) {
    for (const strategy of ['single', 'parallel'] as const) {
      await measure(strategy, () => computeDashboard(db, NATION, asOf, { strategy }), i > 0);
    }
    await measure('baseline', () => db.query(BASELINE), i > 0);
  }
  const at = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!.toFixed(1);
  };
  for (const [name, { wall, cpu }] of Object.entries(runs)) {
    console.log(
      `${label} ${name}: wall median ${at(wall, 0.5)} ms, p95 ${at(wall, 0.95)} ms; database CPU median ${at(cpu, 0.5)} ms (${RUNS} runs)`,
    );
  }
}

async function profile(db: Db, asOf: string): Promise<void> {
  // Database CPU per statement, each run alone on one connection.
  for (const strategy of ['parallel', 'single'] as const) {
    const statements = await capture(db, asOf, strategy);
    for (const statement of statements) {
      const cpu: number[] = [];
      await db.transaction(async (tx) => {
        for (let i = 0; i < 4; i++) {
          const before = await cpuMs(tx);
          await tx.query(statement.text, statement.values);
          if (i > 0) cpu.push((await cpuMs(tx)) - before);
        }
      });
      console.log(`${strategy}: ${cpu.join(' / ')} ms CPU — ${statement.text.replace(/\s+/g, ' ').slice(0, 90)}`);
    }
  }
}

async function capture(db: Db, asOf: string, strategy: 'single' | 'parallel') {
  const statements: { text: string; values: unknown[] }[] = [];
  const spy: Db = {
    ...db,
    async query<T>(query: string | import('../src/db/sql.ts').Sql, params: readonly unknown[] = []) {
      const compiled = typeof query === 'string' ? { text: query, values: [...params] } : query.compile();
      statements.push(compiled);
      return db.query<T>(compiled.text, compiled.values);
    },
  };
  await computeDashboard(spy, NATION, asOf, { strategy });
  return statements;
}

async function explain(db: Db, asOf: string): Promise<void> {
  // Capture each statement computeDashboard sends, then EXPLAIN ANALYZE it alone.
  const statements: { text: string; values: unknown[] }[] = [];
  const spy: Db = {
    ...db,
    async query<T>(query: string | import('../src/db/sql.ts').Sql, params: readonly unknown[] = []) {
      const compiled = typeof query === 'string' ? { text: query, values: [...params] } : query.compile();
      statements.push(compiled);
      return db.query<T>(compiled.text, compiled.values);
    },
  };
  await computeDashboard(spy, NATION, asOf);
  for (const statement of statements) {
    const start = performance.now();
    await db.query(statement.text, statement.values);
    const ms = performance.now() - start;
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
      statement.values,
    );
    console.log(`\n── ${ms.toFixed(1)} ms alone ──\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}

async function run(label: string, db: Db): Promise<void> {
  rootDb = db;
  await migrate(db);
  const [existing] = await db.query<{ n: number }>('SELECT count(*) AS n FROM tasks');
  if (Number(existing?.n) === 0) {
    const start = performance.now();
    await generateScaleData(db, TASKS);
    console.log(`${label}: generated ${TASKS} tasks in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  } else {
    console.log(`${label}: reusing the ${existing?.n} tasks already there`);
  }
  if (args.explain) await explain(db, args.asOf);
  if (args.profile) return profile(db, args.asOf);
  await time(label, db, args.asOf);
}

if (args.only !== 'pg') {
  const lite = await openPglite();
  await run('pglite', lite);
  await lite.close();
}
if (args.only !== 'pglite') {
  // @ts-expect-error plain .mjs helper shared with the test runner
  const { startTempPostgres } = await import('../../scripts/pg-temp.mjs');
  const temp = process.env.DATABASE_URL ? null : await startTempPostgres({ log: () => {} });
  const url: string = process.env.DATABASE_URL ?? temp.url;
  const db = await openPostgres(url);
  try {
    await run('postgres', db);
  } finally {
    await db.close();
    temp?.stop();
  }
}
