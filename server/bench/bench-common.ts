// What the benchmarks share: a PostgreSQL server (yours or a temporary one), a scratch database on it,
// the national scale loaded, the real app listening on 127.0.0.1, and percentiles. Progress goes to stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/app/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { type Db, openPostgres } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { generateDemoData } from '../src/demo/generate.ts';
import { localStorage } from '../src/storage/storage.ts';

export const progress = (line: string) => process.stderr.write(`${line}\n`);

interface TempPostgres {
  url: string;
  stop(): void;
}
type StartTempPostgres = (options: { log?: (line: string) => void; durable?: boolean }) => Promise<TempPostgres | null>;

export async function postgresServer(): Promise<TempPostgres> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop() {} };
  const script = new URL('../../scripts/pg-temp.mjs', import.meta.url).href;
  const { startTempPostgres } = (await import(script)) as { startTempPostgres: StartTempPostgres };
  const temp = await startTempPostgres({ durable: true, log: progress });
  if (!temp) throw new Error("No PostgreSQL server: set DATABASE_URL or install Debian's postgresql package.");
  return temp;
}

export async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
};

export async function load(db: Db, label: string, referenceDate: string): Promise<void> {
  const started = performance.now();
  await migrate(db);
  await generateDemoData(db, {
    scale: 'national',
    referenceDate,
    label: `national scale into ${label}`,
    log: progress,
  });
  progress(`  national scale loaded into ${label} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

export async function startApp(db: Db) {
  const dataDir = mkdtempSync(join(tmpdir(), 'giamsat-bench-app-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    WORKERS: 'false',
    // The benchmarks sign offices in with a password alone (no authenticator app to answer a code).
    SECOND_FACTOR_REQUIRED_ROLES: '',
  });
  const app = await buildApp({ db, config, storage: localStorage(join(dataDir, 'files')) }, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A scratch database on the server (`jit = off`, see below) and a pool on it; `drop()` closes and drops it. */
export async function scratchDatabase(
  serverUrl: string,
  poolSize = 32,
): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const name = `giamsat_bench_${Date.now()}`;
  await admin(serverUrl, async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    // PostgreSQL JIT-compiles any statement estimated above jit_above_cost; the dashboard's one pass
    // over 200,000 tasks crosses it, and compiling (EXPLAIN: ~800 ms of "Emission" on a loaded 2-CPU
    // machine) costs more than it saves on every request. Recommended for production too.
    await c.query(`ALTER DATABASE ${name} SET jit = off`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), poolSize);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
    },
  };
}
