// Compiles the server and the workspace packages it imports to JavaScript (each package's src/ → dist/,
// tsc project references, server/tsconfig.build.json) when dist is missing or older than the sources, so
// `npm start` and the browser journeys run plain `node` on what is in src. Development, tests and benchmarks
// keep running the TypeScript through tsx/vitest. Node built-ins only, like build-web.mjs.
//
// How the built code finds things:
// - Workspace packages export `{ "built": "./dist/index.js", "default": "./src/index.ts" }`: node started
//   with `--conditions=built` loads dist; tsx, vitest, vite and tsc take the sources by default.
// - Each dist/ mirrors its src/ at the same depth, so paths relative to import.meta.url (migrations, SQL
//   files, the body registry, web/dist) reach the same files from both.
// - `rewriteRelativeImportExtensions` turns the code's `./x.ts` imports into `./x.js`.
// The build only emits (--noCheck, the sources are isolatedModules): types are checked by `npm run typecheck`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, rmdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newestMtime } from './newest-mtime.mjs';

const root = new URL('..', import.meta.url).pathname;
// The projects of server/tsconfig.build.json: its references and itself.
const projects = ['packages/shared', 'packages/extraction', 'server'].map((dir) => join(root, dir));
const stamp = join(root, 'server', 'dist', '.built');

/** The built form of a server source file, e.g. `server/src/main.ts` → `server/dist/main.js`. */
export function builtPath(source) {
  return join(root, source.replace(/(^|\/)src\//, '$1dist/').replace(/\.ts$/, '.js'));
}

/** The arguments that make `node` run the built server (its workspace packages resolved to dist). */
export const builtServerArgs = ['--conditions=built', builtPath('server/src/main.ts')];

function sources() {
  return [
    join(root, 'tsconfig.base.json'),
    join(root, 'tsconfig.build.json'),
    ...projects.flatMap((dir) => [join(dir, 'src'), join(dir, 'package.json'), join(dir, 'tsconfig.build.json')]),
  ];
}

export function serverIsStale() {
  if (!existsSync(stamp)) return true;
  const builtAt = statSync(stamp).mtimeMs;
  return sources().some((source) => newestMtime(source) > builtAt);
}

/** Removes built files whose source is gone (moved or deleted), which tsc leaves behind. */
function pruneOrphans(dir, src) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      pruneOrphans(path, join(src, entry.name));
      if (readdirSync(path).length === 0) rmdirSync(path);
      continue;
    }
    const base = entry.name.match(/^(.*)\.(?:js|d\.ts)(?:\.map)?$/)?.[1];
    if (base !== undefined && !existsSync(join(src, `${base}.ts`))) rmSync(path);
  }
}

export function ensureServerBuilt({ force = false } = {}) {
  if (!force && !serverIsStale()) return false;
  console.log('› Building the server (tsc -b server/tsconfig.build.json)…');
  const startedAt = new Date();
  execSync(`npx tsc -b server/tsconfig.build.json --noCheck${force ? ' --force' : ''}`, {
    cwd: root,
    stdio: 'inherit',
  });
  for (const dir of projects) pruneOrphans(join(dir, 'dist'), join(dir, 'src'));
  // Dated when the build began: a source saved while tsc ran is newer, and builds again next time.
  writeFileSync(stamp, '');
  utimesSync(stamp, startedAt, startedAt);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureServerBuilt({ force: process.argv.includes('--force') });
