// Test data for feedback (phản ánh, kiến nghị): Hà Nội with its office and two of its departments,
// Đà Nẵng's office, the central office, and a submission as the public form sends it.
import { afterEach, beforeAll, vi } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';
import { sessions, useTestApp } from '../app.ts';
import { makeUser, type TestUser } from './accounts.ts';
import { makeAgency, type TestAgency } from './agencies.ts';
import { uniq } from './unique.ts';

export interface FeedbackWorld {
  province: TestAgency;
  scienceDept: TestAgency;
  infoDept: TestAgency;
  otherProvince: TestAgency;
  fieldId: number;
  users: {
    admin: TestUser;
    centralOffice: TestUser;
    office: TestUser;
    otherOffice: TestUser;
    scienceFocal: TestUser;
    infoFocal: TestUser;
    inspector: TestUser;
  };
}

export async function makeFeedbackWorld(db: Db): Promise<FeedbackWorld> {
  const central = await makeAgency(db, { name: `Văn phòng Trung ương Đảng ${uniq()}` });
  const province = await makeAgency(db, { name: `Thành phố Hà Nội ${uniq()}`, level: 'province' });
  const otherProvince = await makeAgency(db, { name: `Thành phố Đà Nẵng ${uniq()}`, level: 'province' });
  const scienceDept = await makeAgency(db, { name: `Sở Khoa học và Công nghệ Hà Nội ${uniq()}`, parent: province });
  const infoDept = await makeAgency(db, { name: `Sở Nội vụ Hà Nội ${uniq()}`, parent: province });
  const [field] = await db.query<{ id: number }>(
    sql`SELECT id FROM feedback_fields WHERE code = 'digital_transformation'`,
  );
  return {
    province,
    scienceDept,
    infoDept,
    otherProvince,
    fieldId: field!.id,
    users: {
      admin: await makeUser(db, { role: 'admin', agency: central }),
      centralOffice: await makeUser(db, { role: 'office', agency: central }),
      office: await makeUser(db, { role: 'office', agency: province, scope: province }),
      otherOffice: await makeUser(db, { role: 'office', agency: otherProvince, scope: otherProvince }),
      scienceFocal: await makeUser(db, { role: 'focal', agency: scienceDept }),
      infoFocal: await makeUser(db, { role: 'focal', agency: infoDept }),
      inspector: await makeUser(db, { role: 'inspector', agency: central }),
    },
  };
}

/** A submission as the public form sends it; `overrides` replace whole top-level parts. */
export function feedbackSubmission(fieldId: number, overrides: Record<string, unknown> = {}) {
  return {
    type: 'recommendation',
    fieldId,
    title: 'Đề nghị mở rộng dịch vụ công trực tuyến cấp xã',
    content:
      'Người dân ở xã vẫn phải nộp hồ sơ giấy cho nhiều thủ tục. Kiến nghị đưa thêm các thủ tục này lên Cổng dịch vụ công.',
    contact: {
      name: 'Trần Thị Lan',
      email: `lan.${uniq()}@example.vn`,
      phone: '0912 345 678',
      organisation: 'Hợp tác xã Đông Anh',
    },
    publication: { consent: true, includeName: false },
    website: '',
    ...overrides,
  };
}

/** The day `isoDate` (mid-morning in Vietnam) as the faked clock's now. */
export const setToday = (isoDate: string) => vi.setSystemTime(new Date(`${isoDate}T03:00:00Z`));

/**
 * The feedback world for a describe block whose tests move the clock: everyone signed in first, while
 * the clock is real, so the sessions stay live when a test sets it back; the real clock back after each.
 */
export function useFeedbackWorld() {
  const ctx = useTestApp(makeFeedbackWorld);
  const as = sessions(() => ctx.t.app);
  beforeAll(async () => {
    for (const user of Object.values(ctx.data.users)) await as(user);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return { ctx, as };
}
