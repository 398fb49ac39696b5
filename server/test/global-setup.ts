import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openPostgres, PGLITE_EXTENSIONS, wrapPglite } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { PGLITE_SNAPSHOT_ENV, TEMPLATE_DB, withAdmin } from './db.ts';

/**
 * Migrate once for the whole run, not once per test file: on a PostgreSQL server, the template
 * database every test file clones; on PGlite, a data-directory snapshot every test file loads.
 * (Migrating an embedded database costs seconds; done in each of ~40 files it was most of the
 * suite's time.)
 */
export default async function setup(): Promise<(() => void) | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    await migrateTemplate(serverUrl);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'giamsat-pglite-snapshot-'));
  const file = join(dir, 'migrated.tar');
  const lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  await migrate(await wrapPglite(lite));
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  // Test workers are started after this and inherit the environment.
  process.env[PGLITE_SNAPSHOT_ENV] = file;
  return () => rmSync(dir, { recursive: true, force: true });
}

async function migrateTemplate(serverUrl: string): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const db = await openPostgres(url.toString(), 1);
  await migrate(db);
  await db.close();
}
