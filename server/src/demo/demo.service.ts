import type { Db } from '../db/db.ts';
import type { PrintedAccount } from './accounts.ts';
import { generateDemoData } from './generate.ts';

/**
 * Loads the demo data set once: a database without directives and accounts gets it (about 2,000 tasks
 * around today's date); an existing one is left alone. Prints the demo accounts.
 */
export async function ensureDemoData(
  db: Db,
  options: { log: (line: string) => void; scale?: 'demo' | 'large' },
): Promise<void> {
  const [state] = await db.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM directives) OR EXISTS (SELECT 1 FROM users) AS used`,
  );
  if (state?.used) return;
  const started = Date.now();
  options.log('› Loading demo data (dữ liệu mẫu)…');
  const { accounts, counts } = await generateDemoData(db, { scale: options.scale ?? 'demo', log: options.log });
  options.log(
    `  ${counts.directives} directives, ${counts.tasks.toLocaleString('en')} tasks, ` +
      `${counts.reports.toLocaleString('en')} reports in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  options.log(formatAccounts(accounts));
}

/** The demo accounts as a plain-text table (username / password / role / body). */
export function formatAccounts(accounts: readonly PrintedAccount[]): string {
  const header: PrintedAccount = { username: 'username', password: 'password', role: 'role' as never, body: 'body' };
  const rows = [header, ...accounts];
  const width = (key: keyof PrintedAccount) => Math.max(...rows.map((r) => r[key].length));
  const line = (r: PrintedAccount) =>
    `  ${r.username.padEnd(width('username'))}  ${r.password.padEnd(width('password'))}  ${r.role.padEnd(width('role'))}  ${r.body}`;
  return ['\nTài khoản mẫu / demo accounts:', ...rows.map(line)].join('\n');
}
