import { describe, expect, it } from 'vitest';
import { normalizeDocNumber } from '../src/documents/doc-number.ts';
import { extractDirectives } from '../src/extract.ts';

// A made-up bundle in the usual layout: a provincial forwarding letter, the provincial plan it sends,
// a certified copy block and the plan's appendix.
const bundle = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH NINH BÌNH',
  'Số 12 - CV/UBND',
  'Ninh Bình, ngày 3 tháng 11 năm 2025',
  'V/v triển khai kế hoạch chuyển đổi số',
  'Thực hiện Kế hoạch số 05-KH/UBND ngày 20/10/2025 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân tỉnh đề nghị:',
  '1. Sở Nội vụ chủ trì rà soát biên chế cho chuyển đổi số. Hoàn thành trong tháng 12/2025.',
  'Nơi nhận:',
  '- Như trên.',
  'CHỦ TỊCH',
  'Trần Văn Bình',
  '',
  'ỦY BAN NHÂN DÂN',
  'TỈNH NINH BÌNH',
  'Số 05-KH/UBND',
  'Ninh Bình, ngày 20 tháng 10 năm 2025',
  'KẾ HOẠCH',
  'Triển khai thực hiện Quyết định số 88/QĐ-TTg về chuyển đổi số',
  'I. NHIỆM VỤ',
  '1. Sở Tài chính bố trí kinh phí cho các dự án chuyển đổi số. Hoàn thành trong quý IV/2025.',
  'Nơi nhận:',
  '- Các sở, ngành.',
  'CHỦ TỊCH',
  'Trần Văn Bình',
  '',
  'SỞ TƯ PHÁP TỈNH NINH BÌNH',
  'Số 7 - SY/STP',
  'SAO Y',
  'Ninh Bình, ngày 21 tháng 10 năm 2025',
  'Nơi nhận:',
  '- Lưu.',
  '',
  'PHỤ LỤC',
  '(Kèm theo Kế hoạch số 05-KH/UBND ngày 20/10/2025 của Ủy ban nhân dân tỉnh)',
  'STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tHạn hoàn thành',
  '1.\tXây dựng kho dữ liệu dùng chung của tỉnh\tSở Khoa học và Công nghệ\tSở Tài chính\t6/2026',
].join('\n');

describe('splitting a bundle into documents', () => {
  const { documents } = extractDirectives(bundle);

  it('finds the letter and the plan, not the certified copy', () => {
    expect(documents.map((d) => d.number)).toEqual(['12-CV/UBND', '05-KH/UBND']);
  });

  it('reads type, date, level and start line', () => {
    const [letter, plan] = documents;
    expect(letter).toMatchObject({ type: 'Công văn', date: '2025-11-03', level: 'province', startsAtLine: 1 });
    expect(plan).toMatchObject({ type: 'Kế hoạch', date: '2025-10-20', level: 'province', startsAtLine: 13 });
  });

  it('reads what each document implements', () => {
    expect(documents[0]?.implements).toEqual(['05-KH/UBND']);
    expect(documents[1]?.implements).toEqual(['88/QĐ-TTg']);
  });

  it('gives the appendix to the document it names', () => {
    const plan = documents[1];
    expect(plan?.tasks.map((t) => t.line)).toEqual([20, 36]);
    expect(plan?.tasks[1]).toMatchObject({ lead: ['Sở Khoa học và Công nghệ'], coordinating: ['Sở Tài chính'] });
    expect(documents[0]?.tasks).toHaveLength(1);
  });
});

describe('document headers', () => {
  it('reads a central notice whose type spans two lines', () => {
    const text = [
      'BAN CHỈ ĐẠO TRUNG ƯƠNG',
      'Hà Nội, ngày 5 tháng 3 năm 2026',
      'Số 09-TB/BCĐTW',
      'THÔNG BÁO',
      'KẾT LUẬN CỦA BAN CHỈ ĐẠO',
      'Ngày 4/3/2026, Ban Chỉ đạo đã họp.',
      '1. Bộ Công Thương rà soát chính sách năng lượng. Hoàn thành trong tháng 5/2026.',
    ].join('\n');
    const [doc] = extractDirectives(text).documents;
    expect(doc).toMatchObject({
      number: '09-TB/BCĐTW',
      type: 'Thông báo kết luận',
      date: '2026-03-05',
      level: 'central',
      implements: [],
    });
  });

  it('does not take context citations for implemented documents', () => {
    const text = [
      'Số 3-KH/BCĐ',
      'Hà Nội, ngày 1 tháng 4 năm 2026',
      'KẾ HOẠCH',
      'Thực hiện Thông báo số 20-TB/BCĐTW về tình hình triển khai thực hiện Nghị quyết số 57-NQ/TW (sau đây gọi là Thông báo số 20-TB/BCĐTW).',
    ].join('\n');
    expect(extractDirectives(text).documents[0]?.implements).toEqual(['20-TB/BCĐTW']);
  });

  it("keeps a title's own capitals: a Party plan's title in lower case, a title in capitals with a document's code", () => {
    const party = [
      'ĐẢNG BỘ TỈNH QUẢNG TRỊ',
      'Số 40-KH/TU',
      'Quảng Trị, ngày 9 tháng 2 năm 2026',
      'KẾ HOẠCH',
      'triển khai Chỉ thị số 45-CT/TW của Ban Bí thư về công tác dân vận',
      '1. Ban Dân vận Tỉnh ủy hướng dẫn các cấp ủy triển khai Chỉ thị.',
    ];
    expect(extractDirectives(party.join('\n')).documents[0]?.title).toBe(
      'Triển khai Chỉ thị số 45-CT/TW của Ban Bí thư về công tác dân vận',
    );
    const capitals = [...party.slice(0, 4), 'TRIỂN KHAI CHỈ THỊ SỐ 45-CT/TW VỀ CÔNG TÁC DÂN VẬN', party[5]];
    expect(extractDirectives(capitals.join('\n')).documents[0]?.title).toBe(
      'Triển khai chỉ thị số 45-CT/TW về công tác dân vận',
    );
  });

  it('normalises numbers: no spaces around "-" and "/"', () => {
    expect(normalizeDocNumber('Số 01 -KH/BCĐ')).toBe('01-KH/BCĐ');
    expect(normalizeDocNumber('96 - BS / VPTU')).toBe('96-BS/VPTU');
  });
});
