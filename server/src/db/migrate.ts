import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const FUNCTIONS_DIR = fileURLToPath(new URL('../../db/functions/', import.meta.url));
// Any constant works; it only has to be the same in every app process.
const MIGRATION_LOCK = 5_700_057;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(dir + file, 'utf8'),
    }));
}

/** The SQL functions, views and triggers as they are now (server/db/functions), in name order. */
export interface FunctionSet {
  files: { name: string; sql: string }[];
  /** Of the names and contents: stored once applied, so a start with nothing changed applies nothing. */
  hash: string;
}

export function listFunctions(dir = FUNCTIONS_DIR): FunctionSet {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(dir + name, 'utf8') }));
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.sql}\0`);
  return { files, hash: hash.digest('hex') };
}

/**
 * Brings the database up to date, in one transaction under an advisory lock (several app processes may
 * start at once against one server: one migrates while the others wait):
 *
 * 1. the numbered migrations (server/migrations: tables, indexes, data) not yet applied, in order;
 * 2. then the functions, views and triggers (server/db/functions), each file idempotent (CREATE OR
 *    REPLACE), when their files changed since they were last applied or a migration ran (it may have
 *    dropped a view to change a table). Unchanged, this costs one query.
 *
 * Returns the versions of the migrations applied and whether the functions were.
 */
export async function migrate(
  db: Db,
  options: { migrations?: Migration[]; functions?: FunctionSet } = {},
): Promise<{ migrations: number[]; functions: boolean }> {
  const migrations = options.migrations ?? listMigrations();
  const functions = options.functions ?? listFunctions();
  await db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS schema_functions (hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    const [current] = await tx.query<{ hash: string }>('SELECT hash FROM schema_functions');
    if (done.length === 0 && current?.hash === functions.hash) return { migrations: done, functions: false };
    // As pg_dump does: a function's body may call one defined in a later file; it is checked when called.
    await tx.query('SET LOCAL check_function_bodies = off');
    for (const file of functions.files) await tx.exec(file.sql);
    await tx.query('DELETE FROM schema_functions');
    await tx.query('INSERT INTO schema_functions (hash) VALUES ($1)', [functions.hash]);
    return { migrations: done, functions: true };
  });
}
