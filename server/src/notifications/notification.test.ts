import { describe, expect, it } from 'vitest';
import { anonymous, loginAs, useTestApp } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { makeDirective, makeRoleCast } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';

describe('notifications', () => {
  const world = useTestApp(async (db) => {
    const cast = await makeRoleCast(db);
    return {
      cast,
      ministryUser: await makeUser(db, { role: 'focal', agency: cast.ministry }),
      ministryHead: await makeUser(db, { role: 'head', agency: cast.ministry }),
      outsider: await makeUser(db, { role: 'focal', agency: await makeAgency(db, { name: 'Bộ Tư pháp' }) }),
    };
  });

  it('tells each assigned body, through its group too, that a directive assigning it tasks went live', async () => {
    const draft = await makeDirective(world.t.db, { number: '07-TB/CQTTBCĐ', status: 'draft', scope: null });
    await makeTask(world.t.db, {
      directive: draft,
      lead: [world.data.cast.ministry],
      coordinating: [world.data.cast.communes],
    });
    await makeTask(world.t.db, { directive: draft, lead: [world.data.cast.ministry] });
    await makeTask(world.t.db, {
      directive: draft,
      lead: [world.data.cast.hanoiDept],
      coordinating: [world.data.cast.ministry],
    });

    const centralOffice = await loginAs(world.t.app, world.data.cast.users.centralOffice);
    expect((await centralOffice.post(`/api/directives/${draft.id}/publish`, {})).statusCode).toBe(200);

    const ministryFocal = await loginAs(world.t.app, world.data.ministryUser);
    const list = await ministryFocal.get('/api/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      total: 1,
      unread: 1,
      items: [
        {
          kind: 'directive_published',
          directive: { id: draft.id, number: '07-TB/CQTTBCĐ' },
          leadTaskCount: 2,
          coordinatingTaskCount: 1,
          readAt: null,
        },
      ],
    });

    // The commune is coordinating through "UBND cấp xã": its focal point is told too.
    const commune = await loginAs(world.t.app, world.data.cast.users.communeFocal);
    expect((await commune.get('/api/notifications')).json().items).toEqual([
      expect.objectContaining({ directive: expect.objectContaining({ id: draft.id }), coordinatingTaskCount: 1 }),
    ]);
    // A body with nothing in it hears nothing.
    const other = await loginAs(world.t.app, world.data.outsider);
    expect((await other.get('/api/notifications')).json()).toMatchObject({ total: 0, unread: 0, items: [] });
  });

  it('is read for the whole body, by one of its people, and only by its own body', async () => {
    const ministryFocal = await loginAs(world.t.app, world.data.ministryUser);
    const [notification] = (await ministryFocal.get('/api/notifications?unreadOnly=true')).json().items;
    expect(notification).toBeDefined();

    // Another body's user cannot read it, nor tell it exists.
    const other = await loginAs(world.t.app, world.data.outsider);
    expect((await other.post(`/api/notifications/${notification.id}/read`, {})).statusCode).toBe(404);

    const read = await ministryFocal.post(`/api/notifications/${notification.id}/read`, {});
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    // Reading again keeps the first time it was read.
    const again = await ministryFocal.post(`/api/notifications/${notification.id}/read`, {});
    expect(again.json().readAt).toBe(read.json().readAt);

    // The body's head sees it read as well.
    const head = await loginAs(world.t.app, world.data.ministryHead);
    expect((await head.get('/api/notifications')).json()).toMatchObject({ unread: 0, total: 1 });
    expect((await head.get('/api/notifications?unreadOnly=true')).json()).toMatchObject({ total: 0, items: [] });
  });

  it('marks all read at once, and pages newest first', async () => {
    const body = world.data.cast.hanoiCommune;
    const focal = await makeUser(world.t.db, { role: 'focal', agency: body });
    const centralOffice = await loginAs(world.t.app, world.data.cast.users.centralOffice);
    for (const number of ['10-KH/BCĐ', '11-KH/BCĐ', '12-KH/BCĐ']) {
      const draft = await makeDirective(world.t.db, { number, status: 'draft', scope: null });
      await makeTask(world.t.db, { directive: draft, lead: [body] });
      expect((await centralOffice.post(`/api/directives/${draft.id}/publish`, {})).statusCode).toBe(200);
    }
    const client = await loginAs(world.t.app, focal);
    const page = (await client.get('/api/notifications?limit=2')).json();
    expect(page.items.map((n: { directive: { number: string } }) => n.directive.number)).toEqual([
      '12-KH/BCĐ',
      '11-KH/BCĐ',
    ]);
    expect(page.unread).toBeGreaterThanOrEqual(3);
    const all = await client.post('/api/notifications/read-all', {});
    expect(all.statusCode).toBe(200);
    expect(all.json().updated).toBe(page.unread);
    expect((await client.get('/api/notifications')).json().unread).toBe(0);
  });

  it('needs a signed-in user', async () => {
    expect((await anonymous(world.t.app).get('/api/notifications')).statusCode).toBe(401);
    expect((await anonymous(world.t.app).post('/api/notifications/1/read', {})).statusCode).toBe(401);
  });
});
