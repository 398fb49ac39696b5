// Starts a throw-away PostgreSQL server from Debian's package in a temporary folder, for the test
// suite and the benchmark when no server is given. initdb refuses to run as root, so as root the
// cluster runs as the 'postgres' system user that the Debian package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePostgres } from './system-deps.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// The test suite trades durability for speed (fsync off). The benchmark asks for `durable: true`: the
// server's own defaults (fsync, synchronous_commit, full_page_writes on), so a report counted as
// submitted per second is one that survives a crash; only memory and WAL sizing are raised.
export async function startTempPostgres({ log = console.log, durable = false } = {}) {
  const bin = ensurePostgres();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'giamsat-pg-'));
  const dataDir = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  let uid;
  let gid;
  if (isRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (cmd, args) => {
    const result = spawnSync(cmd, args, { uid, gid, encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  run(`${bin}/initdb`, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  writeFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'max_connections = 300',
      'shared_buffers = 512MB',
      ...(durable
        ? ['max_wal_size = 4GB', 'checkpoint_timeout = 15min', 'work_mem = 32MB', 'maintenance_work_mem = 512MB']
        : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
      '',
    ].join('\n'),
  );
  if (isRoot) chownSync(join(dataDir, 'postgresql.auto.conf'), uid, gid);
  run(`${bin}/pg_ctl`, ['-D', dataDir, '-l', join(dir, 'server.log'), '-w', 'start']);
  log(`› Started a temporary PostgreSQL server on port ${port}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      spawnSync(`${bin}/pg_ctl`, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { uid, gid, cwd: dir });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
