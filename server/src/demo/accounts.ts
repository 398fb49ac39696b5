import type { Role } from '@giamsat/shared';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { pick, seededRandom } from './prng.ts';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from './vocabulary.ts';

/** Every demo account signs in with this password (the test factories use the same one). */
export const DEMO_PASSWORD = 'MatKhau@2025';

export interface DemoAccount {
  username: string;
  role: Role;
  /** Slug of the account's body. */
  agencySlug: string;
  /** Slug of a standing office's scope (null: the whole nation). */
  scopeSlug?: string | null;
  fullName?: string;
}

export interface PrintedAccount {
  username: string;
  password: string;
  role: Role;
  body: string;
}

/** The commune the commune accounts belong to (one body with its People's Committee). */
export interface NamedCommune {
  slug: string;
}

/** The accounts the README and the start-up table name, one per role the demo shows. */
export function namedAccounts(commune: NamedCommune): DemoAccount[] {
  return [
    { username: 'admin', role: 'admin', agencySlug: 'van-phong-trung-uong-dang' },
    { username: 'vptw', role: 'office', agencySlug: 'bcd-tw-co-quan-thuong-truc', scopeSlug: null },
    { username: 'vp.hanoi', role: 'office', agencySlug: 'tp-ha-noi-vp-cap-uy', scopeSlug: 'tp-ha-noi' },
    { username: 'bokhcn', role: 'focal', agencySlug: 'bo-khoa-hoc-va-cong-nghe' },
    { username: 'bokhcn.lanhdao', role: 'head', agencySlug: 'bo-khoa-hoc-va-cong-nghe' },
    { username: 'sokhcn.hanoi', role: 'focal', agencySlug: 'tp-ha-noi-so-khoa-hoc-va-cong-nghe' },
    { username: 'xa.hanoi', role: 'focal', agencySlug: commune.slug },
    // A commune's standing office sits in its People's Committee and manages the commune's own plans.
    { username: 'vp.xa.hanoi', role: 'office', agencySlug: commune.slug, scopeSlug: commune.slug },
    { username: 'thanhtra', role: 'inspector', agencySlug: 'thanh-tra-chinh-phu' },
  ];
}

function fullNames(count: number, seed: number): string[] {
  const random = seededRandom(seed * 104729 + 3);
  return Array.from(
    { length: count },
    () => `${pick(random, FAMILY_NAMES)} ${pick(random, MIDDLE_NAMES)} ${pick(random, GIVEN_NAMES)}`,
  );
}

/**
 * Inserts the named accounts, one standing office per province (scope: the province; it reviews the
 * province's and its communes' reports) and one focal point per body that can be assigned a task
 * (username "daumoi.<slug>"), all with one argon2id hash of DEMO_PASSWORD (hashed once: the hash is
 * the slow part). Returns the printed table.
 */
export async function createAccounts(db: Db, seed: number, commune: NamedCommune): Promise<PrintedAccount[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const named = namedAccounts(commune);
  const names = fullNames(named.length, seed);
  await db.query(sql`
    INSERT INTO users (username, password_hash, full_name, agency_id, role, scope_agency_id)
    SELECT x.username, ${hash}, x.full_name, a.id, x.role, s.id
    FROM unnest(${named.map((a) => a.username)}::text[], ${names}::text[], ${named.map((a) => a.agencySlug)}::text[],
                ${named.map((a) => a.role)}::text[], ${named.map((a) => a.scopeSlug ?? null)}::text[])
         WITH ORDINALITY AS x(username, full_name, agency_slug, role, scope_slug, n)
    JOIN agencies a ON a.slug = x.agency_slug
    LEFT JOIN agencies s ON s.slug = x.scope_slug
    ORDER BY x.n`);
  // A standing office per province, in the office of the provincial Party Committee when there is one.
  await db.query(sql`
    INSERT INTO users (username, password_hash, full_name, agency_id, role, scope_agency_id)
    SELECT 'vanphong.' || p.slug, ${hash}, 'Văn phòng ' || p.name, coalesce(o.id, p.id), 'office', p.id
    FROM agencies p LEFT JOIN agencies o ON o.slug = p.slug || '-vp-cap-uy'
    WHERE p.level = 'province' AND p.parent_id IS NULL AND p.kind <> 'group'
      AND EXISTS (SELECT 1 FROM agencies c WHERE c.parent_id = p.id)
    ORDER BY p.id`);
  await db.query(sql`
    INSERT INTO users (username, password_hash, full_name, agency_id, role)
    SELECT 'daumoi.' || a.slug, ${hash}, 'Đầu mối ' || a.name, a.id, 'focal'
    FROM agencies a WHERE a.kind <> 'group' AND a.merged_into_id IS NULL
    ORDER BY a.id`);
  const bodies = await db.query<{ username: string; name: string; scope_level: string | null }>(sql`
    SELECT u.username, a.name, s.level AS scope_level FROM users u JOIN agencies a ON a.id = u.agency_id
    LEFT JOIN agencies s ON s.id = u.scope_agency_id
    WHERE u.username = ANY(${named.map((a) => a.username)}::text[])`);
  const scopeWords: Record<string, string> = { province: 'tỉnh/thành phố', commune: 'xã/phường' };
  return named.map((account) => {
    const body = bodies.find((b) => b.username === account.username);
    const scope = body?.scope_level ? (scopeWords[body.scope_level] ?? body.scope_level) : 'toàn quốc';
    return {
      username: account.username,
      password: DEMO_PASSWORD,
      role: account.role,
      body: (body?.name ?? account.agencySlug) + (account.role === 'office' ? ` (phạm vi: ${scope})` : ''),
    };
  });
}
