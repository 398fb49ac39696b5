// `npm run bench:public`: the public site under load (issue 12: ≥ 3,000 req/s and p99 < 50 ms with 64
// concurrent clients on a 2-core machine). The national scale (as bench:api) is loaded into a PostgreSQL
// server, the real app listens on 127.0.0.1, and 64 clients without a session, each on its own
// keep-alive connection, ask one address after another for a few seconds: the home page, the province
// with the most tasks, and the open data API's first page of tasks, each as a plain GET (every one asks
// the database for the public data's version and is answered from the process's copy at that version,
// public.cache.ts); then the home page revalidated with its ETag (304), as a CDN in front asks. Prints two lines per address on stdout
// (req/s and p99), details (p50, p95, the machine's load) on stderr.
//
//   DATABASE_URL=postgres://… npm run bench:public    a server of yours (a scratch database is created on it)
//   npm run bench:public                             a temporary server from Debian's package
//   npm run bench:public -- --seconds 20             longer runs
//   npm run bench:public -- --keep                   keeps the loaded database and prints its address
//   npm run bench:public -- --loaded postgres://…    measures a database loaded before (while tuning)
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { vietnamDate } from '../src/calendar/calendar.ts';
import { openPostgres } from '../src/db/db.ts';
import { sql } from '../src/db/sql.ts';
import { load, percentile, postgresServer, progress, scratchDatabase, startApp } from './bench-common.ts';

const CLIENTS = 64;

/**
 * The clients, in a worker thread so the load's own work is not the app's event loop: plain node:http
 * (cheaper than fetch), one keep-alive connection each, GET after GET until `seconds` have passed.
 * Plain JavaScript in a string, so the worker needs no TypeScript loader.
 */
const CLIENTS_SCRIPT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { base, path, headers, seconds, clients } = workerData;
const { hostname, port } = new URL(base);
const get = (agent) =>
  new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path, method: 'GET', agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
const times = [];
let failures = 0;
const started = performance.now();
const deadline = started + seconds * 1000;
Promise.all(
  Array.from({ length: clients }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const status = await get(agent);
      times.push(performance.now() - t0);
      if (status !== 200 && status !== 304) failures++;
    }
    agent.destroy();
  }),
).then(
  () => parentPort.postMessage({ times, failures, seconds: (performance.now() - started) / 1000 }),
  (error) => parentPort.postMessage({ error: String(error && error.stack ? error.stack : error) }),
);
`;

interface LoadResult {
  times: number[];
  failures: number;
  seconds: number;
  error?: string;
}

async function hammer(base: string, path: string, headers: Record<string, string>, seconds: number) {
  const worker = new Worker(CLIENTS_SCRIPT, {
    eval: true,
    workerData: { base, path, headers, seconds, clients: CLIENTS },
  });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (result.error) throw new Error(`clients: ${result.error}`);
  return {
    rate: result.times.length / result.seconds,
    p50: percentile(result.times, 0.5),
    p95: percentile(result.times, 0.95),
    p99: percentile(result.times, 0.99),
    requests: result.times.length,
    failures: result.failures,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      loaded: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const server = values.loaded ? { url: values.loaded, stop() {} } : await postgresServer();
  const { db, drop, url } = values.loaded
    ? { db: await openPostgres(values.loaded, 32), drop: () => Promise.resolve(), url: values.loaded }
    : await scratchDatabase(server.url);
  try {
    if (!values.loaded) await load(db, 'postgres', vietnamDate());
    const [province] = await db.query<{ id: number; name: string }>(sql`
      SELECT p.id, p.name FROM task_assignments ta
      JOIN agencies b ON b.id = ta.agency_id
      JOIN agencies p ON p.level = 'province' AND p.kind <> 'group' AND b.path <@ p.path
      WHERE ta.role = 'lead'
      GROUP BY p.id, p.name ORDER BY count(*) DESC LIMIT 1`);
    if (!province) throw new Error('the national scale has no province with tasks');
    const app = await startApp(db);
    try {
      const targets = [
        { label: 'home', path: '/cong-khai', revalidate: false },
        { label: 'province', path: `/cong-khai/co-quan/${province.id}`, revalidate: false },
        { label: 'open data api', path: '/api/public/tasks?limit=100', revalidate: false },
        // What a CDN in front does once it holds the page: ask again with its ETag, get 304.
        { label: 'home, revalidated', path: '/cong-khai', revalidate: true },
      ];
      const lines: string[] = [];
      for (const { label, path, revalidate } of targets) {
        // The first request renders (and, the day's first, builds the tally); the clients then measure.
        const first = performance.now();
        const res = await fetch(`${app.base}${path}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
        progress(`  ${label} (${path}): first request ${(performance.now() - first).toFixed(0)} ms`);
        const etag = res.headers.get('etag') ?? '';
        const load1 = loadavg()[0]!;
        const r = await hammer(app.base, path, revalidate ? { 'if-none-match': etag } : {}, seconds);
        progress(
          `  ${label}: ${r.requests} requests by ${CLIENTS} clients in ${seconds} s, p50 ${r.p50.toFixed(1)} ms, ` +
            `p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms` +
            (r.failures ? `, ${r.failures} not 200 or 304` : '') +
            `; machine load average ${load1.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`,
        );
        const name = label.startsWith('open data') ? label : `public page (${label})`;
        lines.push(`${name} req/s: ${r.rate.toFixed(0)}`, `${name} p99 ms: ${r.p99.toFixed(1)}`);
      }
      for (const line of lines) console.log(line);
    } finally {
      await app.close();
    }
  } finally {
    if (values.keep || values.loaded) {
      await db.close();
      progress(`  the loaded database is kept: ${url}`);
    } else {
      await drop();
      server.stop();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
