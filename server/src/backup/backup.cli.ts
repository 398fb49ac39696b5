// npm run backup [-- --out FILE] and npm run restore ARCHIVE: the app's database (DATABASE_URL, or the
// embedded one in DATA_DIR) and its file storage (STORAGE…), as the app itself is configured.
// Exit codes: 0 done, 1 refused or the restore does not match its manifest, 2 wrong usage, 70 internal error.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.ts';
import { openStorage } from '../storage/open-storage.ts';
import { BackupError, createBackup, type DatabaseTarget, restoreBackup } from './backup.service.ts';

const USAGE = `Cách dùng / Usage:
  npm run backup [-- --out FILE]
      Sao lưu cơ sở dữ liệu và các tệp đã lưu vào một tệp .tar.gz (mặc định ./backups/giamsat-<thời điểm>.tar.gz).
      Backs up the database and the stored files into one .tar.gz archive (default ./backups/giamsat-<time>.tar.gz).
      On PostgreSQL the app may keep running; the embedded database (PGlite) needs the app stopped.
  npm run restore ARCHIVE
      Khôi phục vào cơ sở dữ liệu và kho tệp TRỐNG, rồi đối chiếu với bản kê (manifest).
      Restores into an EMPTY database and EMPTY storage, then checks them against the archive's manifest.

The database and storage are the app's own: DATABASE_URL (or DATA_DIR/pglite), STORAGE, STORAGE_DIR, S3_…
Exit codes: 0 done, 1 refused or not matching the manifest, 2 wrong usage, 70 internal error.`;

const log = (line: string) => process.stderr.write(`${line}\n`);

function stamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
  });
  const [command, archive, ...extra] = positionals;
  const usable =
    (command === 'backup' && !archive && (values.out === undefined || typeof values.out === 'string')) ||
    (command === 'restore' && archive && extra.length === 0 && values.out === undefined);
  if (values.help || !usable) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const database: DatabaseTarget = config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dir: config.pgliteDir };
  const storage = openStorage(config);

  if (command === 'backup') {
    const out = resolve(typeof values.out === 'string' ? values.out : `backups/giamsat-${stamp()}.tar.gz`);
    mkdirSync(dirname(out), { recursive: true });
    const manifest = await createBackup(database, storage, out, log);
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    process.stdout.write(
      `Đã sao lưu / backed up: ${manifest.tables.length} tables (${rows} rows), ${manifest.files.length} files → ${out}\n`,
    );
    return 0;
  }
  const result = await restoreBackup(resolve(archive!), database, storage, log);
  if (result.problems.length) {
    process.stdout.write(
      `KHÔNG KHỚP / MISMATCH: the restored data differs from the manifest:\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  process.stdout.write(
    `Đã khôi phục và đối chiếu / restored and verified: ${result.manifest.tables.length} tables, ` +
      `${result.manifest.files.length} files (backup of ${result.manifest.createdAt}). Start the app: it brings the ` +
      'schema up to date.\n',
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof BackupError) {
    process.stderr.write(`Từ chối / refused: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`Lỗi / error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.GIAMSAT_DEBUG) console.error(error);
    process.exitCode = 70;
  }
}
