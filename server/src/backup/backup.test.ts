import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, multipart } from '../../test/app.ts';
import { PGLITE_SNAPSHOT_ENV, TEMPLATE_DB, withAdmin } from '../../test/db.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { makeProgressWorld, makeReport } from '../../test/factories/reports.ts';
import { buildApp } from '../app/app.ts';
import { loadConfig } from '../config/config.ts';
import { type Db, openPglite, openPostgres } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { sql } from '../db/sql.ts';
import { localStorage, type Storage, sha256Hex } from '../storage/storage.ts';
import { createBackup, type DatabaseTarget, listArchive, restoreBackup } from './backup.service.ts';

// The round trip an operator makes: data with stored evidence files → npm run backup's archive → a
// restore into an empty database and empty storage → the same rows in every table, the same bytes in
// every file. On PGlite (its data directory) and, under scripts/test.mjs, on PostgreSQL (pg_dump).

const serverUrl = process.env.TEST_DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'giamsat-backup-test-'));
const created: string[] = [];

/** An empty target, or a migrated source, of the kind the suite runs on. */
async function newDatabase(migrated: boolean): Promise<DatabaseTarget> {
  if (serverUrl) {
    const name = `giamsat_backup_${randomBytes(5).toString('hex')}`;
    await withAdmin(serverUrl, (admin) =>
      admin.query(migrated ? `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}` : `CREATE DATABASE ${name}`),
    );
    created.push(name);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return { kind: 'postgres', url: url.toString() };
  }
  const dir = join(work, `pglite-${randomBytes(4).toString('hex')}`);
  if (migrated) {
    const snapshot = process.env[PGLITE_SNAPSHOT_ENV];
    const db = await openPglite(dir, snapshot ? { loadDataDir: new Blob([readFileSync(snapshot)]) } : {});
    await migrate(db);
    await db.close();
  }
  return { kind: 'pglite', dir };
}

const open = (target: DatabaseTarget): Promise<Db> =>
  target.kind === 'postgres' ? openPostgres(target.url, 2) : openPglite(target.dir);

/** Every row of every table, as text in a stable order: what "the same data" means. */
async function everyRow(db: Db): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string; qualified: string }>(
    `SELECT schemaname || '.' || tablename AS name, format('%I.%I', schemaname, tablename) AS qualified
     FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const all: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM ${table.qualified} t`);
    all[table.name] = rows.map((r) => r.row).sort();
  }
  return all;
}

async function everyFile(storage: Storage): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const key of storage.list()) files[key] = sha256Hex(await storage.get(key));
  return files;
}

describe(`backup and restore (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let source: DatabaseTarget;
  let sourceStorage: Storage;
  let archive: string;
  let uploaded: number;

  beforeAll(async () => {
    source = await newDatabase(true);
    sourceStorage = localStorage(join(work, 'source-files'));
    // Demo-like data written the app's way: bodies, a plan, a task, accounts, reports with history,
    // and evidence files (a PDF, a spreadsheet-like CSV, an image) uploaded through the API.
    const db = await open(source);
    const config = loadConfig({ DATA_DIR: work, DEMO_DATA: 'false', WORKERS: 'false', LOG_LEVEL: 'silent' });
    const app = await buildApp({ db, config, storage: sourceStorage }, { logger: false });
    try {
      await app.ready();
      const w = await makeProgressWorld(db);
      const lead = await loginAs(app, w.users.leadFocal);
      const files = [
        { filename: 'Báo cáo quý III.pdf', bytes: samplePdf('Bao cao quy III'), contentType: 'application/pdf' },
        { filename: 'Số liệu tháng 10.csv', bytes: Buffer.from('Chỉ tiêu;Giá trị\nHồ sơ trực tuyến;82\n') },
        {
          filename: 'ảnh hiện trường.png',
          bytes: Buffer.from(
            'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
            'base64',
          ),
        },
      ];
      uploaded = 0;
      for (const percent of [30, 60]) {
        const report = await makeReport(db, { task: w.task, agency: w.leadBody, author: w.users.leadFocal, percent });
        const res = await lead.request({
          method: 'POST',
          url: `/api/reports/${report.id}/evidence`,
          ...multipart(files),
        });
        expect(res.statusCode, res.body).toBe(201);
        uploaded += files.length;
      }
    } finally {
      await app.close();
      await db.close();
    }
    archive = join(work, 'giamsat.tar.gz');
  }, 120_000);

  afterAll(async () => {
    if (serverUrl) {
      for (const name of created) {
        await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      }
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('restores every row of every table and every stored file, and says so against its manifest', async () => {
    const lines: string[] = [];
    const manifest = await createBackup(source, sourceStorage, archive, (line) => lines.push(line));
    expect(manifest.database.kind).toBe(source.kind);
    expect(manifest.files).toHaveLength(uploaded);
    expect(lines.some((line) => /tables, \d+ rows/.test(line))).toBe(true);
    // A second backup never writes over the first.
    await expect(createBackup(source, sourceStorage, archive)).rejects.toThrow(/already exists/);
    const names = await listArchive(archive);
    expect(names[0]).toBe('backup.json');
    expect(names.at(-1)).toBe('manifest.json');
    expect(names.filter((name) => name.startsWith('files/'))).toHaveLength(uploaded);

    const target = await newDatabase(false);
    const targetStorage = localStorage(join(work, 'restored-files'));
    const progress: string[] = [];
    const result = await restoreBackup(archive, target, targetStorage, (line) => progress.push(line));
    expect(result.problems).toEqual([]);
    expect(progress.join('\n')).toMatch(/database restored[\s\S]*tables match[\s\S]*files match/);

    const [before, after] = await Promise.all([open(source), open(target)]);
    try {
      const sourceRows = await everyRow(before);
      const restoredRows = await everyRow(after);
      expect(Object.keys(restoredRows)).toEqual(Object.keys(sourceRows));
      for (const table of Object.keys(sourceRows)) expect(restoredRows[table], table).toEqual(sourceRows[table]);
      // The data is the app's: the evidence rows point at the restored files.
      const keys = await after.query<{ storage_key: string; sha256: string }>(
        sql`SELECT storage_key, sha256 FROM stored_files ORDER BY storage_key`,
      );
      const restoredFiles = await everyFile(targetStorage);
      expect(keys.length).toBe(uploaded);
      for (const file of keys) expect(restoredFiles[file.storage_key]).toBe(file.sha256);
    } finally {
      await Promise.all([before.close(), after.close()]);
    }
    expect(await everyFile(targetStorage)).toEqual(await everyFile(sourceStorage));
  }, 180_000);

  it('refuses a target database or storage that is not empty, before writing anything', async () => {
    // The source itself: a database with the app's tables.
    const emptyStorage = localStorage(join(work, 'unused-files'));
    await expect(restoreBackup(archive, source, emptyStorage)).rejects.toThrow(/not empty/);
    expect(await everyFile(emptyStorage)).toEqual({});

    const emptyDatabase = await newDatabase(false);
    await expect(restoreBackup(archive, emptyDatabase, sourceStorage)).rejects.toThrow(/file storage is not empty/);
    const db = await open(emptyDatabase);
    try {
      const tables = await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('finds a restore that does not match its manifest (a stored file altered afterwards)', async () => {
    const target = await newDatabase(false);
    const targetStorage = localStorage(join(work, 'tampered-files'));
    const tampering: Storage = {
      ...targetStorage,
      putAs: (key, bytes) => targetStorage.putAs(key, key.endsWith('.pdf') ? Buffer.from('not the same') : bytes),
    };
    const result = await restoreBackup(archive, target, tampering);
    expect(result.problems).toHaveLength(2);
    for (const problem of result.problems) expect(problem).toMatch(/^file .+\.pdf: its SHA-256 differs/);
  }, 120_000);

  it('refuses a file that is not a backup', async () => {
    const notBackup = join(work, 'not-a-backup.tar.gz');
    writeFileSync(notBackup, 'hello');
    await expect(restoreBackup(notBackup, await newDatabase(false), localStorage(join(work, 'x')))).rejects.toThrow();
  });
});
