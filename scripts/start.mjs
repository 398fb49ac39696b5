// `npm start`: build the web app and the server when their sources changed, then run the built server
// with plain node: it migrates, loads demo data and serves the app and the API on the embedded database
// (or DATABASE_URL).
import { spawn } from 'node:child_process';
import { ensureBuilt } from './build.mjs';
import { builtServerArgs } from './build-server.mjs';

const root = new URL('..', import.meta.url).pathname;
ensureBuilt();
const child = spawn(process.execPath, builtServerArgs, {
  cwd: root,
  stdio: 'inherit',
  env: { TZ: 'Asia/Ho_Chi_Minh', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
