import type { BodyRegistry } from '@giamsat/extraction';
import type { AgencyKind, AgencyLevel } from '@giamsat/shared';
import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';
import { uniq } from './unique.ts';

// Test data builders: each test makes exactly the data it needs. Vietnamese names, as users write them.

export interface TestAgency {
  id: number;
  name: string;
  path: string;
  level: AgencyLevel;
}

export async function makeAgency(
  db: Db,
  options: {
    name?: string;
    level?: AgencyLevel;
    kind?: AgencyKind;
    parent?: TestAgency;
    aliases?: string[];
    slug?: string;
  } = {},
): Promise<TestAgency> {
  const level = options.level ?? options.parent?.level ?? 'central';
  const name = options.name ?? `Cơ quan thử nghiệm ${uniq()}`;
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO agencies (slug, name, level, kind, parent_id, path)
    VALUES (${options.slug ?? `test-${uniq()}`}, ${name}, ${level}, ${options.kind ?? 'state'}, ${options.parent?.id ?? null}, '0')
    RETURNING id`);
  const id = row!.id;
  const path = options.parent ? `${options.parent.path}.${id}` : String(id);
  await db.query(sql`UPDATE agencies SET path = ${path}::ltree WHERE id = ${id}`);
  for (const alias of options.aliases ?? []) {
    await db.query(sql`INSERT INTO agency_aliases (agency_id, alias) VALUES (${id}, ${alias})`);
  }
  return { id, name, path, level };
}

export async function makeGroup(db: Db, name: string, members: TestAgency[]): Promise<TestAgency> {
  const group = await makeAgency(db, { name, kind: 'group' });
  for (const member of members) {
    await db.query(sql`INSERT INTO agency_group_members (group_id, member_id) VALUES (${group.id}, ${member.id})`);
  }
  return group;
}

/**
 * A small registry in the shape the extraction library ships: two ministries, a province with its
 * departments (one name written with the newer tone-mark placement), a second province, and groups
 * that expand by selector and by explicit slugs.
 */
export function sampleRegistry(): BodyRegistry {
  return {
    bodies: [
      { id: 'chinh-phu', name: 'Chính phủ', aliases: ['CP'], level: 'central', kind: 'state' },
      {
        id: 'bo-khoa-hoc-va-cong-nghe',
        name: 'Bộ Khoa học và Công nghệ',
        aliases: ['Bộ KH&CN', 'Bộ KHCN', 'BKHCN'],
        level: 'central',
        kind: 'state',
        parent: 'chinh-phu',
      },
      {
        id: 'bo-tai-chinh',
        name: 'Bộ Tài chính',
        aliases: ['BTC'],
        level: 'central',
        kind: 'state',
        parent: 'chinh-phu',
      },
      {
        id: 'van-phong-trung-uong-dang',
        name: 'Văn phòng Trung ương Đảng',
        aliases: ['VPTW'],
        level: 'central',
        kind: 'party',
      },
      { id: 'tinh-thanh-hoa', name: 'Tỉnh Thanh Hóa', aliases: ['Thanh Hóa'], level: 'province', kind: 'state' },
      {
        id: 'tinh-thanh-hoa-ubnd',
        name: 'Ủy ban nhân dân tỉnh Thanh Hóa',
        aliases: ['UBND tỉnh Thanh Hóa'],
        level: 'province',
        kind: 'state',
        parent: 'tinh-thanh-hoa',
      },
      {
        id: 'tinh-thanh-hoa-so-khcn',
        name: 'Sở Khoa học và Công nghệ tỉnh Thanh Hoá',
        aliases: ['Sở KH&CN Thanh Hóa'],
        level: 'province',
        kind: 'state',
        parent: 'tinh-thanh-hoa',
      },
      { id: 'tinh-khanh-hoa', name: 'Tỉnh Khánh Hòa', aliases: [], level: 'province', kind: 'state' },
      {
        id: 'tinh-khanh-hoa-ubnd',
        name: 'Uỷ ban nhân dân tỉnh Khánh Hòa',
        aliases: [],
        level: 'province',
        kind: 'state',
        parent: 'tinh-khanh-hoa',
      },
    ],
    groups: [
      {
        id: 'group-cac-bo-nganh',
        name: 'Các bộ, ngành',
        aliases: ['Các bộ ngành'],
        members: { level: 'central', kind: 'state', namePrefix: 'Bộ ' },
      },
      {
        id: 'group-ubnd-cac-tinh',
        name: 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
        aliases: ['UBND cấp tỉnh'],
        members: { level: 'province', namePrefix: 'Ủy ban nhân dân' },
      },
      {
        id: 'group-bo-khcn-va-vptw',
        name: 'Bộ Khoa học và Công nghệ, Văn phòng Trung ương Đảng',
        aliases: [],
        members: { ids: ['bo-khoa-hoc-va-cong-nghe', 'van-phong-trung-uong-dang'] },
      },
    ],
  };
}

/** A seeded body, by slug, in the shape the factories take as parent / agency. */
export async function agencyBySlug(db: Db, slug: string): Promise<TestAgency> {
  const [row] = await db.query<TestAgency>(
    sql`SELECT id, name, path::text AS path, level FROM agencies WHERE slug = ${slug}`,
  );
  if (!row) throw new Error(`no agency with slug ${slug}`);
  return row;
}

export async function agencyRow(db: Db, id: number) {
  const [row] = await db.query<{
    id: number;
    name: string;
    path: string;
    parent_id: number | null;
    merged_into_id: number | null;
    merged_on: string | null;
    version: number;
  }>(
    sql`SELECT id, name, path::text AS path, parent_id, merged_into_id, merged_on, version FROM agencies WHERE id = ${id}`,
  );
  if (!row) throw new Error(`no agency ${id}`);
  return row;
}

export async function groupMemberSlugs(db: Db, groupSlug: string): Promise<string[]> {
  const rows = await db.query<{ slug: string }>(sql`
    SELECT m.slug FROM agency_group_members gm
    JOIN agencies g ON g.id = gm.group_id JOIN agencies m ON m.id = gm.member_id
    WHERE g.slug = ${groupSlug} ORDER BY m.slug`);
  return rows.map((r) => r.slug);
}
