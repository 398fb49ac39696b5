// Task tables read by their shape: any header wording and column order, no header at all, group rows,
// two-row headers, progress columns.
import { describe, expect, it } from 'vitest';
import { extractDirectives } from '../src/extract.ts';
import type { ExtractedTask } from '../src/types.ts';

function tasksOf(rows: string[]): ExtractedTask[] {
  const text = [
    'ỦY BAN NHÂN DÂN',
    'TỈNH CAO BẰNG',
    'Số: 55/KH-UBND',
    'Cao Bằng, ngày 2 tháng 9 năm 2025',
    'KẾ HOẠCH',
    ...rows,
  ];
  return extractDirectives(text.join('\n')).documents.flatMap((d) => d.tasks);
}

describe('task tables', () => {
  it('reads other header words: "TT | Tên nhiệm vụ | … | Kết quả | Thời gian hoàn thành"', () => {
    const tasks = tasksOf([
      'TT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tKết quả\tThời gian hoàn thành',
      '1\tXây dựng kho dữ liệu dùng chung\tSở Khoa học và Công nghệ\tSở Tài chính\tKho dữ liệu vận hành\tQuý IV/2025',
      '2\tĐào tạo kỹ năng số cho công chức cấp xã\tSở Nội vụ\t\tBáo cáo kết quả\tThường xuyên',
    ]);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({
      lead: ['Sở Khoa học và Công nghệ'],
      coordinating: ['Sở Tài chính'],
      deliverable: 'Kho dữ liệu vận hành',
      deadline: { kind: 'date', due: '2025-12-31' },
    });
    expect(tasks[0]?.confidence.lead.reason).toBe('table-header');
    expect(tasks[1]?.deadline.kind).toBe('continuous');
  });

  it('any column order, without a numbering column', () => {
    const tasks = tasksOf([
      'Thời hạn\tĐơn vị thực hiện\tNội dung công việc',
      'Tháng 10/2025\tSở Y tế\tTriển khai bệnh án điện tử tại bệnh viện tỉnh',
      '30/11/2025\tCông an tỉnh\tLàm sạch dữ liệu dân cư',
    ]);
    expect(tasks.map((t) => [t.text, t.lead, t.deadline.due])).toEqual([
      ['Triển khai bệnh án điện tử tại bệnh viện tỉnh', ['Sở Y tế'], '2025-10-31'],
      ['Làm sạch dữ liệu dân cư', ['Công an tỉnh'], '2025-11-30'],
    ]);
  });

  it('a table without a header is read by what its cells hold', () => {
    const tasks = tasksOf([
      '1\tNâng cấp Cổng thông tin điện tử của tỉnh\tSở Khoa học và Công nghệ\tQuý I/2026',
      '2\tSố hóa hồ sơ đất đai\tSở Nông nghiệp và Môi trường\tNăm 2026',
      '3\tTriển khai thanh toán không dùng tiền mặt tại trường học\tSở Giáo dục và Đào tạo\t6/2026',
    ]);
    expect(tasks.map((t) => [t.lead[0], t.deadline.due])).toEqual([
      ['Sở Khoa học và Công nghệ', '2026-03-31'],
      ['Sở Nông nghiệp và Môi trường', '2026-12-31'],
      ['Sở Giáo dục và Đào tạo', '2026-06-30'],
    ]);
    expect(tasks[0]?.confidence.lead.reason).toBe('table-inferred');
  });

  it('a group row naming a body leads the rows under it; a two-row header splits lead and coordinating', () => {
    const tasks = tasksOf([
      'STT\tNội dung\tĐơn vị thực hiện\t\tThời gian',
      '\t\tChủ trì\tPhối hợp\t',
      'I\tSỞ TƯ PHÁP\t\t\t',
      '1\tRà soát văn bản quy phạm pháp luật của tỉnh\t\tSở Nội vụ\tQuý IV/2025',
      'II\tCác nhiệm vụ khác\t\t\t',
      '2\tCập nhật cơ sở dữ liệu hộ tịch\tSở Y tế\tCông an tỉnh\t2026',
    ]);
    expect(tasks.map((t) => [t.lead, t.coordinating])).toEqual([
      [['Sở Tư pháp'], ['Sở Nội vụ']],
      [['Sở Y tế'], ['Công an tỉnh']],
    ]);
    expect(tasks[0]?.confidence.lead.reason).toBe('inherited');
  });

  it('a progress column is the starting progress, not a deadline', () => {
    const tasks = tasksOf([
      'STT\tTên nhiệm vụ\tCơ quan chủ trì\tNgày kết thúc\tTiến độ',
      '1\tXây dựng trung tâm dữ liệu tỉnh\tSở Khoa học và Công nghệ\t31/12/2025\t40%',
      '2\tCấp chữ ký số cho cán bộ\tSở Nội vụ\t30/9/2025\t100',
    ]);
    expect(tasks.map((t) => [t.deadline.due, t.startingProgress])).toEqual([
      ['2025-12-31', 40],
      ['2025-09-30', 100],
    ]);
  });
});
