// Prints EXPLAIN (ANALYZE, BUFFERS) of every statement the national dashboard runs, as the central
// office sees it: `npx tsx server/bench/explain-dashboard.ts <postgres url of a loaded database>`.
import { STALE_AFTER_DAYS } from '@giamsat/shared';
import { vietnamDate } from '../src/calendar/calendar.ts';
import { computeDashboard } from '../src/dashboard/dashboard.queries.ts';
import { scopeCondition } from '../src/dashboard/dashboard.service.ts';
import { type Db, openPostgres } from '../src/db/db.ts';
import type { Sql } from '../src/db/sql.ts';

async function main() {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) throw new Error('usage: explain-dashboard.ts <postgres url>');
  const db = await openPostgres(url, 4);
  const plans: string[] = [];
  const explaining: Db = {
    ...db,
    async query<T>(statement: string | Sql, params: readonly unknown[] = []) {
      const { text, values } =
        typeof statement === 'string' ? { text: statement, values: [...params] } : statement.compile();
      const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      plans.push(`${text}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      return [] as T[];
    },
  };
  const [office] = await db.query<{ id: number; agency_id: number; path: string }>(
    `SELECT u.id, u.agency_id, a.path::text AS path FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = 'vptw'`,
  );
  if (!office) throw new Error('no central office account: load the national scale first');
  const actor = {
    kind: 'user' as const,
    userId: office.id,
    role: 'office' as const,
    agencyId: office.agency_id,
    agencyPath: office.path,
    scopeAgencyId: null,
    scopePath: null,
  };
  const scope = scopeCondition(actor, { kind: 'nation', level: null, agency: null, directive: null, programme: null });
  await computeDashboard(explaining, scope, vietnamDate(), {
    dueSoonDays: 7,
    staleAfterDays: STALE_AFTER_DAYS,
    byAgencyLimit: 100,
    leadWithinPath: null,
  }).catch(() => {});
  console.log(plans.join('\n\n════════\n\n'));
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
