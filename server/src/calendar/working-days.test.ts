import { describe, expect, it } from 'vitest';
import { anonymous, loginAs, useTestApp } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { loadCalendarOverrides } from './calendar.service.ts';
import { addDays } from './calendar.ts';
import { lunarDateOf, solarDateOfLunar } from './lunar.ts';
import { addWorkingDays, isWorkingDay, publicHolidays } from './working-days.ts';

// Tết Nguyên đán as Vietnam kept it (public record). 1985 and 2007 are the years Vietnam's calendar
// (UTC+7) parted from China's (UTC+8: 20/2/1985, 18/2/2007): a library on China's zone gets them wrong.
const KNOWN_TET: Record<number, string> = {
  1985: '1985-01-21',
  2007: '2007-02-17',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
};

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

// A reference new moon (6/1/2000 18:14 UT) and the mean lunation: an astronomical new moon is within
// about 15 hours of the mean one, so its Vietnamese day is within a day of the mean one's.
const REFERENCE_NEW_MOON = Date.UTC(2000, 0, 6, 18, 14) / 86_400_000;
const MEAN_LUNATION = 29.530588853;
function nearestMeanNewMoon(day: string): number {
  const local = Date.parse(`${day}T00:00:00+07:00`) / 86_400_000 + 0.5;
  const k = Math.round((local - REFERENCE_NEW_MOON) / MEAN_LUNATION);
  return Math.abs(local - (REFERENCE_NEW_MOON + k * MEAN_LUNATION));
}

describe('the lunar calendar', () => {
  it('puts Tết on the days Vietnam kept, including the years its calendar parted from China’s', () => {
    for (const [year, tet] of Object.entries(KNOWN_TET)) {
      expect(solarDateOfLunar(1, 1, Number(year)), year).toBe(tet);
      expect(lunarDateOf(tet)).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
    }
  });

  it('starts every lunar year of 1990–2060 on a new moon between the 21st of January and the 20th of February', () => {
    for (let year = 1990; year <= 2060; year++) {
      const tet = solarDateOfLunar(1, 1, year)!;
      expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`, `${year}: ${tet}`).toBe(true);
      expect(nearestMeanNewMoon(tet), `${year}: ${tet}`).toBeLessThan(1);
      // The day before is the last of the old year's twelfth month (29 or 30 days long).
      const eve = lunarDateOf(addDays(tet, -1));
      expect(eve.month, String(year)).toBe(12);
      expect([29, 30]).toContain(eve.day);
      // Hùng Kings' day is the 10th of the third month, 2 or 3 lunations (a leap month) after Tết.
      const hungKings = solarDateOfLunar(10, 3, year)!;
      expect(lunarDateOf(hungKings)).toMatchObject({ day: 10, month: 3, year, leap: false });
      const months = (Date.parse(hungKings) - Date.parse(tet)) / 86_400_000 / MEAN_LUNATION;
      expect(months > 2 && months < 3.5, `${year}: ${hungKings}`).toBe(true);
    }
  });
});

describe('working days (ngày làm việc)', () => {
  /** The law's rules written out from scratch for the days near Tết 2026: weekends and Tết's five days. */
  const offAroundTet2026 = (day: string) => {
    const tet = KNOWN_TET[2026]!;
    return isWeekend(day) || (day >= addDays(tet, -1) && day <= addDays(tet, 3));
  };
  const countForward = (from: string, count: number, off: (day: string) => boolean) => {
    let day = from;
    for (let left = count; left > 0; ) {
      day = addDays(day, 1);
      if (!off(day)) left--;
    }
    return day;
  };

  it('counts across a weekend and the five days of Tết', () => {
    // Received on the Friday before Tết 2026: Saturday, Sunday, then 30 Tết to mùng 4 are off.
    expect(weekdayOf('2026-02-13')).toBe(5);
    for (const count of [1, 2, 3, 15]) {
      expect(addWorkingDays('2026-02-13', count), `${count}`).toBe(countForward('2026-02-13', count, offAroundTet2026));
    }
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-02-20')).toBe(false);
    // Counting back from the first working day after Tết lands on the Friday before it.
    expect(addWorkingDays('2026-02-23', -1)).toBe('2026-02-13');
    expect(addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
  });

  it('gives the next working day off for a holiday that falls on a weekend', () => {
    // Giỗ Tổ Hùng Vương 2026 (10/3 lunar) is a Sunday: Monday is made up, Tuesday is the next working day.
    const hungKings = solarDateOfLunar(10, 3, 2026)!;
    expect(weekdayOf(hungKings)).toBe(0);
    expect(isWorkingDay(addDays(hungKings, 1))).toBe(false);
    expect(addWorkingDays(addDays(hungKings, -2), 1)).toBe(addDays(hungKings, 2));
    // 30/4 and 1/5/2022 were a Saturday and a Sunday: both made up, on Monday 2 and Tuesday 3 May.
    const may2022 = publicHolidays(2022).filter((h) => h.name === 'make_up' && h.day.startsWith('2022-05'));
    expect(may2022.map((h) => h.day)).toEqual(['2022-05-02', '2022-05-03']);
    expect(addWorkingDays('2022-04-29', 1)).toBe('2022-05-04');
  });

  it('gives National Day two days, and every statutory holiday of a year', () => {
    for (let year = 2021; year <= 2040; year++) {
      const holidays = publicHolidays(year);
      const statutory = holidays.filter((h) => h.name !== 'make_up');
      // Labour Code 2019 art. 112: 1 + 5 + 1 + 1 + 1 + 2 = 11 days.
      expect(statutory, String(year)).toHaveLength(11);
      const national = statutory.filter((h) => h.name === 'national').map((h) => h.day);
      expect(national).toContain(`${year}-09-02`);
      expect([`${year}-09-01`, `${year}-09-03`]).toContain(national.find((d) => d !== `${year}-09-02`));
      // One make-up day per statutory day on a weekend.
      expect(holidays.length - statutory.length).toBe(statutory.filter((h) => isWeekend(h.day)).length);
    }
  });
});

describe('days an administrator records', () => {
  const ctx = useTestApp(async (db) => {
    const central = await makeAgency(db, { name: 'Văn phòng Trung ương Đảng' });
    return {
      admin: await makeUser(db, { role: 'admin', agency: central }),
      office: await makeUser(db, { role: 'office', agency: central }),
    };
  });

  it('a day off and a Saturday worked change the count; only an administrator records them', async () => {
    const admin = await loginAs(ctx.t.app, ctx.data.admin);
    const office = await loginAs(ctx.t.app, ctx.data.office);
    const note = { kind: 'day_off', note: 'Nghỉ bù theo Thông báo của Bộ Nội vụ' };
    expect((await anonymous(ctx.t.app).put('/api/calendar/days/2026-02-23', note)).statusCode).toBe(401);
    expect((await office.put('/api/calendar/days/2026-02-23', note)).statusCode).toBe(403);
    expect(addWorkingDays('2026-02-13', 1, await loadCalendarOverrides(ctx.t.db))).toBe('2026-02-23');

    const set = await admin.put('/api/calendar/days/2026-02-23', note);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ day: '2026-02-23', kind: 'day_off', source: 'administrator' });
    const worked = await admin.put('/api/calendar/days/2026-02-28', { kind: 'working_day', note: 'Làm bù' });
    expect(worked.statusCode, worked.body).toBe(200);

    const overrides = await loadCalendarOverrides(ctx.t.db);
    expect(addWorkingDays('2026-02-13', 1, overrides)).toBe('2026-02-24');
    // Tue 24 … Fri 27 are four; the Saturday worked is the fifth.
    expect(addWorkingDays('2026-02-13', 5, overrides)).toBe('2026-02-28');

    const year = await office.get('/api/calendar/days?year=2026');
    expect(year.statusCode).toBe(200);
    const days = year.json<{ items: { day: string; source: string }[] }>().items;
    expect(days.find((d) => d.day === '2026-02-17')).toMatchObject({ source: 'law' });
    expect(days.find((d) => d.day === '2026-02-23')).toMatchObject({ source: 'administrator' });

    expect((await admin.delete('/api/calendar/days/2026-02-23')).statusCode).toBe(204);
    expect((await admin.delete('/api/calendar/days/2026-02-23')).statusCode).toBe(404);
    expect((await admin.put('/api/calendar/days/2026-02-30', note)).statusCode).toBe(400);
    expect(addWorkingDays('2026-02-13', 1, await loadCalendarOverrides(ctx.t.db))).toBe('2026-02-23');
  });
});
