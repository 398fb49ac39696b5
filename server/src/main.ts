import { STALE_AFTER_DAYS } from '@giamsat/shared';
import { buildApp } from './app/app.ts';
import { jobDefinitions, recurringJobs } from './app/jobs.ts';
import { vietnamDate } from './calendar/calendar.ts';
import { loadConfig } from './config/config.ts';
import { monthStarts } from './dashboard/dashboard.queries.ts';
import { keepTodayTallied } from './dashboard/dashboard.tally.ts';
import { openDb, openReplica } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { keepRecurringJobsQueued, startWorker } from './jobs/job.service.ts';
import { openStorage } from './storage/open-storage.ts';

// Starts one app process. Any number of these may run against one PostgreSQL server: sessions,
// jobs and files live in the database and the storage, never only in this process.
async function main() {
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir, poolSize: config.dbPoolSize });
  await migrate(db);
  // Public pages, open data and dashboards read from the replica when there is one (never migrated: it
  // replays the primary).
  const readDb = config.readDatabaseUrl ? await openReplica(config.readDatabaseUrl, db, config.dbPoolSize) : db;
  if (config.demoData) {
    const { ensureDemoData } = await import('./demo/demo.service.ts');
    await ensureDemoData(db, { log: (line) => console.log(line), scale: config.demoScale });
  }
  const storage = openStorage(config);
  const app = await buildApp({ db, readDb, config, storage });
  if (!config.secondFactor.key) {
    app.log.warn('SECOND_FACTOR_KEY is not set: second-factor secrets are stored unencrypted (see README)');
  }
  const worker = config.workers
    ? startWorker(app.ctx, jobDefinitions, { onError: (error) => app.log.error({ err: error }, 'job worker') })
    : null;
  // The day's reminders: every process queues them, the day's unique key keeps one run.
  const recurring = config.workers
    ? keepRecurringJobsQueued(db, recurringJobs, {
        onError: (error) => app.log.error({ err: error }, 'recurring jobs'),
      })
    : null;
  // Today's national dashboard tally, built before anyone asks and kept compact (dashboard.tally.ts).
  const tally = config.workers
    ? keepTodayTallied(db, {
        today: () => vietnamDate(),
        staleAfterDays: STALE_AFTER_DAYS,
        monthStarts,
        onError: (error) => app.log.error({ err: error }, 'dashboard tally'),
      })
    : null;
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(
    `\ngiamsat đang chạy tại / is running at ${address.replace('127.0.0.1', 'localhost')}\n  API docs: ${address}/api/docs\n`,
  );
  const stop = async () => {
    tally?.stop();
    recurring?.stop();
    await worker?.stop();
    await app.close();
    if (readDb !== db) await readDb.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
