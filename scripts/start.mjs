// `npm start`: build the web app when its sources changed, then migrate, load demo data and serve the
// app and the API on the embedded database (or DATABASE_URL).
import { spawn } from 'node:child_process';
import { ensureWebBuilt } from './build-web.mjs';

const root = new URL('..', import.meta.url).pathname;
ensureWebBuilt();
const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { TZ: 'Asia/Ho_Chi_Minh', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
