import type { Db } from '../db/db.ts';

/** A table as a backup saw it: its rows and a checksum of their content, compared after a restore. */
export interface TableCensus {
  name: string;
  rows: number;
  /**
   * The sum of a 60-bit slice of md5(row as text) over the rows: independent of row order and computed
   * as the rows stream by (no sort, no string of the whole table), so it scales with the table. It
   * finds a lost, added or altered row; it is not a defence against someone forging rows on purpose
   * (the audit trail's hash chain is).
   */
  checksum: string;
}

/**
 * Every table of the database (all schemas but the system's), by name. Run inside one snapshot (a
 * REPEATABLE READ transaction) to describe the same moment as the dump.
 */
export async function censusTables(db: Db): Promise<TableCensus[]> {
  const tables = await db.query<{ name: string; qualified: string }>(
    `SELECT schemaname || '.' || tablename AS name, format('%I.%I', schemaname, tablename) AS qualified
     FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
     ORDER BY schemaname, tablename`,
  );
  const census: TableCensus[] = [];
  for (const table of tables) {
    const [row] = await db.query<{ rows: number; checksum: string }>(
      `SELECT count(*)::int AS rows,
              coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)::text AS checksum
       FROM ${table.qualified} t`,
    );
    census.push({ name: table.name, rows: row!.rows, checksum: row!.checksum });
  }
  return census;
}

/** The user tables of a database: a restore only goes into one that has none. */
export async function countUserTables(db: Db): Promise<{ count: number; some: string[] }> {
  const rows = await db.query<{ name: string }>(
    `SELECT schemaname || '.' || tablename AS name FROM pg_tables
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  return { count: rows.length, some: rows.slice(0, 3).map((r) => r.name) };
}
