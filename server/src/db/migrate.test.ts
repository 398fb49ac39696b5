import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../test/app.ts';
import type { Db } from './db.ts';
import { listFunctions, listMigrations, migrate } from './migrate.ts';

// The functions, views and triggers live in server/db/functions, one file showing each one's current
// body; the migrations keep the tables. A database made by the migrations ends with the files' bodies.

const FUNCTIONS_DIR = new URL('../../db/functions/', import.meta.url);

/** Every function, view and trigger the app defined (not those of extensions or constraints), by name. */
async function definedObjects(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>(`
    SELECT 'function ' || p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 'view ' || viewname FROM pg_views WHERE schemaname = 'public'
    UNION ALL
    SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_class c ON c.oid = t.typrelid
    WHERE n.nspname = 'public' AND c.relkind = 'c'`);
  return rows.map((r) => r.name).sort();
}

/** The same, as the files create them (a name created twice would be an overload). */
function objectsInFiles(): string[] {
  const names: string[] = [];
  for (const file of listFunctions().files) {
    for (const match of file.sql.matchAll(/^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|VIEW|TRIGGER|TYPE)\s+(\w+)/gim)) {
      names.push(`${match[1]!.toLowerCase()} ${match[2]}`);
    }
  }
  return names.sort();
}

/** Each definition's full text as the database shows it. */
async function definitions(db: Db): Promise<string[]> {
  const rows = await db.query<{ definition: string }>(`
    SELECT pg_get_functiondef(p.oid) AS definition FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT viewname || ': ' || definition FROM pg_views WHERE schemaname = 'public'
    UNION ALL
    SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal`);
  return rows.map((r) => r.definition).sort();
}

describe('functions, views and triggers from server/db/functions', () => {
  const db = useTestDb();

  it('a migrated database holds exactly what the files define: each function, view and trigger once', async () => {
    expect(await definedObjects(db)).toEqual(objectsInFiles());
  });

  it('holds the files’ bodies: applying the files again changes nothing, and an unchanged start applies nothing', async () => {
    const before = await definitions(db);
    const files = listFunctions();
    expect(await migrate(db, { functions: { ...files, hash: 'forced' } })).toEqual({ migrations: [], functions: true });
    expect(await definitions(db)).toEqual(before);
    expect(await migrate(db)).toEqual({ migrations: [], functions: true });
    expect(await migrate(db)).toEqual({ migrations: [], functions: false });
    const [stored] = await db.query<{ hash: string }>('SELECT hash FROM schema_functions');
    expect(stored?.hash).toBe(files.hash);
  });

  it('a changed file is applied at the next start, and a migration that dropped a view gets it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'giamsat-functions-'));
    try {
      cpSync(FUNCTIONS_DIR, dir, { recursive: true });
      const file = join(dir, 'demo_random.sql');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(/AS \$\$ SELECT .* \$\$;/, () => 'AS $$ SELECT 0.25::float8 $$;'),
      );
      const changed = listFunctions(`${dir}/`);
      expect(changed.hash).not.toBe(listFunctions().hash);
      expect(await migrate(db, { functions: changed })).toEqual({ migrations: [], functions: true });
      const [random] = await db.query<{ value: number }>('SELECT demo_random(1, 2) AS value');
      expect(random?.value).toBe(0.25);

      const dropping = { version: 9999, name: 'drops_a_view', sql: 'DROP VIEW agency_provinces' };
      expect(await migrate(db, { migrations: [...listMigrations(), dropping] })).toEqual({
        migrations: [9999],
        functions: true,
      });
      const [view] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_views WHERE viewname = 'agency_provinces'`,
      );
      expect(view?.n).toBe(1);
      const [restored] = await db.query<{ value: number }>('SELECT demo_random(1, 2) AS value');
      expect(restored?.value).not.toBe(0.25);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
