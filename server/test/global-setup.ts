import { openPostgres } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { TEMPLATE_DB, withAdmin } from './db.ts';

/** On a PostgreSQL server: build the migrated template database every test file clones. */
export default async function setup(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
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
