import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../test/app.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { sql } from '../db/sql.ts';
import { compactPublicChanges, publicDataVersion } from './public.cache.ts';

describe("the public data's version", () => {
  const db = useTestDb();

  it('grows by one per committed write, whatever it wrote, and keeps its value when its rows are folded', async () => {
    const start = BigInt(await publicDataVersion(db));
    const directive = await makeDirective(db);
    await db.transaction(async (tx) => {
      // Several statements of one transaction are one change.
      await tx.query(sql`UPDATE directives SET title = 'Kế hoạch một' WHERE id = ${directive.id}`);
      await tx.query(sql`UPDATE directives SET title = 'Kế hoạch hai' WHERE id = ${directive.id}`);
    });
    const afterWrites = BigInt(await publicDataVersion(db));
    expect(afterWrites - start).toBe(2n);

    await compactPublicChanges(db);
    const [rows] = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM public_data_changes`);
    expect(rows!.n).toBe(1);
    expect(BigInt(await publicDataVersion(db))).toBe(afterWrites);

    // Requests asking at once all see the write committed before they asked.
    await db.query(sql`UPDATE directives SET title = 'Kế hoạch ba' WHERE id = ${directive.id}`);
    const together = await Promise.all(Array.from({ length: 10 }, () => publicDataVersion(db)));
    expect(new Set(together)).toEqual(new Set([String(afterWrites + 1n)]));
  });
});
