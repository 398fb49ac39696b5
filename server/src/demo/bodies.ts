import { committeeNames, lowerFirst } from '@giamsat/shared/bodies';
import { slugify } from '@giamsat/shared/text';
import { refreshGroupMembers } from '../agencies/agency.queries.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { pick, seededRandom } from './prng.ts';
import { NAME_FIRST, NAME_SECOND } from './vocabulary.ts';

// The generated part of the body tree: departments a province lacks, and its communes (xã/phường),
// each one body with its People's Committee (whose names are the commune's aliases). The registry (seedRegistry) provides the central bodies, the 34
// provinces and the groups; nothing here duplicates it.

export interface Province {
  id: number;
  slug: string;
  name: string;
  path: string;
}

/** The departments every province plan draws its lead bodies from. */
const DEPARTMENTS = [
  'Sở Khoa học và Công nghệ',
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Công Thương',
  'Sở Xây dựng',
  'Sở Nông nghiệp và Môi trường',
];

/** The 34 provinces as the registry seeds them: province-level roots that have bodies under them. */
export async function listProvinces(db: Db): Promise<Province[]> {
  return db.query<Province>(sql`
    SELECT a.id, a.slug, a.name, a.path::text AS path FROM agencies a
    WHERE a.level = 'province' AND a.parent_id IS NULL AND a.kind <> 'group' AND a.merged_into_id IS NULL
      AND EXISTS (SELECT 1 FROM agencies c WHERE c.parent_id = a.id)
    ORDER BY a.id`);
}

/** Inserts bodies under their parents (set-based) and sets their ltree paths. */
async function insertChildren(
  db: Db,
  rows: { slug: string; name: string; level: string; parentId: number }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db.query<{ id: number }>(sql`
    INSERT INTO agencies (slug, name, level, kind, parent_id, path)
    SELECT x.slug, x.name, x.level, 'state', x.parent_id, '0'
    FROM unnest(${rows.map((r) => r.slug)}::text[], ${rows.map((r) => r.name)}::text[],
                ${rows.map((r) => r.level)}::text[], ${rows.map((r) => r.parentId)}::bigint[])
         WITH ORDINALITY AS x(slug, name, level, parent_id, n)
    ORDER BY x.n
    RETURNING id`);
  const ids = inserted.map((r) => r.id);
  await db.query(sql`
    UPDATE agencies c SET path = p.path || c.id::text
    FROM agencies p WHERE p.id = c.parent_id AND c.id = ANY(${ids}::bigint[])`);
  return ids;
}

/** Adds the usual departments a province lacks (the registry lists most of them already). */
export async function ensureDepartments(db: Db, provinces: readonly Province[]): Promise<number> {
  const existing = await db.query<{ parent_id: number; name: string }>(sql`
    SELECT parent_id, name FROM agencies WHERE parent_id = ANY(${provinces.map((p) => p.id)}::bigint[])`);
  const rows: { slug: string; name: string; level: string; parentId: number }[] = [];
  for (const province of provinces) {
    for (const department of DEPARTMENTS) {
      const has = existing.some((e) => e.parent_id === province.id && e.name.startsWith(department));
      if (has) continue;
      rows.push({
        slug: `${province.slug}-${slugify(department)}`,
        name: `${department} ${lowerFirst(province.name)}`,
        level: 'province',
        parentId: province.id,
      });
    }
  }
  return (await insertChildren(db, rows)).length;
}

/** How many communes each province gets: `total` spread unevenly (cities have more wards). */
function communeCounts(provinces: readonly Province[], total: number, random: () => number): number[] {
  const weights = provinces.map((p) => 0.6 + random() * 0.8 + (p.slug.startsWith('tp-') ? 0.3 : 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length, missing--) counts[i] = (counts[i] ?? 0) + 1;
  return counts;
}

/**
 * Generates `total` communes and wards ("Xã Tân Phú", "Phường Hòa Bình": level commune, parent the
 * province, path province path + id), each one body with its People's Committee: "Ủy ban nhân dân
 * xã Tân Phú" and "UBND xã Tân Phú" are its aliases, not a second body a task could be given to.
 * Names are unique within a province.
 */
export async function generateCommunes(db: Db, provinces: readonly Province[], total: number, seed: number) {
  const random = seededRandom(seed * 7919 + 11);
  const counts = communeCounts(provinces, total, random);
  const communes: { slug: string; name: string; level: string; parentId: number }[] = [];
  provinces.forEach((province, index) => {
    const used = new Set<string>();
    const wardShare = province.slug.startsWith('tp-') ? 0.45 : 0.12;
    for (let i = 0; i < (counts[index] ?? 0); i++) {
      let base = '';
      // Unique by slug: "Thạnh" and "Thanh" differ in Vietnamese but not once the marks are stripped.
      for (let attempt = 0; attempt < 50 && (base === '' || used.has(slugify(base))); attempt++) {
        const first = pick(random, NAME_FIRST);
        let second = pick(random, NAME_SECOND);
        if (second === first) second = pick(random, NAME_SECOND);
        base = `${first} ${second}`;
      }
      if (used.has(slugify(base))) base = `${base} ${i + 1}`;
      used.add(slugify(base));
      const name = `${random() < wardShare ? 'Phường' : 'Xã'} ${base}`;
      communes.push({ slug: `${province.slug}-${slugify(name)}`, name, level: 'commune', parentId: province.id });
    }
  });
  const communeIds = await insertChildren(db, communes);
  const aliases = communes.flatMap((c, i) => committeeNames(c.name).map((alias) => ({ id: communeIds[i], alias })));
  await db.query(sql`
    INSERT INTO agency_aliases (agency_id, alias)
    SELECT * FROM unnest(${aliases.map((a) => a.id)}::bigint[], ${aliases.map((a) => a.alias)}::text[])
    ON CONFLICT DO NOTHING`);
  await refreshGroupMembers(db, { memberIds: communeIds });
  return { communes: communeIds.length };
}
