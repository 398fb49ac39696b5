import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeadline, parseDeadlineCell } from '../src/deadlines/parse-deadline.ts';

const y = { year: 2025 };

describe('deadlines in prose (PRODUCT.md rules)', () => {
  it('"trong tháng M/Y" and "tháng M/Y" end with the month', () => {
    expect(parseDeadline('Hoàn thành trong tháng 6/2025.', y)).toMatchObject({ kind: 'date', due: '2025-06-30' });
    expect(parseDeadline('Báo cáo kết quả tháng 2/2024.', y)).toMatchObject({ kind: 'date', due: '2024-02-29' });
    expect(parseDeadline('Hoàn thành chậm nhất trong tháng 3/2026.', y)).toMatchObject({
      kind: 'date',
      due: '2026-03-31',
    });
  });

  it('"trước ngày X" is the day before; "trước 15/11/2025" too', () => {
    expect(parseDeadline('Hoàn thành trước ngày 20/6/2025.', y)).toMatchObject({ kind: 'date', due: '2025-06-19' });
    expect(parseDeadline('Gửi báo cáo trước 15/11/2025.', y)).toMatchObject({ kind: 'date', due: '2025-11-14' });
    expect(parseDeadline('Hoàn thành trước ngày 01/01/2026.', y)).toMatchObject({ due: '2025-12-31' });
  });

  it('an hour before the day ("trước 17 giờ ngày X", "chậm nhất 16h00 ngày X") is the day itself', () => {
    expect(parseDeadline('Báo cáo Ủy ban nhân dân xã trước 17 giờ ngày 05/9/2026.', y).due).toBe('2026-09-05');
    expect(parseDeadline('Gửi danh sách chậm nhất 16h00 ngày 12/10/2026.', y).due).toBe('2026-10-12');
    expect(parseDeadline('Báo cáo trước 9 giờ 30 phút, ngày 20 tháng 6 năm 2025.', y).due).toBe('2025-06-20');
    // When a meeting took place is no deadline.
    expect(parseDeadline('Vào lúc 14 giờ ngày 10/9/2026, Ủy ban nhân dân xã đã họp.', y).kind).toBe('none');
  });

  it('a report "hằng tuần" to a named body recurs weekly', () => {
    expect(parseDeadline('Báo cáo tình hình về Bộ Nông nghiệp và Môi trường hằng tuần.', y)).toMatchObject({
      kind: 'recurring',
      period: 'weekly',
    });
    expect(parseDeadline('Tổng hợp kết quả gửi Ủy ban nhân dân xã hằng tháng.', y)).toMatchObject({
      kind: 'recurring',
      period: 'monthly',
    });
  });

  it('"ngày", "chậm nhất ngày", "đến ngày", "từ ngày" are the day itself', () => {
    expect(parseDeadline('Hoàn thành chậm nhất ngày 20/6/2025.', y).due).toBe('2025-06-20');
    expect(parseDeadline('Thực hiện đến ngày 20/6/2025.', y).due).toBe('2025-06-20');
    expect(parseDeadline('Đưa hệ thống vào vận hành từ ngày 01/7/2025.', y)).toMatchObject({
      kind: 'date',
      due: '2025-07-01',
    });
    expect(parseDeadline('Hoàn thành trước ngày 25 tháng 10 năm 2025.', y).due).toBe('2025-10-24');
  });

  it('quarters and years', () => {
    expect(parseDeadline('Hoàn thành trong quý IV/2025.', y).due).toBe('2025-12-31');
    expect(parseDeadline('Triển khai trong Quý II/2026.', y).due).toBe('2026-06-30');
    expect(parseDeadline('Hoàn thành trong năm 2025.', y).due).toBe('2025-12-31');
  });

  it('a span ends with its last year', () => {
    expect(parseDeadline('Thực hiện trong giai đoạn 2025 - 2030.', y).due).toBe('2030-12-31');
  });

  it('a date without a year takes the document year', () => {
    expect(parseDeadline('Hoàn thành trước ngày 20/6.', { year: 2026 }).due).toBe('2026-06-19');
  });

  it('continuous, recurring and event deadlines', () => {
    expect(parseDeadline('Rà soát các quy định. Nhiệm vụ thường xuyên.', y)).toMatchObject({
      kind: 'continuous',
      due: null,
    });
    expect(parseDeadline('Hàng tháng có báo cáo kết quả thực hiện.', y)).toMatchObject({
      kind: 'recurring',
      period: 'monthly',
    });
    expect(parseDeadline('Định kỳ hằng quý báo cáo Ban Chỉ đạo.', y)).toMatchObject({
      kind: 'recurring',
      period: 'quarterly',
    });
    expect(parseDeadline('Duy trì giao ban định kỳ hàng tuần.', y)).toMatchObject({
      kind: 'recurring',
      period: 'weekly',
    });
    expect(parseDeadline('Hoàn thành cùng thời điểm Luật Dữ liệu có hiệu lực thi hành.', y)).toMatchObject({
      kind: 'event',
      due: null,
    });
  });

  it('a completion date wins over a recurring report, which keeps its period', () => {
    const d = parseDeadline('Hằng tháng báo cáo tiến độ. Hoàn thành trong tháng 12/2025.', y);
    expect(d).toMatchObject({ kind: 'date', due: '2025-12-31', period: 'monthly' });
  });

  it('"Hoàn thành …" outranks a progress-report date in the same item', () => {
    const d = parseDeadline('Hoàn thành cùng thời điểm Luật có hiệu lực. Có báo cáo tiến độ trong tháng 6/2025.', y);
    expect(d.kind).toBe('event');
  });

  it('document numbers and the dates after them are not deadlines', () => {
    expect(parseDeadline('Thực hiện theo Nghị định số 15/2020/NĐ-CP.', y).kind).toBe('none');
    expect(parseDeadline('Theo Thông báo số 07-TB/CQTTBCĐ ngày 15/10/2025 của Ban Chỉ đạo.', y).kind).toBe('none');
    expect(parseDeadline('Thực hiện Kế hoạch số 02-KH/BCĐTW, ngày 19/6/2025.', y).kind).toBe('none');
  });

  it('recurrent spending ("chi thường xuyên") is not a continuous task', () => {
    expect(parseDeadline('Hướng dẫn dự toán chi đầu tư, chi thường xuyên.', y).kind).toBe('none');
  });

  it('"thực hiện liên tục" as the time of a clause is continuous; "liên tục" as a manner is not', () => {
    expect(parseDeadline('Kiểm tra an toàn đập, hồ chứa, thực hiện liên tục.', y).kind).toBe('continuous');
    expect(parseDeadline('Cập nhật dữ liệu dân cư; liên tục.', y).kind).toBe('continuous');
    expect(parseDeadline('Theo dõi liên tục tình hình mưa lũ.', y).kind).toBe('none');
    expect(parseDeadline('Vận động Nhân dân tham gia liên tục.', y).kind).toBe('none');
  });

  it('no deadline words → none', () => {
    expect(parseDeadline('Tăng cường công tác tuyên truyền.', y)).toEqual({
      raw: '',
      kind: 'none',
      due: null,
      period: null,
    });
  });
});

describe('deadlines in table cells', () => {
  it('bare years, months, quarters and dates', () => {
    expect(parseDeadlineCell('2025', y).due).toBe('2025-12-31');
    expect(parseDeadlineCell('Năm 2025', y).due).toBe('2025-12-31');
    expect(parseDeadlineCell('6/2025', y).due).toBe('2025-06-30');
    expect(parseDeadlineCell('06/2025', y).due).toBe('2025-06-30');
    expect(parseDeadlineCell('Tháng 10/2025', y).due).toBe('2025-10-31');
    expect(parseDeadlineCell('Quý I/2025', y).due).toBe('2025-03-31');
    expect(parseDeadlineCell('31/12/2025', y).due).toBe('2025-12-31');
    expect(parseDeadlineCell('Trước 15/11/2025', y).due).toBe('2025-11-14');
    expect(parseDeadlineCell('2025-2026', y).due).toBe('2026-12-31');
  });

  it('"Thường xuyên" is continuous', () => {
    expect(parseDeadlineCell('Thường xuyên', y)).toMatchObject({ kind: 'continuous', due: null });
  });

  it('impossible dates are ignored, not invented', () => {
    expect(parseDeadlineCell('31/02/2025', y).due).toBeNull();
    expect(parseDeadlineCell('13/2025', y).due).toBeNull();
  });
});

describe('deadline grammar properties', () => {
  const validIso = (s: string) => {
    const [yy, mm, dd] = s.split('-').map(Number) as [number, number, number];
    const d = new Date(Date.UTC(yy, mm - 1, dd));
    return d.getUTCFullYear() === yy && d.getUTCMonth() === mm - 1 && d.getUTCDate() === dd;
  };
  const pieces = fc.constantFrom(
    'trước ngày ',
    'trong tháng ',
    'quý ',
    'năm ',
    'ngày ',
    'Hoàn thành ',
    'chậm nhất ',
    'từ ngày ',
    '/',
    '-',
    ' ',
    'IV',
    'thường xuyên',
    'hằng tháng',
  );
  const digits = fc.integer({ min: 0, max: 9999 }).map(String);
  const text = fc.array(fc.oneof(pieces, digits, fc.string()), { maxLength: 30 }).map((xs) => xs.join(''));

  it('never throws and never returns an impossible date', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1000, max: 3000 }), (t, year) => {
        for (const d of [parseDeadline(t, { year }), parseDeadlineCell(t, { year })]) {
          if (d.due !== null) expect(validIso(d.due)).toBe(true);
          if (d.kind !== 'date') expect(d.due).toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every day of a year parses back to itself after "ngày" and to the day before after "trước ngày"', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
        (date) => {
          const dd = date.getUTCDate();
          const mm = date.getUTCMonth() + 1;
          const yy = date.getUTCFullYear();
          const iso = `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
          expect(parseDeadline(`Hoàn thành chậm nhất ngày ${dd}/${mm}/${yy}.`).due).toBe(iso);
          const before = parseDeadline(`Hoàn thành trước ngày ${dd}/${mm}/${yy}.`).due;
          expect(before && validIso(before)).toBe(true);
          expect(before && before < iso).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays linear on long adversarial input', () => {
    const long = `${'trước ngày 1/'.repeat(20_000)}${'quý '.repeat(20_000)}`;
    const t0 = performance.now();
    parseDeadline(long, y);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
