// Starts a throw-away PostgreSQL server from Debian's package in a temporary folder, for the test
// suite and the benchmark when no server is given. initdb refuses to run as root, so as root the
// cluster runs as the 'postgres' system user that the Debian package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  const halt = () =>
    spawnSync(`${bin}/pg_ctl`, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { uid, gid, cwd: dir });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** Stops the server (as a crash would), keeping its files: its replicas carry on alone. */
    halt,
    stop() {
      halt();
      rmSync(dir, { recursive: true, force: true });
    },
    /**
     * Starts a streaming replica of this server (a hot standby: it answers reads), in its own temporary
     * folder on another port: `pg_basebackup -R` copies the cluster and writes the standby settings.
     * initdb's default pg_hba.conf lets 127.0.0.1 replicate and wal_level's default is 'replica'.
     */
    async startReplica() {
      const replicaDir = mkdtempSync(join(tmpdir(), 'giamsat-pg-replica-'));
      if (isRoot) chownSync(replicaDir, uid, gid);
      chmodSync(replicaDir, 0o700);
      const replicaData = join(replicaDir, 'data');
      let replicaUrl;
      const at = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
      try {
        run(`${bin}/pg_basebackup`, ['-D', replicaData, '-R', '-X', 'stream', '-c', 'fast', ...at]);
        const replicaPort = await freePort();
        // The copied settings are the primary's (a standby needs as many connections); later lines win.
        appendFileSync(
          join(replicaData, 'postgresql.auto.conf'),
          [`port = ${replicaPort}`, `unix_socket_directories = '${replicaDir}'`, ''].join('\n'),
        );
        run(`${bin}/pg_ctl`, ['-D', replicaData, '-l', join(replicaDir, 'server.log'), '-w', 'start']);
        replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
      } catch (error) {
        rmSync(replicaDir, { recursive: true, force: true });
        throw error;
      }
      log(`› Started a streaming replica of it at ${replicaUrl}`);
      return {
        url: replicaUrl,
        stop() {
          spawnSync(`${bin}/pg_ctl`, ['-D', replicaData, '-m', 'immediate', '-w', 'stop'], {
            uid,
            gid,
            cwd: replicaDir,
          });
          rmSync(replicaDir, { recursive: true, force: true });
        },
      };
    },
  };
}
