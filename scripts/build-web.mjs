// Builds the web app (vite) when web/dist is missing or older than its sources, so `npm start` and the
// browser tests always serve what is in web/src. Node built-ins only.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newestMtime } from './newest-mtime.mjs';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'web');
// The server's contracts are part of the web app's bundle (imported schemas), and so are the shared enums.
const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'public'),
  join(web, 'vite.config.ts'),
  join(web, 'package.json'),
  join(root, 'packages/shared/src'),
];

export function webIsStale() {
  const built = join(web, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => newestMtime(source) > builtAt);
}

export function ensureWebBuilt({ force = false } = {}) {
  if (!force && !webIsStale()) return false;
  console.log('› Building the web app (vite build)…');
  execSync('npx vite build --logLevel warn', { cwd: web, stdio: 'inherit' });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureWebBuilt({ force: process.argv.includes('--force') });
