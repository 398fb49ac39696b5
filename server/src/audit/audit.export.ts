// The audit trail as an .xlsx (exceljs): one row per event, newest first, its time in Vietnam as
// dd/mm/yyyy hh:mm:ss, who acted and their body, what changed, and before and after side by side.
import ExcelJS from 'exceljs';
import type { AuditEventRow } from './audit.queries.ts';

const HEADINGS = {
  vi: {
    sheet: 'Nhật ký',
    columns: [
      'Mã sự kiện',
      'Thời điểm',
      'Người thực hiện',
      'Tên đăng nhập',
      'Đơn vị',
      'Đối tượng',
      'Mã đối tượng',
      'Thay đổi',
      'Trước',
      'Sau',
      'Lý do',
    ],
    system: 'Hệ thống',
  },
  en: {
    sheet: 'Audit trail',
    columns: [
      'Event',
      'Time',
      'Actor',
      'User name',
      'Body',
      'Object',
      'Object id',
      'Change',
      'Before',
      'After',
      'Reason',
    ],
    system: 'System',
  },
} as const;

const vietnamTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value, null, 1));

export async function auditXlsx(rows: readonly AuditEventRow[], lang: keyof typeof HEADINGS): Promise<Buffer> {
  const words = HEADINGS[lang];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [10, 20, 26, 18, 34, 16, 12, 22, 44, 44, 36].map((width) => ({ width }));
  sheet.addRow([...words.columns]).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow([
      row.id,
      vietnamTime.format(row.at).replace(',', ''),
      row.actor_id === null ? words.system : (row.actor_full_name ?? ''),
      row.actor_username ?? '',
      row.actor_agency_name ?? '',
      row.entity_type,
      row.entity_id,
      row.action,
      json(row.before),
      json(row.after),
      row.reason ?? '',
    ]);
    added.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: words.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
