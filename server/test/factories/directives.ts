import type { AgencyLevel } from '@giamsat/shared';
import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';
import { makeUser, type TestUser } from './accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from './agencies.ts';
import { uniq } from './unique.ts';

export interface TestDirective {
  id: number;
  number: string;
}

export async function makeDirective(
  db: Db,
  options: {
    number?: string;
    level?: AgencyLevel;
    status?: 'draft' | 'published';
    programme?: string | null;
    scope?: TestAgency | null;
    issuer?: TestAgency | null;
    issuedOn?: string;
  } = {},
): Promise<TestDirective> {
  const number = options.number ?? `${Math.floor(Math.random() * 900) + 10}-KH/${uniq().toUpperCase()}`;
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO directives (number, doc_type, issued_on, level, title, programme_code, status, scope_agency_id, issuer_agency_id)
    VALUES (${number}, 'Kế hoạch', ${options.issuedOn ?? '2025-06-01'}, ${options.level ?? 'central'},
            ${`Kế hoạch thực hiện ${number}`}, ${options.programme === undefined ? 'NQ57' : options.programme},
            ${options.status ?? 'published'}, ${options.scope?.id ?? null}, ${options.issuer?.id ?? null})
    RETURNING id`);
  return { id: row!.id, number };
}

/**
 * A small country for permission tests: a central ministry, two provinces with a commune each, the
 * "UBND cấp xã" group of both communes, and one user per role (the office of Hà Nội owns the scope
 * under test; the office of Đà Nẵng is "another province").
 */
export interface RoleCast {
  ministry: TestAgency;
  hanoi: TestAgency;
  hanoiDept: TestAgency;
  hanoiCommune: TestAgency;
  danang: TestAgency;
  danangCommune: TestAgency;
  communes: TestAgency;
  users: {
    admin: TestUser;
    centralOffice: TestUser;
    office: TestUser;
    otherOffice: TestUser;
    focal: TestUser;
    head: TestUser;
    inspector: TestUser;
    communeFocal: TestUser;
    otherFocal: TestUser;
  };
}

export async function makeRoleCast(db: Db): Promise<RoleCast> {
  const ministry = await makeAgency(db, { name: 'Bộ Khoa học và Công nghệ', aliases: ['Bộ KH&CN'] });
  const centralOfficeBody = await makeAgency(db, { name: 'Văn phòng Trung ương Đảng', kind: 'party' });
  const hanoi = await makeAgency(db, { name: 'Thành phố Hà Nội', level: 'province' });
  const hanoiDept = await makeAgency(db, { name: 'Sở Khoa học và Công nghệ Hà Nội', parent: hanoi });
  const hanoiCommune = await makeAgency(db, { name: 'Phường Ba Đình', level: 'commune', parent: hanoi });
  const danang = await makeAgency(db, { name: 'Thành phố Đà Nẵng', level: 'province' });
  const danangCommune = await makeAgency(db, { name: 'Phường Hải Châu', level: 'commune', parent: danang });
  const communes = await makeGroup(db, 'UBND cấp xã', [hanoiCommune, danangCommune]);
  const users = {
    admin: await makeUser(db, { role: 'admin', agency: centralOfficeBody }),
    centralOffice: await makeUser(db, { role: 'office', agency: centralOfficeBody, scope: null }),
    office: await makeUser(db, { role: 'office', agency: hanoiDept, scope: hanoi }),
    otherOffice: await makeUser(db, { role: 'office', agency: danang, scope: danang }),
    focal: await makeUser(db, { role: 'focal', agency: hanoiDept }),
    head: await makeUser(db, { role: 'head', agency: hanoiDept }),
    inspector: await makeUser(db, { role: 'inspector', agency: centralOfficeBody }),
    communeFocal: await makeUser(db, { role: 'focal', agency: hanoiCommune }),
    otherFocal: await makeUser(db, { role: 'focal', agency: danangCommune }),
  };
  return { ministry, hanoi, hanoiDept, hanoiCommune, danang, danangCommune, communes, users };
}
