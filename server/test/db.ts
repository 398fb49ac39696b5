import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Db, openPglite, openPostgres, PGLITE_EXTENSIONS, wrapPglite } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL (set by scripts/test.mjs when it
 * runs the suite against a PostgreSQL server) each file gets its own database cloned from a migrated
 * template; otherwise an in-memory PGlite restored from a migrated snapshot (both made once per run by
 * server/test/global-setup.ts; a file run without it migrates its own snapshot).
 * Migrated by migrate(): the migrations, then the functions, views and triggers of server/db/functions.
 */
export async function createTestDb(): Promise<Db> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? createPostgresTestDb(serverUrl) : createPgliteTestDb();
}

export const TEMPLATE_DB = 'giamsat_test_template';
/** Where global-setup left the migrated PGlite data directory (a tar file). */
export const PGLITE_SNAPSHOT_ENV = 'GIAMSAT_TEST_PGLITE_SNAPSHOT';

let snapshot: Promise<Blob> | undefined;

async function createPgliteTestDb(): Promise<Db> {
  snapshot ??= (async () => {
    const file = process.env[PGLITE_SNAPSHOT_ENV];
    if (file) return new Blob([readFileSync(file)]);
    const lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    await migrate(await wrapPglite(lite));
    const dump = await lite.dumpDataDir('none');
    await lite.close();
    return dump;
  })();
  return openPglite(undefined, { loadDataDir: await snapshot });
}

async function createPostgresTestDb(serverUrl: string): Promise<Db> {
  const name = `giamsat_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 5);
  return {
    kind: db.kind,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    transaction: db.transaction.bind(db),
    async close() {
      await db.close();
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
