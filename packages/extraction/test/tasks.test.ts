import { describe, expect, it } from 'vitest';
import { extractDirectives } from '../src/extract.ts';
import type { ExtractedTask } from '../src/types.ts';

// Made-up directives written the way Vietnamese administrative documents are.
function tasksOf(body: string[]): ExtractedTask[] {
  const text = [
    'BAN CHỈ ĐẠO TRUNG ƯƠNG',
    'Số 11-TB/BCĐTW',
    'Hà Nội, ngày 2 tháng 9 năm 2025',
    'THÔNG BÁO KẾT LUẬN',
    ...body,
  ].join('\n');
  return extractDirectives(text).documents.flatMap((d) => d.tasks);
}

describe('tasks in numbered items', () => {
  it('one task per lettered item, with its assignee, coordinators and deadline', () => {
    const tasks = tasksOf([
      'I. NHIỆM VỤ',
      'a) Bộ Y tế chủ trì, phối hợp với Bộ Tài chính xây dựng cơ sở dữ liệu khám chữa bệnh. **Hoàn thành trong tháng 11/2025.**',
      'b) *Bộ Công an* bảo đảm an ninh mạng cho hệ thống. **Hoàn thành trước ngày 15/12/2025.**',
    ]);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({
      line: 6,
      lead: ['Bộ Y tế'],
      coordinating: ['Bộ Tài chính'],
      deadline: { kind: 'date', due: '2025-11-30' },
    });
    expect(tasks[1]).toMatchObject({ line: 7, lead: ['Bộ Công an'], deadline: { kind: 'date', due: '2025-12-14' } });
  });

  it('sub-items under an item that only names a body are that body’s tasks', () => {
    const tasks = tasksOf([
      '1. Về hạ tầng',
      'a) Bộ Xây dựng',
      '- Hướng dẫn các địa phương lập quy hoạch đô thị thông minh.',
      '- Chủ trì, phối hợp với Bộ Công an rà soát tiêu chuẩn. Hàng tháng có báo cáo kết quả thực hiện.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([['Bộ Xây dựng'], ['Bộ Xây dựng']]);
    expect(tasks[1]).toMatchObject({
      coordinating: ['Bộ Công an'],
      deadline: { kind: 'recurring', period: 'monthly' },
    });
  });

  it('an introducing sentence with a colon assigns the items after it', () => {
    const tasks = tasksOf([
      '2. Về doanh nghiệp',
      'Bộ Công Thương chủ trì, phối hợp với các bộ, ngành, địa phương:',
      'a) Xây dựng chương trình hỗ trợ doanh nghiệp nhỏ. Hoàn thành trong quý I/2026.',
      'b) Tổ chức diễn đàn kết nối cung cầu công nghệ.',
    ]);
    expect(tasks).toHaveLength(2);
    for (const t of tasks)
      expect(t).toMatchObject({ lead: ['Bộ Công Thương'], coordinating: ['Các bộ, ngành, địa phương'] });
    expect(tasks[0]?.deadline.due).toBe('2026-03-31');
  });

  it('splits an inline enumeration when its parts carry their own deadlines', () => {
    const tasks = tasksOf([
      'c) Bộ Nội vụ: (1) Ban hành hướng dẫn về vị trí việc làm, hoàn thành trong tháng 10/2025. (2) Rà soát biên chế các đơn vị sự nghiệp.',
    ]);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({ lead: ['Bộ Nội vụ'], deadline: { due: '2025-10-31' } });
    expect(tasks[1]?.text.startsWith('(2)')).toBe(true);
    expect(tasks[1]?.deadline.kind).toBe('none');
  });

  it('keeps an enumeration together when only the closing sentence gives a deadline', () => {
    const tasks = tasksOf([
      'd) Bộ Tư pháp: (1) Rà soát văn bản. (2) Đề xuất sửa đổi. (3) Tổng hợp kiến nghị. Hoàn thành trong tháng 12/2025.',
    ]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.deadline.due).toBe('2025-12-31');
  });

  it('a later sentence that names another body is a task of its own', () => {
    const tasks = tasksOf([
      '3. Về dữ liệu',
      'Các bộ, ngành, địa phương khẩn trương làm sạch dữ liệu chuyên ngành. Bộ Công an hướng dẫn kết nối với cơ sở dữ liệu quốc gia.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([['Các bộ, ngành, địa phương'], ['Bộ Công an']]);
  });
});

describe('what is not a task', () => {
  it('assessments, background and unassigned solutions; the "Trách nhiệm" paragraph assigns them', () => {
    const tasks = tasksOf([
      '1. Về sở hữu trí tuệ',
      'a) Tồn tại, hạn chế',
      '- Bộ Khoa học và Công nghệ chưa ban hành hướng dẫn.',
      'b) Giải pháp',
      '- Rút ngắn thời gian thẩm định đơn.',
      '- Số hóa toàn bộ hồ sơ.',
      'c) Trách nhiệm',
      'Bộ Khoa học và Công nghệ chủ trì, phối hợp với các bộ, ngành triển khai các giải pháp nêu trên; báo cáo kết quả trong tháng 12/2025.',
    ]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ line: 12, lead: ['Bộ Khoa học và Công nghệ'], deadline: { due: '2025-12-31' } });
  });

  it('narration in the past and closing formulas', () => {
    const tasks = tasksOf([
      'Ngày 1/9/2025, Ban Chỉ đạo đã họp đánh giá tình hình.',
      'Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện.',
    ]);
    expect(tasks).toHaveLength(0);
  });
});

it('contact details (phone, fax, e-mail, address) are never tasks nor part of one', () => {
  const bullets = tasksOf([
    'Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:',
    '- Chỉ đạo Sở Y tế rà soát danh mục thuốc thiết yếu, gửi báo cáo trước ngày 10/11/2025.',
    '- Điện thoại: 080.44123. Di động: 0913 222 444 (Đ/c Hùng).',
    '- Fax: 024.3736 2211; 080.44124.',
    '- Email: vukhtc@moh.gov.vn.',
    '- Địa chỉ: số 138A phố Giảng Võ, quận Ba Đình, Hà Nội.',
  ]);
  expect(bullets.map((t) => t.line)).toEqual([6]);
  const glued = tasksOf([
    '1. Bộ Y tế chủ trì rà soát danh mục thuốc thiết yếu, báo cáo Thủ tướng Chính phủ trước ngày 30/10/2025.',
    '2. Các bộ, ngành gửi ý kiến về Bộ Y tế trước ngày 15/10/2025 để tổng hợp.',
    'Đầu mối liên hệ: ông Lê Văn Hùng, chuyên viên Vụ Kế hoạch - Tài chính, Bộ Y tế;',
    'ĐT: 080.44123; Fax: 024.3736 2211',
    'E-mail: hunglv@moh.gov.vn',
  ]);
  expect(glued).toHaveLength(2);
  expect(glued[1]?.text).toBe('Các bộ, ngành gửi ý kiến về Bộ Y tế trước ngày 15/10/2025 để tổng hợp.');
});

describe('appendix tables', () => {
  it('reads the columns, joins a row split by a page break, and keeps unknown bodies', () => {
    const tasks = tasksOf([
      'PHỤ LỤC',
      'STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tHạn hoàn thành\tGhi chú',
      'I\tChuyển đổi số\t\t\t\t',
      '1.\tXây dựng nền tảng dữ liệu\tSở KH&CN\tSở Tài chính, UBND cấp xã\tQuý IV/2025\tHạn được giao: 30/9/2025',
      '2.\tTập huấn kỹ năng số cho cán bộ,\tTrung tâm Phục vụ hành chính công\t\tThường xuyên\t',
      '',
      'STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tHạn hoàn thành\tGhi chú',
      '\tcông chức cấp xã\t\t\t\t',
      '| 3. | Rà soát thủ tục hành chính | Sở Tư pháp | | 2026 | |',
    ]);
    expect(tasks).toHaveLength(3);
    expect(tasks[0]).toMatchObject({
      ref: 'Phụ lục row 1',
      lead: ['Sở Khoa học và Công nghệ'],
      coordinating: ['Sở Tài chính', 'Ủy ban nhân dân cấp xã'],
      deadline: { due: '2025-12-31' },
    });
    expect(tasks[1]?.text).toContain('công chức cấp xã');
    expect(tasks[1]).toMatchObject({
      deadline: { kind: 'continuous' },
      unknownBodies: ['Trung tâm Phục vụ hành chính công'],
    });
  });
});
