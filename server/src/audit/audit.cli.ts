// giamsat audit verify [--batch N]: walks the hash chain of history in the database the app uses
// (DATABASE_URL, or the embedded PGlite directory), prints progress, and names the first broken link.
// Exit codes: 0 intact, 1 broken, 2 wrong usage, 70 an internal error.
import { parseArgs } from 'node:util';
import { SYSTEM } from '../auth/actor.ts';
import { loadConfig } from '../config/config.ts';
import { openDb } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { verifyEventChain } from './audit.service.ts';

const USAGE = `Cách dùng / Usage:
  giamsat audit verify [--batch N]

  Kiểm tra chuỗi băm của nhật ký (lịch sử thay đổi) và chỉ ra mắt xích hỏng đầu tiên.
  Verifies the hash chain of the audit trail and names its first broken link.
  The database is the app's: DATABASE_URL, or the embedded one (DATA_DIR/pglite). It is migrated first, as a start does.

  --batch N   rows read per query, and how often progress is printed (default 10000)

Exit codes: 0 intact, 1 broken, 2 wrong usage, 70 internal error.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
  });
  const batchSize = values.batch === undefined ? 10_000 : Number(values.batch);
  if (values.help || positionals[0] !== 'verify' || !Number.isInteger(batchSize) || batchSize < 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir, poolSize: 2 });
  try {
    await migrate(db);
    const result = await verifyEventChain(db, SYSTEM, {
      batchSize,
      onProgress: (checked) => process.stderr.write(`… ${checked} sự kiện / events checked\n`),
    });
    const head = result.head.hash
      ? `${result.head.hash} (#${result.head.lastId}, ${result.head.at?.toISOString()})`
      : '-';
    if (result.intact) {
      process.stdout.write(`Nguyên vẹn / intact: ${result.checked} sự kiện / events. Đầu chuỗi / head: ${head}\n`);
      return 0;
    }
    const broken = result.firstBreak!;
    const where = `#${broken.eventId}${broken.at ? ` (${broken.at.toISOString()})` : ''}`;
    process.stdout.write(
      broken.problem === 'hash'
        ? `HỎNG / BROKEN at event ${where}: sự kiện bị sửa, hoặc sự kiện ngay trước nó bị xoá / ` +
            `the event was edited, or the events just before it were removed. ${result.checked} events checked.\n`
        : `HỎNG / BROKEN: chuỗi dừng trước sự kiện cuối đã ghi ${where} / the rows end before the last event written ` +
            `${where}: it (and maybe others) was removed. ${result.checked} events checked.\n`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(3));
} catch (error) {
  process.stderr.write(`Lỗi / error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.GIAMSAT_DEBUG) console.error(error);
  process.exitCode = 70;
}
