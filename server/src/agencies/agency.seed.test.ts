import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../../test/app.ts';
import {
  agencyBySlug,
  agencyRow,
  groupMemberSlugs,
  makeAgency,
  sampleRegistry,
} from '../../test/factories/agencies.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { loadDefaultRegistry, seedRegistry } from './agency.seed.ts';
import { resolveAgencyNames } from './agency.service.ts';

async function counts(db: Db) {
  const [row] = await db.query<{ agencies: number; aliases: number; members: number }>(sql`
    SELECT (SELECT count(*) FROM agencies) AS agencies, (SELECT count(*) FROM agency_aliases) AS aliases,
           (SELECT count(*) FROM agency_group_members) AS members`);
  return row!;
}

describe('seeding the body registry', () => {
  const db = useTestDb();

  it('places bodies in the tree parent first, with ltree paths of ids', async () => {
    const result = await seedRegistry(db, sampleRegistry());
    expect(result).toMatchObject({ bodiesInserted: 9, groupsInserted: 3, warnings: [] });
    const government = await agencyBySlug(db, 'chinh-phu');
    const ministry = await agencyRow(db, (await agencyBySlug(db, 'bo-khoa-hoc-va-cong-nghe')).id);
    expect(ministry.parent_id).toBe(government.id);
    expect(ministry.path).toBe(`${government.id}.${ministry.id}`);
    const province = await agencyBySlug(db, 'tinh-thanh-hoa');
    const department = await agencyBySlug(db, 'tinh-thanh-hoa-so-khcn');
    expect(department.path).toBe(`${province.id}.${department.id}`);
  });

  it('stores the other tone-mark placement of names and aliases as aliases', async () => {
    const aliases = async (slug: string) =>
      (
        await db.query<{ alias: string }>(sql`
          SELECT al.alias FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id WHERE a.slug = ${slug}`)
      ).map((r) => r.alias);
    expect(await aliases('tinh-thanh-hoa')).toEqual(
      expect.arrayContaining(['Tỉnh Thanh Hoá', 'Thanh Hóa', 'Thanh Hoá']),
    );
    expect(await aliases('tinh-thanh-hoa-so-khcn')).toContain('Sở Khoa học và Công nghệ tỉnh Thanh Hóa');
    expect(await aliases('tinh-khanh-hoa-ubnd')).toEqual(
      expect.arrayContaining(['Ủy ban nhân dân tỉnh Khánh Hòa', 'Uỷ ban nhân dân tỉnh Khánh Hoà']),
    );
    // A name with no movable tone mark gets no invented spelling.
    expect(await aliases('bo-tai-chinh')).toEqual(['BTC']);
  });

  it('expands named groups from their selectors, in either tone-mark placement', async () => {
    expect(await groupMemberSlugs(db, 'group-cac-bo-nganh')).toEqual(['bo-khoa-hoc-va-cong-nghe', 'bo-tai-chinh']);
    // "Uỷ ban nhân dân tỉnh Khánh Hòa" is written with the other placement and still matches the prefix.
    expect(await groupMemberSlugs(db, 'group-ubnd-cac-tinh')).toEqual(['tinh-khanh-hoa-ubnd', 'tinh-thanh-hoa-ubnd']);
    expect(await groupMemberSlugs(db, 'group-bo-khcn-va-vptw')).toEqual([
      'bo-khoa-hoc-va-cong-nghe',
      'van-phong-trung-uong-dang',
    ]);
    const [group] = await db.query<{ kind: string; path: string }>(
      sql`SELECT kind, path::text AS path FROM agencies WHERE slug = 'group-cac-bo-nganh'`,
    );
    expect(group?.kind).toBe('group');
  });

  it('is idempotent: seeding again changes no count', async () => {
    const before = await counts(db);
    const again = await seedRegistry(db, sampleRegistry());
    expect(again).toMatchObject({ bodiesInserted: 0, groupsInserted: 0, aliasesInserted: 0, membersInserted: 0 });
    expect(await counts(db)).toEqual(before);
  });

  it('adds what a grown registry brings and leaves edited bodies alone', async () => {
    await db.query(sql`UPDATE agencies SET name = 'Bộ Tài chính (đã sửa)' WHERE slug = 'bo-tai-chinh'`);
    const registry = sampleRegistry();
    registry.bodies.push({
      id: 'tinh-thanh-hoa-so-tai-chinh',
      name: 'Sở Tài chính tỉnh Thanh Hóa',
      aliases: [],
      level: 'province',
      kind: 'state',
      parent: 'tinh-thanh-hoa',
    });
    registry.bodies.push({ id: 'bo-noi-vu', name: 'Bộ Nội vụ', aliases: [], level: 'central', kind: 'state' });
    const result = await seedRegistry(db, registry);
    expect(result.bodiesInserted).toBe(2);
    const province = await agencyBySlug(db, 'tinh-thanh-hoa');
    const department = await agencyBySlug(db, 'tinh-thanh-hoa-so-tai-chinh');
    expect(department.path).toBe(`${province.id}.${department.id}`);
    expect(await groupMemberSlugs(db, 'group-cac-bo-nganh')).toContain('bo-noi-vu');
    expect((await agencyBySlug(db, 'bo-tai-chinh')).name).toBe('Bộ Tài chính (đã sửa)');
  });

  it('places a body with an unknown parent at the root and says so', async () => {
    const result = await seedRegistry(db, {
      bodies: [
        { id: 'so-mo-coi', name: 'Sở mồ côi', aliases: [], level: 'province', kind: 'state', parent: 'khong-co' },
      ],
      groups: [],
    });
    expect(result.warnings).toEqual(['so-mo-coi: unknown parent khong-co, placed at the root']);
    const orphan = await agencyBySlug(db, 'so-mo-coi');
    expect(orphan.path).toBe(String(orphan.id));
  });

  it('a body created later joins the groups its name matches', async () => {
    const commune = await makeAgency(db, { name: 'Ủy ban nhân dân tỉnh Mới', level: 'province' });
    const { refreshGroupMembers } = await import('./agency.queries.ts');
    await refreshGroupMembers(db, { memberIds: [commune.id] });
    const members = await groupMemberSlugs(db, 'group-ubnd-cac-tinh');
    expect(members).toHaveLength(3);
  });
});

describe('resolving written body names', () => {
  const db = useTestDb();
  beforeAll(async () => {
    await seedRegistry(db, sampleRegistry());
  });

  it('matches exact names, aliases, the other tone placement and unaccented spellings', async () => {
    const ids = await resolveAgencyNames(db, [
      'Bộ Khoa học và Công nghệ',
      'Bộ KH&CN',
      'Sở Khoa học và Công nghệ tỉnh Thanh Hóa',
      'Uỷ ban nhân dân tỉnh Thanh Hoá',
      'bo tai chinh',
      'Các bộ ngành',
      'Bộ Không Tồn Tại',
      '  Tỉnh   Thanh Hóa ',
    ]);
    const slug = async (id: number | null | undefined) =>
      id == null
        ? null
        : (await agencyRow(db, id)) &&
          (await db.query<{ slug: string }>(sql`SELECT slug FROM agencies WHERE id = ${id}`))[0]?.slug;
    expect(await Promise.all(ids.map(slug))).toEqual([
      'bo-khoa-hoc-va-cong-nghe',
      'bo-khoa-hoc-va-cong-nghe',
      'tinh-thanh-hoa-so-khcn',
      'tinh-thanh-hoa-ubnd',
      'bo-tai-chinh',
      'group-cac-bo-nganh',
      null,
      'tinh-thanh-hoa',
    ]);
  });

  it('refuses to guess when an unaccented spelling fits two bodies', async () => {
    await makeAgency(db, { name: 'Sở Tư pháp' });
    await makeAgency(db, { name: 'Sở Tư Pháp' });
    expect(await resolveAgencyNames(db, ['so tu phap'])).toEqual([null]);
  });

  it('resolves in one round trip for many names', async () => {
    const names = Array.from({ length: 500 }, (_, i) => (i % 2 ? 'Bộ KHCN' : `Cơ quan lạ ${i}`));
    const ids = await resolveAgencyNames(db, names);
    expect(ids.filter((id) => id !== null)).toHaveLength(250);
  });
});

describe('seeding the registry the extraction library ships', () => {
  const db = useTestDb();

  it('loads every body and group (not the province-less department kinds), and a second run adds nothing', async () => {
    const registry = loadDefaultRegistry();
    const first = await seedRegistry(db, registry);
    const bodies = registry.bodies.filter((b) => !b.generic);
    expect(bodies.length).toBeLessThan(registry.bodies.length);
    const slugs = new Set([...bodies.map((b) => b.id), ...registry.groups.map((g) => g.id)]);
    const [row] = await db.query<{ n: number; unplaced: number }>(sql`
      SELECT count(*) AS n, count(*) FILTER (WHERE path = '0') AS unplaced FROM agencies`);
    expect(row).toEqual({ n: slugs.size, unplaced: 0 });
    expect(first.bodiesInserted + first.groupsInserted).toBe(slugs.size);
    const before = await counts(db);
    await seedRegistry(db, registry);
    expect(await counts(db)).toEqual(before);
    const [bad] = await db.query<{ n: number }>(sql`
      SELECT count(*) AS n FROM agencies c JOIN agencies p ON p.id = c.parent_id WHERE c.path <> p.path || c.id::text`);
    expect(bad?.n).toBe(0);
  });
});
