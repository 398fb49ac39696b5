import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import type { Sql } from './sql.ts';

export type Row = Record<string, unknown>;

/**
 * The one database handle every service function takes. The same code runs on PGlite (embedded,
 * one connection in-process) and on a PostgreSQL server (a pool); a transaction hands out a handle
 * of the same shape, and nesting reuses the outer transaction.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Set on a read replica's handle (openReplica): the primary, where any write a read path needs
   * (building the day's tally, folding the public version) must go. A hot standby refuses writes.
   */
  readonly primary?: Db;
  query<T = Row>(sql: string | Sql, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters), e.g. a migration. */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Dates stay 'yyyy-mm-dd' strings: a JS Date for a calendar day shifts with the time zone.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (v: string) => Number(v);
const identity = (v: string) => v;

pg.types.setTypeParser(DATE_OID, identity);
pg.types.setTypeParser(INT8_OID, toNumber);
pg.types.setTypeParser(NUMERIC_OID, toNumber);

function toQuery(query: string | Sql, params: readonly unknown[]): { text: string; values: unknown[] } {
  return typeof query === 'string' ? { text: query, values: [...params] } : query.compile();
}

// Extensions the migrations create; PGlite must load them when it starts.
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm, ltree };
const PGLITE_PARSERS = { [DATE_OID]: identity, [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };

export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir, {
    extensions: PGLITE_EXTENSIONS,
    parsers: PGLITE_PARSERS,
    loadDataDir: options.loadDataDir,
  });
  return wrapPglite(lite);
}

/** The Db over an open PGlite (one connection: PGlite queues concurrent callers itself). */
export async function wrapPglite(lite: PGlite): Promise<Db> {
  await lite.exec(`SET TIME ZONE 'Asia/Ho_Chi_Minh'`);
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>, inTx: boolean): Db => ({
    kind: 'pglite',
    async query<T>(sql: string | Sql, params: readonly unknown[] = []) {
      const { text, values } = toQuery(sql, params);
      return (await q.query<T>(text, values, { parsers: PGLITE_PARSERS })).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      if (inTx) return fn(this);
      return lite.transaction((tx) => fn(wrap(tx, true)));
    },
    async close() {
      if (!inTx) await lite.close();
    },
  });
  return wrap(lite, false);
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  // JIT compilation costs more than it saves on the dashboard's sub-second aggregates (measured:
  // ~800 ms of compile time on one statement at national scale), so sessions turn it off.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: '-c timezone=Asia/Ho_Chi_Minh -c jit=off',
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  // Statements run the same on the pool (any free connection) as on the one client of a transaction.
  const statementsOn = (q: pg.Pool | pg.PoolClient): Pick<Db, 'kind' | 'query' | 'exec'> => ({
    kind: 'postgres',
    async query<T>(sql: string | Sql, params: readonly unknown[] = []) {
      const { text, values } = toQuery(sql, params);
      return (await q.query(text, values)).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  const clientDb = (client: pg.PoolClient): Db => ({
    ...statementsOn(client),
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      return fn(this);
    },
    async close() {},
  });
  return {
    ...statementsOn(pool),
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * A PostgreSQL streaming replica (a hot standby) for reads, beside its primary. Its data trail the
 * primary's by the replication lag; a route reads here only where that is acceptable (public figures).
 */
export async function openReplica(url: string, primary: Db, poolSize = 10): Promise<Db> {
  return { ...(await openPostgres(url, poolSize)), primary };
}

export async function openDb(options: { databaseUrl?: string; dataDir?: string; poolSize?: number }): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize) : openPglite(options.dataDir);
}
