import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

/**
 * Of these bodies, those outside the subtree at `scopePath` — the same "own bodies" the plan builder
 * offers (`/api/agencies?withinId=`). Unknown ids are left to the task service to refuse.
 */
export async function listBodiesOutside(db: Db, agencyIds: readonly number[], scopePath: string): Promise<number[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    SELECT id FROM agencies WHERE id = ANY(${agencyIds}::bigint[]) AND NOT path <@ ${scopePath}::ltree ORDER BY id`);
  return rows.map((r) => r.id);
}
