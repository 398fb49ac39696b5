import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import {
  ALL_ROLES,
  makeUserPerRole,
  REFUSED_ALL_BUT_ADMIN,
  type RoleName,
  type TestUser,
} from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { SYSTEM } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { listFunctions, migrate } from '../db/migrate.ts';
import { sql } from '../db/sql.ts';
import { recordEvent, recordEvents } from '../events/events.ts';
import { verifyEventChain } from './audit.service.ts';

// The audit trail is tamper-evident: each history row's hash covers its content and the row before it,
// so whoever edits or removes a row in the database (past the append-only trigger, as its owner can)
// is named by the verification.

/** What an intruder with the database's owner rights does: sets the append-only trigger aside. */
async function tamper(db: Db, statement: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE events DISABLE TRIGGER events_no_update');
    await tx.query(statement);
    await tx.query('ALTER TABLE events ENABLE TRIGGER events_no_update');
  });
}

const eventIds = async (db: Db) =>
  (await db.query<{ id: number }>(sql`SELECT id FROM events ORDER BY id`)).map((r) => r.id);

describe('the tamper-evident audit trail', () => {
  let t: TestContext;
  let users: Record<RoleName, TestUser>;
  let clients: Record<RoleName, Client>;

  beforeAll(async () => {
    t = await createTestApp();
    const office = await makeAgency(t.db, { name: 'Văn phòng Chính phủ' });
    users = await makeUserPerRole(t.db, office);
    clients = {} as Record<RoleName, Client>;
    for (const role of ALL_ROLES) clients[role] = await loginAs(t.app, users[role]);
  });
  afterAll(() => t.close());

  it('a normal flow through the API keeps an intact chain, and the public can read its head', async () => {
    const body = await clients.admin.post('/api/agencies', {
      name: 'Sở Tư pháp tỉnh Lạng Sơn',
      level: 'province',
      kind: 'state',
    });
    expect(body.statusCode).toBe(201);
    await recordEvents(t.db, SYSTEM, [
      { entityType: 'task', entityId: 7, action: 'updated', before: { percent: 10 }, after: { percent: 40 } },
      { entityType: 'task', entityId: 7, action: 'complete', reason: 'Đã hoàn thành theo báo cáo số 12/BC' },
    ]);
    const res = await clients.admin.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    const ids = await eventIds(t.db);
    expect(res.json()).toMatchObject({ intact: true, checked: ids.length, firstBreak: null });
    expect(res.json().head).toMatchObject({ lastId: ids.at(-1) });
    expect(res.json().head.hash).toMatch(/^[0-9a-f]{64}$/);
    const head = await anonymous(t.app).get('/api/audit/head');
    expect(head.statusCode).toBe(200);
    expect(head.json()).toEqual(res.json().head);
  });

  it.each(REFUSED_ALL_BUT_ADMIN)('%s cannot run the verification (%i)', async (role, status) => {
    const client = role === 'public' ? anonymous(t.app) : clients[role];
    expect((await client.get('/api/audit/verify')).statusCode).toBe(status);
  });

  it('names exactly the event whose content was edited in the database, and the first of several', async () => {
    for (let i = 0; i < 5; i++)
      await recordEvent(t.db, SYSTEM, { entityType: 'task', entityId: 100 + i, action: 'updated', after: { i } });
    const ids = await eventIds(t.db);
    const edited = ids[ids.length - 3]!;
    const [{ at }] = (await t.db.query<{ at: Date }>(sql`SELECT at FROM events WHERE id = ${edited}`)) as [
      { at: Date },
    ];
    await tamper(t.db, `UPDATE events SET reason = 'Sửa lại cho đẹp' WHERE id = ${edited}`);
    // A small batch, so the break is found across batch boundaries, with progress reported on the way.
    const progress: number[] = [];
    const result = await verifyEventChain(t.db, SYSTEM, { batchSize: 2, onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({
      intact: false,
      checked: ids.length,
      firstBreak: { problem: 'hash', eventId: edited },
    });
    expect(result.firstBreak?.at).toEqual(at);
    expect(progress.at(-1)).toBe(ids.length);
    const res = await clients.admin.get('/api/audit/verify');
    expect(res.json()).toMatchObject({
      intact: false,
      firstBreak: { problem: 'hash', eventId: edited, at: at.toISOString() },
    });
    // Put back as it was, the chain holds again; then an earlier edit is the one named.
    await tamper(t.db, `UPDATE events SET reason = NULL WHERE id = ${edited}`);
    expect(await verifyEventChain(t.db, SYSTEM)).toMatchObject({ intact: true });
    await tamper(t.db, `UPDATE events SET after = '{"i": 99}' WHERE id = ${ids[ids.length - 2]}`);
    await tamper(t.db, `UPDATE events SET entity_id = 1 WHERE id = ${ids[1]}`);
    expect((await verifyEventChain(t.db, SYSTEM)).firstBreak).toMatchObject({ problem: 'hash', eventId: ids[1] });
  });
});

describe('removed rows and concurrent writers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const record = (db: Db, entityId: number) =>
    recordEvent(db, SYSTEM, { entityType: 'task', entityId, action: 'updated', after: { entityId } });

  it('two transactions writing history at once append to one chain', async () => {
    await record(t.db, 1);
    let firstWrote: () => void = () => {};
    const wrote = new Promise<void>((resolve) => {
      firstWrote = resolve;
    });
    await Promise.all([
      t.db.transaction(async (tx) => {
        await record(tx, 2);
        firstWrote();
        await new Promise((resolve) => setTimeout(resolve, 100));
        await record(tx, 3);
      }),
      (async () => {
        await wrote;
        await t.db.transaction(async (tx) => {
          await record(tx, 4);
          await record(tx, 5);
        });
      })(),
    ]);
    const result = await verifyEventChain(t.db, SYSTEM);
    expect(result).toMatchObject({ intact: true, checked: (await eventIds(t.db)).length });
    // Each transaction's rows are contiguous in the chain: the second waited for the first's commit.
    const order = (
      await t.db.query<{ entity_id: number }>(sql`SELECT entity_id FROM events WHERE entity_type = 'task' ORDER BY id`)
    ).map((r) => r.entity_id);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a history row written around record_events, which would leave it out of the chain', async () => {
    await expect(
      t.db.query(`INSERT INTO events (entity_type, entity_id, action) VALUES ('task', 1, 'updated')`),
    ).rejects.toThrow(/not chained/);
    expect((await verifyEventChain(t.db, SYSTEM)).intact).toBe(true);
  });

  it('finds a removed row: the last one against the head, another by the event after it', async () => {
    for (let i = 10; i < 14; i++) await record(t.db, i);
    const ids = await eventIds(t.db);
    await tamper(t.db, `DELETE FROM events WHERE id = ${ids.at(-1)}`);
    expect(await verifyEventChain(t.db, SYSTEM)).toMatchObject({
      intact: false,
      checked: ids.length - 1,
      firstBreak: { problem: 'tail', eventId: ids.at(-1) },
    });
    await tamper(t.db, `DELETE FROM events WHERE id = ${ids[2]}`);
    expect((await verifyEventChain(t.db, SYSTEM)).firstBreak).toMatchObject({ problem: 'hash', eventId: ids[3] });
  });

  it('history written before the chain existed is chained once, in id order, when the database is upgraded', async () => {
    const { db } = t;
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE events DISABLE TRIGGER USER');
      await tx.query('DELETE FROM events');
      await tx.query('UPDATE events_chain_head SET last_id = NULL, hash = NULL');
      await tx.query(`
        INSERT INTO events (at, entity_type, entity_id, action, after)
        SELECT now() - make_interval(days => n), 'task', n, 'updated', jsonb_build_object('n', n)
        FROM generate_series(1, 7) n`);
      await tx.query('ALTER TABLE events ENABLE TRIGGER USER');
    });
    expect((await verifyEventChain(db, SYSTEM)).intact).toBe(false);
    await migrate(db, { functions: { ...listFunctions(), hash: 'upgrade' } });
    expect(await verifyEventChain(db, SYSTEM)).toMatchObject({ intact: true, checked: 7 });
    await record(db, 8);
    expect(await verifyEventChain(db, SYSTEM)).toMatchObject({ intact: true, checked: 8 });
  });
});
