import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../auth/actor.ts';
import { openPglite } from '../db/db.ts';
import { recordEvent } from '../events/events.ts';

// `npx giamsat audit verify` as an operator runs it, on the app's embedded database (DATA_DIR): the
// verification itself is tested on both databases in audit.chain.test.ts.

const BIN = fileURLToPath(new URL('../../../packages/extraction/bin/giamsat.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'giamsat-audit-cli-'));

async function giamsat(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('giamsat audit verify', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says intact with counts, then names the event edited in the database (exit 1)', async () => {
    expect(await giamsat('audit', 'verify')).toMatchObject({ code: 0 });
    const db = await openPglite(join(dataDir, 'pglite'));
    for (let i = 1; i <= 3; i++)
      await recordEvent(db, SYSTEM, { entityType: 'task', entityId: i, action: 'updated', after: { i } });
    const [second] = await db.query<{ id: number }>('SELECT id FROM events ORDER BY id OFFSET 1 LIMIT 1');
    await db.close();

    const intact = await giamsat('audit', 'verify', '--batch', '2');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/intact: 3 /);
    expect(intact.stderr).toMatch(/2 sự kiện \/ events checked/);

    const attacker = await openPglite(join(dataDir, 'pglite'));
    await attacker.transaction(async (tx) => {
      await tx.query('ALTER TABLE events DISABLE TRIGGER events_no_update');
      await tx.query(`UPDATE events SET after = '{"i": 20}' WHERE id = $1`, [second!.id]);
      await tx.query('ALTER TABLE events ENABLE TRIGGER events_no_update');
    });
    await attacker.close();
    const broken = await giamsat('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at event #${second!.id} `);
  }, 120_000);

  it('answers wrong usage with the help and exit 2', async () => {
    const res = await giamsat('audit', 'check');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('giamsat audit verify');
  });
});
