// `npm run bench:api`: the national scale (≈50 central bodies, 34 provinces, 3,300 communes, 200,000
// tasks, 2,000,000 reports) loaded into a PostgreSQL server and into PGlite, the real app listening on
// 127.0.0.1, measured over HTTP. Prints exactly four lines on stdout; progress and details go to stderr.
//
//   DATABASE_URL=postgres://… npm run bench:api    a server of yours (a scratch database is created on it)
//   npm run bench:api                             a temporary server from Debian's package, durable settings
//                                                 (fsync, synchronous_commit, full_page_writes on; see scripts/pg-temp.mjs)
// The scratch database gets `jit = off` (see below).
//   npm run bench:api -- --skip-pglite            only the PostgreSQL figures (faster, while tuning)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { STALE_AFTER_DAYS } from '@giamsat/shared';
import { resolveSession } from '../src/auth/auth.service.ts';
import { vietnamDate } from '../src/calendar/calendar.ts';
import { computeDashboard } from '../src/dashboard/dashboard.queries.ts';
import { DashboardQuery } from '../src/dashboard/dashboard.schemas.ts';
import { scopeCondition, tallyFilter } from '../src/dashboard/dashboard.service.ts';
import { type Db, openPglite } from '../src/db/db.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { load, percentile, postgresServer, progress, scratchDatabase, startApp } from './bench-common.ts';

const DASHBOARD_REQUESTS = 60;
const WARM_UP = 5;
const CLIENTS = 16;
const SUBMIT_SECONDS = 10;
/** The central standing office (scope: the nation) reads the national dashboard. */
const CENTRAL_OFFICE = 'vptw';

interface Session {
  cookie: string;
  csrf: string;
  token: string;
}

async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const token = /giamsat_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error(`login ${username}: no session cookie`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `giamsat_session=${token}`, csrf: csrfToken, token };
}

/** p95 and median of GET /api/dashboard (national scope) as the central office, after a warm-up. */
async function measureDashboard(base: string, session: Session, label: string) {
  const get = async () => {
    const started = performance.now();
    const res = await fetch(`${base}/api/dashboard`, { headers: { cookie: session.cookie } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET /api/dashboard: ${res.status} ${Buffer.from(body).toString()}`);
    return performance.now() - started;
  };
  // The day's first national request builds the day's tally (dashboard.tally.ts); later ones read it.
  const first = await get();
  progress(`  ${label}: first dashboard request of the day (builds the day's tally) ${first.toFixed(0)} ms`);
  for (let i = 1; i < WARM_UP; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < DASHBOARD_REQUESTS; i++) times.push(await get());
  const result = { p95: percentile(times, 0.95), median: percentile(times, 0.5) };
  progress(`  ${label}: dashboard over HTTP p50 ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
  return result;
}

/** Median time of the same figures computed by the dashboard's query function, without HTTP. */
async function measureSql(db: Db, session: Session, label: string): Promise<number> {
  const resolved = await resolveSession(db, session.token);
  if (!resolved) throw new Error('the benchmark session is not valid');
  const query = DashboardQuery.parse({});
  const nation = { kind: 'nation', level: null, agency: null, directive: null, programme: null } as const;
  const scope = scopeCondition(resolved.actor, nation);
  const run = async () => {
    const started = performance.now();
    // The same statements as the route: today's national figures from the day's tally.
    await computeDashboard(db, scope, vietnamDate(), {
      dueSoonDays: query.dueSoonDays,
      staleAfterDays: STALE_AFTER_DAYS,
      byAgencyLimit: query.byAgencyLimit,
      leadWithinPath: null,
      tally: tallyFilter(resolved.actor, nation),
    });
    return performance.now() - started;
  };
  for (let i = 0; i < WARM_UP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < DASHBOARD_REQUESTS; i++) times.push(await run());
  const median = percentile(times, 0.5);
  progress(`  ${label}: dashboard by bare SQL (computeDashboard) p50 ${median.toFixed(1)} ms`);
  return median;
}

/**
 * The submitting clients, run in a worker thread so that generating the load does not take the app's
 * event loop (the app is measured, not the client): each has its own keep-alive connection and posts
 * one report after another, created and submitted in one request (the API's submit: true), until
 * `seconds` have passed. Plain node:http rather than fetch: fetch cost the machine about three times
 * the CPU per request (≈2 ms against ≈0.6 ms), which a 2-core machine takes from the app and the
 * database. Plain JavaScript in a string, so the worker needs no TypeScript loader.
 */
const SUBMISSION_CLIENTS = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { base, seconds, clients } = workerData;
const { hostname, port } = new URL(base);
const post = (agent, path, headers, body) =>
  new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
let submitted = 0;
let failures = 0;
const errors = [];
const started = performance.now();
const deadline = started + seconds * 1000;
Promise.all(
  clients.map(async ({ cookie, csrf, tasks }) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    for (let i = 0; performance.now() < deadline; i++) {
      const taskId = tasks[i % tasks.length];
      const res = await post(agent, '/api/tasks/' + taskId + '/reports', headers, JSON.stringify({
        percent: 10 + (i % 80),
        narrative: 'Đã triển khai các nội dung theo kế hoạch; đang hoàn thiện sản phẩm đầu ra.',
        difficulties: '',
        recommendations: '',
        // Some figures go below the task's accepted progress, which needs a reason to be sent.
        progressLoweredReason: 'Điều chỉnh theo kết quả rà soát khối lượng công việc.',
        submit: true,
      }));
      let report = {};
      try { report = JSON.parse(res.text); } catch {}
      if (res.status === 201 && report.state === 'submitted') submitted++;
      else if (++failures <= 3) errors.push('POST /api/tasks/' + taskId + '/reports: ' + res.status + ' ' + res.text);
    }
    agent.destroy();
  }),
).then(
  () => parentPort.postMessage({ submitted, failures, errors, seconds: (performance.now() - started) / 1000 }),
  (error) => parentPort.postMessage({ error: String(error && error.stack ? error.stack : error) }),
);
`;

interface SubmissionResult {
  submitted: number;
  failures: number;
  errors: string[];
  seconds: number;
  error?: string;
}

/**
 * 16 clients, each signed in as the focal point of a lead body, each with its own keep-alive
 * connection, create and submit progress reports on their open tasks for ~10 s.
 */
async function measureSubmissions(db: Db, base: string): Promise<number> {
  const bodies = await db.query<{ username: string; task_ids: number[] }>(`
    SELECT 'daumoi.' || a.slug AS username, (array_agg(t.id ORDER BY t.id))[1:500] AS task_ids
    FROM task_assignments ta
    JOIN tasks t ON t.id = ta.task_id AND t.completed_on IS NULL
    JOIN directives d ON d.id = t.directive_id AND d.status = 'published'
    JOIN agencies a ON a.id = ta.agency_id AND a.kind <> 'group'
    WHERE ta.role = 'lead'
    GROUP BY a.id, a.slug ORDER BY count(*) DESC, a.id LIMIT ${CLIENTS}`);
  const clients: { cookie: string; csrf: string; tasks: number[] }[] = [];
  for (const body of bodies) {
    const session = await login(base, body.username);
    if (body.task_ids.length > 0) clients.push({ cookie: session.cookie, csrf: session.csrf, tasks: body.task_ids });
  }
  const worker = new Worker(SUBMISSION_CLIENTS, {
    eval: true,
    workerData: { base, seconds: SUBMIT_SECONDS, clients },
  });
  const result = await new Promise<SubmissionResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (result.error) throw new Error(`submission clients: ${result.error}`);
  for (const error of result.errors) progress(`  ${error}`);
  progress(
    `  postgres: ${result.submitted} reports created and submitted by ${clients.length} clients in ${result.seconds.toFixed(1)} s` +
      (result.failures ? ` (${result.failures} failed)` : ''),
  );
  return result.submitted / result.seconds;
}

async function benchPostgres(referenceDate: string) {
  const server = await postgresServer();
  const { db, drop } = await scratchDatabase(server.url);
  try {
    await load(db, 'postgres', referenceDate);
    const app = await startApp(db);
    try {
      const session = await login(app.base, CENTRAL_OFFICE);
      const api = await measureDashboard(app.base, session, 'postgres');
      const sqlMedian = await measureSql(db, session, 'postgres');
      const rate = await measureSubmissions(db, app.base);
      return { p95: api.p95, ratio: api.median / sqlMedian, rate };
    } finally {
      await app.close();
    }
  } finally {
    await drop();
    server.stop();
  }
}

async function benchPglite(referenceDate: string) {
  const dir = mkdtempSync(join(tmpdir(), 'giamsat-bench-pglite-'));
  const db = await openPglite(dir);
  try {
    await load(db, 'pglite', referenceDate);
    const app = await startApp(db);
    try {
      const session = await login(app.base, CENTRAL_OFFICE);
      return await measureDashboard(app.base, session, 'pglite');
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      'skip-pglite': { type: 'boolean', default: false },
      'skip-postgres': { type: 'boolean', default: false },
    },
  });
  const referenceDate = vietnamDate();
  const postgres = values['skip-postgres'] ? null : await benchPostgres(referenceDate);
  const pglite = values['skip-pglite'] ? null : await benchPglite(referenceDate);
  const show = (value: number | undefined, digits = 0) => (value === undefined ? 'skipped' : value.toFixed(digits));
  console.log(`dashboard p95 ms (postgres): ${show(postgres?.p95)}`);
  console.log(`dashboard p95 ms (pglite): ${show(pglite?.p95)}`);
  console.log(`dashboard api/sql ratio (postgres): ${show(postgres?.ratio, 2)}`);
  console.log(`report submissions per s (postgres): ${show(postgres?.rate)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
