import { buildApp } from '../src/app/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { openPostgres } from '../src/db/db.ts';
import { localStorage } from '../src/storage/storage.ts';

const db = await openPostgres(process.argv[2]!, 32);
const config = loadConfig({ DATA_DIR: '/tmp/probe-data', LOG_LEVEL: 'silent', DEMO_DATA: 'false', WORKERS: 'false' });
const app = await buildApp({ db, config, storage: localStorage('/tmp/probe-data/files') }, { logger: false });
await app.ready();
for (const path of ['/cong-khai/co-quan/119', '/api/health']) {
  await app.inject(path);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) await app.inject(path);
  const c = process.cpuUsage(c0);
  console.log(
    path,
    'wall/req',
    ((performance.now() - t0) / 300).toFixed(2),
    'ms; cpu/req',
    ((c.user + c.system) / 1000 / 300).toFixed(2),
    'ms',
  );
}
await app.close();
await db.close();
