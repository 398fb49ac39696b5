import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import type { Db } from '../db/db.ts';

const DEBIAN_PG = '/usr/lib/postgresql';

/**
 * Debian's pg_dump or pg_restore for the server: the one of the server's major version, or a newer one
 * (each reads and writes the dumps of older servers, never of newer ones).
 */
export async function pgTool(db: Db, tool: 'pg_dump' | 'pg_restore'): Promise<string> {
  const [row] = await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  const major = Math.floor(Number(row!.v) / 10_000);
  const installed = existsSync(DEBIAN_PG)
    ? readdirSync(DEBIAN_PG)
        .map(Number)
        .filter((v) => v >= major && existsSync(`${DEBIAN_PG}/${v}/bin/${tool}`))
        .sort((a, b) => a - b)
    : [];
  if (!installed.length) {
    throw new BackupError(
      `${tool} for PostgreSQL ${major} was not found under ${DEBIAN_PG}: install Debian's postgresql-client-${major} ` +
        `(or a newer postgresql-client).`,
    );
  }
  return `${DEBIAN_PG}/${installed[0]}/bin/${tool}`;
}

/**
 * The libpq environment for a database URL: the password goes in PGPASSWORD rather than on the command
 * line, where any user of the machine could read it in the process list.
 */
export function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a PostgreSQL client program; fails with its own message (the last lines of its stderr). */
export function runPgTool(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${program.split('/').pop()} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/** A refusal or a failure the operator can act on: printed as it is, without a stack. */
export class BackupError extends Error {
  override name = 'BackupError';
}
