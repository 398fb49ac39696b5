// What a label names: a table's header cell ("Cơ quan chủ trì", "Thời gian hoàn thành") or a field
// written as a line under an item ("- Đơn vị chủ trì: Sở X."). Offices word both freely; one reading.
import { fold, stripMarkup } from '../text/normalize.ts';

export type ColumnRole =
  | 'number'
  | 'content'
  | 'lead'
  | 'coordinating'
  | 'deadline'
  | 'start'
  | 'deliverable'
  | 'note'
  | 'progress'
  | 'other';

/**
 * Header words, most specific first: "Thời gian thực hiện" is a deadline, not a lead ("thực hiện");
 * "Kết quả thực hiện" in a tracking sheet is progress, "Kết quả" alone in a plan is the deliverable.
 * 'deadline?' is a "Tiến độ" column: a deadline in a plan, a percentage in a tracking sheet — the
 * cells decide.
 */
const HEADER_WORDS: ReadonlyArray<readonly [RegExp, ColumnRole | 'deadline?']> = [
  [/^(stt|tt|số tt|số thứ tự|thứ tự|số|#|no\.?|mã( số)?( nhiệm vụ)?)$/u, 'number'],
  [/phối hợp/u, 'coordinating'],
  [/bắt đầu|khởi công/u, 'start'],
  [
    /tỷ lệ|tỉ lệ|%|mức độ hoàn thành|tình hình thực hiện|kết quả thực hiện|kết quả triển khai|tình trạng|trạng thái/u,
    'progress',
  ],
  [/^tiến độ( thực hiện| hoàn thành)?$/u, 'deadline?'],
  [
    /thời hạn|hạn hoàn thành|hạn chót|^hạn\b|thời gian|thời điểm|kết thúc|mốc|tiến độ|hoàn thành|ngày (hết hạn|đến hạn)|^ngày$/u,
    'deadline',
  ],
  [/ghi chú|chú thích|lưu ý/u, 'note'],
  [/sản phẩm|kết quả|đầu ra|hình thức( văn bản)?|^văn bản$/u, 'deliverable'],
  [
    /cấp trình|cơ quan trình|cấp ban hành|cấp phê duyệt|lãnh đạo (phụ trách|chỉ đạo)|nguồn (vốn|kinh phí)|kinh phí|dự toán/u,
    'other',
  ],
  [/nội dung|nhiệm vụ|công việc|hoạt động|giải pháp|đề án|dự án|chương trình|^tên\b|việc cần làm|chỉ tiêu/u, 'content'],
  [
    /chủ trì|thực hiện|trách nhiệm|được giao|giao cho|đầu mối|phụ trách|chủ quản|cơ quan|đơn vị|người thực hiện|phân công|cán bộ/u,
    'lead',
  ],
];

export function headerRole(cell: string): ColumnRole | 'deadline?' | null {
  if (cell.length > 120) return null;
  // Tables repeat their cells (and their header on every page): read each once.
  const known = roleMemo.get(cell);
  if (known !== undefined) return known;
  const f = fold(stripMarkup(cell))
    .replace(/[()*:.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let role: ColumnRole | 'deadline?' | null = null;
  if (f && f.length <= 70) role = HEADER_WORDS.find(([re]) => re.test(f))?.[1] ?? null;
  if (roleMemo.size > 20_000) roleMemo.clear();
  roleMemo.set(cell, role);
  return role;
}

const roleMemo = new Map<string, ColumnRole | 'deadline?' | null>();
