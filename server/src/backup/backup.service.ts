import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import tar from 'tar-stream';
import { type Db, openPglite, openPostgres, PGLITE_EXTENSIONS, wrapPglite } from '../db/db.ts';
import { type Storage, sha256Hex } from '../storage/storage.ts';
import { censusTables, countUserTables, type TableCensus } from './backup.census.ts';
import { BackupError, libpqTarget, pgTool, runPgTool } from './pg-tools.ts';

/**
 * One archive (.tar.gz) holds a whole installation:
 *
 *   backup.json                 what it is: format, database kind and version, when, the schema version
 *   database/postgres.dump      pg_dump's custom format (a PostgreSQL server), or
 *   database/pglite-datadir.tar the embedded database's data directory (PGlite's own dump of it)
 *   files/<storage key>         every stored file, under the key the database points to
 *   manifest.json               backup.json + each table's rows and checksum + each file's size and SHA-256
 *
 * The manifest comes last because it is written as the files stream into the archive; a restore checks
 * the restored database and storage against it.
 */
export const BACKUP_FORMAT = 'giamsat-backup';
const FORMAT_VERSION = 1;

/** Where a backup reads from or a restore writes to. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  database: { kind: DatabaseTarget['kind']; serverVersion: string; schemaVersion: number | null };
}

export interface BackupManifest extends BackupHeader {
  tables: TableCensus[];
  files: { key: string; size: number; sha256: string }[];
}

export type Log = (line: string) => void;

const PG_DUMP_ENTRY = 'database/postgres.dump';
const PGLITE_ENTRY = 'database/pglite-datadir.tar';
const FILE_PREFIX = 'files/';

async function describe(db: Db, kind: DatabaseTarget['kind']): Promise<BackupHeader> {
  const [row] = await db.query<{ version: string; schema: number | null }>(
    `SELECT current_setting('server_version') AS version,
            (SELECT max(version) FROM schema_migrations) AS schema`,
  );
  return {
    format: BACKUP_FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    database: { kind, serverVersion: row!.version, schemaVersion: row!.schema },
  };
}

/** The PGlite data directory must not be open elsewhere: two engines on one directory corrupt it. */
function assertPgliteIdle(dir: string) {
  if (existsSync(join(dir, 'postmaster.pid'))) {
    throw new BackupError(
      `The embedded database (${dir}) is in use: stop the app first. If no app is running (it stopped abnormally), ` +
        `start and stop it once, then try again.`,
    );
  }
}

function addEntry(pack: tar.Pack, name: string, body: Buffer | { path: string; size: number }): Promise<void> {
  const size = Buffer.isBuffer(body) ? body.length : body.size;
  const entry = pack.entry({ name, size, mode: 0o600, mtime: new Date() });
  return pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : createReadStream(body.path), entry);
}

/**
 * Writes a backup of the database and the stored files to `outFile`. On PostgreSQL the dump, the row
 * counts and the checksums come from one snapshot (pg_dump --snapshot), so the manifest describes
 * exactly what was dumped while the app keeps running; the files are copied after, so every file the
 * dump points to is there (one uploaded meanwhile is copied too, unreferenced). The embedded database
 * must not be in use (stop the app).
 */
export async function createBackup(
  source: DatabaseTarget,
  storage: Storage,
  outFile: string,
  log: Log = () => {},
): Promise<BackupManifest> {
  // Never over an earlier backup (and never delete it on failure below).
  if (existsSync(outFile)) throw new BackupError(`${outFile} already exists: choose another name (--out).`);
  const work = mkdtempSync(join(tmpdir(), 'giamsat-backup-'));
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 6 }), createWriteStream(outFile, { flags: 'wx' }));
  try {
    const { header, tables } =
      source.kind === 'postgres' ? await dumpPostgres(source.url, pack, work, log) : await dumpPglite(source.dir, pack);
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    log(`Cơ sở dữ liệu / database: ${tables.length} tables, ${rows} rows`);

    const files: BackupManifest['files'] = [];
    for await (const key of storage.list()) {
      const bytes = Buffer.from(await storage.get(key));
      await addEntry(pack, FILE_PREFIX + key, bytes);
      files.push({ key, size: bytes.length, sha256: sha256Hex(bytes) });
      if (files.length % 100 === 0) log(`… ${files.length} tệp / files`);
    }
    log(`Tệp / files: ${files.length}`);

    const manifest: BackupManifest = { ...header, tables, files };
    await addEntry(pack, 'manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    pack.finalize();
    await written;
    return manifest;
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => {});
    rmSync(outFile, { force: true });
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function dumpPostgres(url: string, pack: tar.Pack, work: string, log: Log) {
  const db = await openPostgres(url, 2);
  try {
    const pgDump = await pgTool(db, 'pg_dump');
    const dumpFile = join(work, 'postgres.dump');
    const { header, tables } = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const [{ snapshot }] = (await tx.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')) as [
        { snapshot: string },
      ];
      const header = await describe(tx, 'postgres');
      await addEntry(pack, 'backup.json', Buffer.from(JSON.stringify(header, null, 2)));
      log(`Sao lưu / backing up PostgreSQL ${header.database.serverVersion} with ${pgDump}`);
      const target = libpqTarget(url);
      // The snapshot lives as long as this transaction: the dump and the census read the same moment.
      const [, tables] = await Promise.all([
        runPgTool(
          pgDump,
          [
            '--format=custom',
            '--no-owner',
            '--no-privileges',
            `--snapshot=${snapshot}`,
            `--file=${dumpFile}`,
            `--dbname=${target.dbname}`,
          ],
          target.env,
        ),
        censusTables(tx),
      ]);
      return { header, tables };
    });
    await addEntry(pack, PG_DUMP_ENTRY, { path: dumpFile, size: statSync(dumpFile).size });
    return { header, tables };
  } finally {
    await db.close();
  }
}

async function dumpPglite(dir: string, pack: tar.Pack) {
  if (!existsSync(dir)) throw new BackupError(`There is no embedded database at ${dir} to back up.`);
  assertPgliteIdle(dir);
  const lite = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
  try {
    const db = await wrapPglite(lite);
    const header = await describe(db, 'pglite');
    await addEntry(pack, 'backup.json', Buffer.from(JSON.stringify(header, null, 2)));
    const tables = await censusTables(db);
    // Nothing else has the directory open (checked above), so the copy is of one moment.
    const datadir = Buffer.from(await (await lite.dumpDataDir('none')).arrayBuffer());
    await addEntry(pack, PGLITE_ENTRY, datadir);
    return { header, tables };
  } finally {
    await lite.close();
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  problems: string[];
}

/**
 * Restores an archive into an empty database and empty storage (refusing anything else, before writing),
 * then checks every table's rows and checksum and every file's SHA-256 against the manifest. Returns
 * the differences found (none when the restore is faithful).
 */
export async function restoreBackup(
  archive: string,
  target: DatabaseTarget,
  storage: Storage,
  log: Log = () => {},
): Promise<RestoreResult> {
  const work = mkdtempSync(join(tmpdir(), 'giamsat-restore-'));
  let header: BackupHeader | undefined;
  let manifest: BackupManifest | undefined;
  let databaseRestored = false;
  let fileCount = 0;
  try {
    const extract = tar.extract();
    const reading = pipeline(createReadStream(archive), createGunzip(), extract);
    reading.catch(() => {});
    for await (const entry of extract) {
      const name = entry.header.name;
      if (name === 'backup.json') {
        header = parseHeader(await collect(entry));
        if (header.database.kind !== target.kind) {
          throw new BackupError(
            `This backup is of ${describeKind(header.database.kind)}; the target is ${describeKind(target.kind)}. ` +
              `Restore it into the same kind of database.`,
          );
        }
        await assertEmptyTarget(target, storage);
        log(`Khôi phục / restoring a backup of ${header.createdAt} (${describeKind(header.database.kind)})`);
      } else if (name === PG_DUMP_ENTRY || name === PGLITE_ENTRY) {
        if (!header) throw new BackupError('The archive does not start with backup.json: it is not a giamsat backup.');
        if (name === PG_DUMP_ENTRY && target.kind === 'postgres') {
          const dumpFile = join(work, 'postgres.dump');
          await pipeline(entry, createWriteStream(dumpFile));
          await restorePostgres(target.url, dumpFile);
        } else if (name === PGLITE_ENTRY && target.kind === 'pglite') {
          const db = await openPglite(target.dir, { loadDataDir: new Blob([await collect(entry)]) });
          await db.close();
        } else {
          throw new BackupError(`The archive's ${name} does not match its backup.json.`);
        }
        databaseRestored = true;
        log('Cơ sở dữ liệu đã khôi phục / database restored');
      } else if (name.startsWith(FILE_PREFIX)) {
        if (!header) throw new BackupError('The archive does not start with backup.json: it is not a giamsat backup.');
        await storage.putAs(name.slice(FILE_PREFIX.length), await collect(entry));
        fileCount++;
        if (fileCount % 100 === 0) log(`… ${fileCount} tệp / files`);
      } else if (name === 'manifest.json') {
        manifest = JSON.parse((await collect(entry)).toString('utf8')) as BackupManifest;
      } else {
        entry.resume();
      }
    }
    await reading;
    if (!header || !databaseRestored || !manifest) {
      throw new BackupError(
        `The archive is incomplete (${!header ? 'no backup.json' : !databaseRestored ? 'no database' : 'no manifest'}): ` +
          'it was cut short or is not a giamsat backup. What was restored so far must be emptied before trying again.',
      );
    }
    log(`Tệp / files: ${fileCount}`);
    log('Kiểm tra / verifying against the manifest…');
    return { manifest, problems: await verifyRestore(manifest, target, storage, log) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function describeKind(kind: DatabaseTarget['kind']): string {
  return kind === 'postgres' ? 'a PostgreSQL server (DATABASE_URL)' : 'the embedded database (PGlite, DATA_DIR)';
}

function parseHeader(bytes: Buffer): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(bytes.toString('utf8')) as Partial<BackupHeader>;
  } catch {
    throw new BackupError('backup.json is not JSON: this is not a giamsat backup.');
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError('This is not a giamsat backup.');
  if (header.formatVersion !== FORMAT_VERSION) {
    throw new BackupError(
      `This backup has format ${header.formatVersion}; this version of giamsat reads ${FORMAT_VERSION}.`,
    );
  }
  return header as BackupHeader;
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function assertEmptyTarget(target: DatabaseTarget, storage: Storage) {
  if (target.kind === 'pglite') {
    if (existsSync(target.dir) && readdirSync(target.dir).length > 0) {
      throw new BackupError(
        `The embedded database folder ${target.dir} is not empty. A restore only goes into an empty database: ` +
          'move that folder away (or point DATA_DIR elsewhere) and try again.',
      );
    }
  } else {
    const db = await openPostgres(target.url, 1);
    try {
      const { count, some } = await countUserTables(db);
      if (count > 0) {
        throw new BackupError(
          `The target database is not empty: it has ${count} tables (${some.join(', ')}…). A restore only goes into ` +
            'an empty database: create a new one (createdb) and point DATABASE_URL at it. Do not start the app ' +
            'on it before restoring (a start creates the tables).',
        );
      }
    } finally {
      await db.close();
    }
  }
  for await (const key of storage.list()) {
    throw new BackupError(
      `The file storage is not empty (it holds ${key}, and maybe more). A restore only goes into empty storage.`,
    );
  }
}

async function restorePostgres(url: string, dumpFile: string) {
  const db = await openPostgres(url, 1);
  let pgRestore: string;
  try {
    pgRestore = await pgTool(db, 'pg_restore');
  } finally {
    await db.close();
  }
  const target = libpqTarget(url);
  await runPgTool(
    pgRestore,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.dbname}`, dumpFile],
    target.env,
  );
}

/** Opens the restored database the way the app does, for the check. */
async function openTarget(target: DatabaseTarget): Promise<Db> {
  return target.kind === 'postgres' ? openPostgres(target.url, 2) : openPglite(target.dir);
}

async function verifyRestore(
  manifest: BackupManifest,
  target: DatabaseTarget,
  storage: Storage,
  log: Log,
): Promise<string[]> {
  const problems: string[] = [];
  const db = await openTarget(target);
  try {
    const restored = new Map((await censusTables(db)).map((t) => [t.name, t]));
    for (const table of manifest.tables) {
      const found = restored.get(table.name);
      if (!found) problems.push(`table ${table.name}: missing`);
      else if (found.rows !== table.rows)
        problems.push(`table ${table.name}: ${found.rows} rows, expected ${table.rows}`);
      else if (found.checksum !== table.checksum)
        problems.push(`table ${table.name}: its rows differ from the backup's`);
    }
    log(`✓ ${manifest.tables.length - problems.length}/${manifest.tables.length} bảng khớp / tables match`);
  } finally {
    await db.close();
  }
  let filesOk = 0;
  for (const file of manifest.files) {
    const bytes = await storage.get(file.key).catch(() => null);
    if (!bytes) problems.push(`file ${file.key}: missing`);
    else if (sha256Hex(bytes) !== file.sha256) problems.push(`file ${file.key}: its SHA-256 differs from the backup's`);
    else filesOk++;
  }
  log(`✓ ${filesOk}/${manifest.files.length} tệp khớp / files match`);
  return problems;
}

/** For tests and tools: a file's entries' names, in order. */
export async function listArchive(archive: string): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  const reading = pipeline(createReadStream(archive), createGunzip(), extract);
  for await (const entry of extract) {
    names.push(entry.header.name);
    entry.resume();
  }
  await reading;
  return names;
}

export { BackupError };
