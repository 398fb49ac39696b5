// Loads demo or national-scale data into the configured database (DATABASE_URL, else PGlite in DATA_DIR):
//   npx tsx server/src/demo/cli.ts --scale demo|large|national [--reference-date yyyy-mm-dd] [--seed N]
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.ts';
import { openDb } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { formatAccounts } from './demo.service.ts';
import { type DemoScale, generateDemoData } from './generate.ts';

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'demo' },
      'reference-date': { type: 'string' },
      seed: { type: 'string', default: '57' },
    },
  });
  if (values.scale !== 'demo' && values.scale !== 'large' && values.scale !== 'national') {
    throw new Error('--scale must be demo, large or national');
  }
  const scale: DemoScale = values.scale;
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir, poolSize: config.dbPoolSize });
  try {
    await migrate(db);
    const [used] = await db.query<{ used: boolean }>(`SELECT EXISTS (SELECT 1 FROM users) AS used`);
    if (used?.used) throw new Error('the database already has accounts: load demo data into an empty database');
    const started = Date.now();
    const { accounts } = await generateDemoData(db, {
      scale,
      referenceDate: values['reference-date'],
      seed: Number(values.seed),
      log: (line) => console.log(line),
    });
    console.log(`Loaded ${scale} data in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(formatAccounts(accounts));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
