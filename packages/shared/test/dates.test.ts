import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDay, daysInMonth, formatDay, parseTypedDay, readTypedDay, vietnamDate } from '../src/dates.ts';

describe('a day typed by hand is read day first', () => {
  it('reads dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy and dd.mm.yyyy as the same day', () => {
    for (const typed of ['05/06/2027', '5/6/2027', '05-06-2027', '5.6.2027', ' 05/06/2027 ']) {
      expect(readTypedDay(typed), typed).toEqual({ day: '2027-06-05' });
    }
    expect(parseTypedDay('30/06/2027')).toBe('2027-06-30');
    expect(parseTypedDay('29/02/2028')).toBe('2028-02-29');
  });

  it('refuses a day that does not exist instead of rolling it over', () => {
    for (const typed of ['31/02/2027', '29/02/2027', '00/13/2027', '31/04/2027', '00/01/2027', '15/00/2027']) {
      expect(readTypedDay(typed), typed).toEqual({ problem: 'no_such_day' });
      expect(parseTypedDay(typed), typed).toBeNull();
    }
  });

  it('refuses what is not written day/month/year', () => {
    for (const typed of ['2027-06-05', '05/06/27', '05/06-2027', 'ngày 5 tháng 6', '', '05/06/2027 10:00']) {
      expect(readTypedDay(typed), typed).toEqual({ problem: 'format' });
    }
  });

  it('reads back every real day it shows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const iso = calendarDay(year, month, day);
          if (day > daysInMonth(year, month)) expect(iso).toBeNull();
          else expect(parseTypedDay(formatDay(iso as string))).toBe(iso);
        },
      ),
    );
  });
});

describe("Vietnam's calendar day", () => {
  it('turns at midnight in Vietnam (17:00 UTC), not at midnight UTC', () => {
    expect(vietnamDate(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(vietnamDate(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
  });
});
