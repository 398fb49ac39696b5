import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import type { AccountImportRow } from './account-import.schemas.ts';

export interface AccountImportRecord {
  id: number;
  created_by: number;
  filename: string;
  rows: AccountImportRow[];
  state: 'preview' | 'confirmed';
  job_id: number | null;
  created_at: Date;
}

export async function insertAccountImport(
  db: Db,
  input: { createdBy: number; filename: string; rows: AccountImportRow[] },
): Promise<AccountImportRecord> {
  const [row] = await db.query<AccountImportRecord>(sql`
    INSERT INTO account_imports (created_by, filename, rows)
    VALUES (${input.createdBy}, ${input.filename}, ${JSON.stringify(input.rows)}::jsonb)
    RETURNING id, created_by, filename, rows, state, job_id, created_at`);
  return row!;
}

export async function findAccountImport(
  db: Db,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<AccountImportRecord | undefined> {
  const [row] = await db.query<AccountImportRecord>(sql`
    SELECT id, created_by, filename, rows, state, job_id, created_at FROM account_imports WHERE id = ${id}
    ${options.forUpdate ? sql`FOR UPDATE` : sql.empty}`);
  return row;
}

export async function markAccountImportConfirmed(db: Db, id: number, jobId: number): Promise<void> {
  await db.query(sql`UPDATE account_imports SET state = 'confirmed', job_id = ${jobId}, confirmed_at = now()
    WHERE id = ${id}`);
}

/**
 * For each written body name, the live bodies (not groups, not merged away) whose name or alias folds to
 * it (search_norm), within the subtree of `under` when that is given: more than one means the name alone
 * does not say which body.
 */
export async function liveBodiesNamed(
  db: Db,
  names: { name: string; underId: number | null }[],
): Promise<{ id: number; name: string }[][]> {
  if (names.length === 0) return [];
  const rows = await db.query<{ ord: number; id: number; name: string }>(sql`
    WITH input AS (
      SELECT i.ord, search_norm(i.name) AS norm, i.under_id
      FROM unnest(${names.map((n) => n.name)}::text[], ${names.map((n) => n.underId)}::bigint[])
        WITH ORDINALITY AS i(name, under_id, ord)
    )
    SELECT DISTINCT i.ord, a.id, a.name
    FROM input i
    JOIN agencies a ON a.kind <> 'group' AND a.merged_into_id IS NULL
      AND (a.name_norm = i.norm OR a.id IN (SELECT al.agency_id FROM agency_aliases al WHERE al.alias_norm = i.norm))
    WHERE i.under_id IS NULL OR a.path <@ (SELECT u.path FROM agencies u WHERE u.id = i.under_id)
    ORDER BY i.ord, a.id`);
  const byOrd = names.map((): { id: number; name: string }[] => []);
  for (const row of rows) byOrd[Number(row.ord) - 1]?.push({ id: row.id, name: row.name });
  return byOrd;
}

export async function agencyNames(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { name: string; live: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; name: string; live: boolean }>(sql`
    SELECT id, name, (kind <> 'group' AND merged_into_id IS NULL) AS live FROM agencies
    WHERE id = ANY(${ids as number[]}::bigint[])`);
  return new Map(rows.map((r) => [r.id, { name: r.name, live: r.live }]));
}
