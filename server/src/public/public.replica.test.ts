// READ_DATABASE_URL (issue 12, item 6): the public site, open data and dashboards read from a PostgreSQL
// streaming replica; every write goes to the primary. This file starts its own primary and a real replica
// of it with Debian's PostgreSQL (`pg_basebackup -R`, scripts/pg-temp.mjs) — its own, not the suite's
// server, because it stops the primary. It shows that a report accepted on the primary reaches the public
// page once the replica has replayed it (and not before: replay is paused meanwhile), and that the public
// pages keep being served while the primary is down.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, loginAs, testConfig } from '../../test/app.ts';
import { makeProgressWorld, type ProgressWorld } from '../../test/factories/reports.ts';
import { buildApp } from '../app/app.ts';
import { type Db, openPostgres, openReplica } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { sql } from '../db/sql.ts';
import { localStorage } from '../storage/storage.ts';

interface TempServer {
  url: string;
  stop(): void;
}
interface TempPrimary extends TempServer {
  halt(): void;
  startReplica(): Promise<TempServer>;
}
type PgTemp = { startTempPostgres(options: { log?: (line: string) => void }): Promise<TempPrimary | null> };
type SystemDeps = { postgresBinDir(): string | null };

const scripts = new URL('../../../scripts/', import.meta.url).href;
const { postgresBinDir } = (await import(`${scripts}system-deps.mjs`)) as SystemDeps;
const onServer = Boolean(process.env.TEST_DATABASE_URL);
const skipReason = !onServer
  ? 'runs in the PostgreSQL part of the suite (TEST_DATABASE_URL); skipped on PGlite'
  : !postgresBinDir()
    ? "needs Debian's PostgreSQL tools (pg_basebackup) to start a replica"
    : null;
if (skipReason) console.log(`public.replica.test.ts skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('a read replica (READ_DATABASE_URL)', () => {
  let primary: TempPrimary;
  let replica: TempServer;
  let primaryDb: Db;
  let replicaDb: Db;
  let app: FastifyInstance;
  let w: ProgressWorld;

  beforeAll(async () => {
    const { startTempPostgres } = (await import(`${scripts}pg-temp.mjs`)) as PgTemp;
    const started = await startTempPostgres({ log: () => {} });
    if (!started) throw new Error('could not start a PostgreSQL server');
    primary = started;
    primaryDb = await openPostgres(primary.url, 5);
    await migrate(primaryDb);
    w = await makeProgressWorld(primaryDb);
    replica = await primary.startReplica();
    replicaDb = await openReplica(replica.url, primaryDb, 5);
    const dataDir = mkdtempSync(join(tmpdir(), 'giamsat-replica-test-'));
    const config = testConfig(dataDir);
    app = await buildApp(
      { db: primaryDb, readDb: replicaDb, config, storage: localStorage(join(dataDir, 'files')) },
      { logger: false },
    );
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await replicaDb?.close();
    await primaryDb?.close();
    replica?.stop();
    primary?.stop();
  });

  /**
   * Waits until the replica has replayed everything the primary has written so far: its WAL insert
   * position, which counts commits not yet flushed (the test server commits asynchronously).
   */
  async function replayed(): Promise<void> {
    const [{ lsn } = { lsn: '' }] = await primaryDb.query<{ lsn: string }>(
      sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`,
    );
    for (;;) {
      const [row] = await replicaDb.query<{ caught_up: boolean }>(
        sql`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS caught_up`,
      );
      if (row?.caught_up) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const narrative = 'Đã vận hành nền tảng dữ liệu, kết quả nghiệm thu qua bản sao REPLICA-4471';

  it('shows a report accepted on the primary once the replica has replayed it, not before', async () => {
    const visitor = anonymous(app);
    const taskPage = `/cong-khai/nhiem-vu/${w.task.id}`;
    await replayed();
    const before = await visitor.get(taskPage);
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain(narrative);

    // Replay held: the write lands on the primary, the public page (read from the replica) does not see it.
    await replicaDb.query(sql`SELECT pg_wal_replay_pause()`);
    for (;;) {
      const [row] = await replicaDb.query<{ state: string }>(sql`SELECT pg_get_wal_replay_pause_state() AS state`);
      if (row?.state === 'paused') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const lead = await loginAs(app, w.users.leadFocal);
    const office = await loginAs(app, w.users.office);
    const report = await lead.post(`/api/tasks/${w.task.id}/reports`, { percent: 70, narrative, submit: true });
    expect(report.statusCode, report.body).toBe(201);
    const review = await office.post(`/api/reports/${report.json<{ id: number }>().id}/review`, { decision: 'accept' });
    expect(review.statusCode, review.body).toBe(200);
    const [onPrimary] = await primaryDb.query<{ state: string }>(
      sql`SELECT state FROM progress_reports WHERE narrative = ${narrative}`,
    );
    expect(onPrimary?.state).toBe('accepted');
    const held = await visitor.get(taskPage);
    expect(held.statusCode).toBe(200);
    expect(held.body).not.toContain(narrative);
    expect(held.headers.etag).toBe(before.headers.etag);

    await replicaDb.query(sql`SELECT pg_wal_replay_resume()`);
    await replayed();
    const after = await visitor.get(taskPage);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain(narrative);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('keeps serving the public pages, open data and the dashboard while the primary is down', async () => {
    const signedIn = await loginAs(app, w.users.leadFocal);
    await replayed();
    const [task] = await primaryDb.query<{ text: string }>(sql`SELECT text FROM tasks WHERE id = ${w.task.id}`);
    primary.halt();
    const [{ down } = { down: false }] = await primaryDb
      .query(sql`SELECT 1`)
      .then(() => [{ down: false }])
      .catch(() => [{ down: true }]);
    expect(down, 'the primary is stopped').toBe(true);

    const visitor = anonymous(app);
    for (const url of [
      '/cong-khai',
      '/cong-khai?lang=en',
      `/cong-khai/co-quan/${w.leadBody.id}`,
      `/cong-khai/van-ban/${w.directive.id}`,
      `/cong-khai/nhiem-vu/${w.task.id}?lang=en`,
      '/cong-khai/tim-kiem?q=nen+tang+du+lieu',
      '/open-data',
      '/open-data/tasks.csv',
      '/api/public/tasks',
      '/api/dashboard',
    ]) {
      const res = await visitor.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    expect((await visitor.get(`/cong-khai/nhiem-vu/${w.task.id}?lang=en`)).body).toContain(narrative);
    const csv = await visitor.get('/open-data/tasks.csv');
    expect(csv.body).toContain(task?.text);
    // A visitor with a session cookie is served the same public page: the session is not looked up.
    const page = await signedIn.get(`/cong-khai/co-quan/${w.leadBody.id}?lang=vi`);
    expect(page.statusCode).toBe(200);
  });
});
