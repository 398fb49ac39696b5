// What `npm start` and the browser journeys build before they start the server: the web app and the
// server, each only when its sources changed. One build at a time: the README starts several app
// processes from one checkout at once, and a process must not start on files another one is rewriting.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServerBuilt } from './build-server.mjs';
import { ensureWebBuilt } from './build-web.mjs';

const root = new URL('..', import.meta.url).pathname;
const lock = join(root, 'node_modules', '.giamsat-build.lock');
// A build that died leaves its lock behind; one older than this is taken over.
const abandonedAfterMs = 10 * 60_000;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockedAt() {
  try {
    return statSync(lock).mtimeMs;
  } catch {
    return Date.now(); // released meanwhile: try again
  }
}

export function ensureBuilt() {
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - lockedAt() > abandonedAfterMs) rmSync(lock, { recursive: true, force: true });
      else {
        if (!waiting) console.log('› Waiting for another build to finish…');
        waiting = true;
        sleep(500);
      }
    }
  }
  try {
    ensureWebBuilt();
    ensureServerBuilt();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
