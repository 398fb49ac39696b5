import ExcelJS from 'exceljs';
import { TIMELINESS_STATES } from '../dashboard/dashboard.queries.ts';
import { speech } from '../public/public.messages.ts';
import type { ReportContent } from './periodic-report.content.ts';

// The report's detail as a workbook: the tasks one per row, then a sheet per breakdown. Each sheet has a
// styled, frozen header with filters; days are real dates shown dd/mm/yyyy.

/** A calendar day as the spreadsheet's date (midnight UTC: no zone shifts the day). */
const asDate = (day: string | null): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);

function sheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number; date?: boolean }[],
) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.date ? { numFmt: 'dd/mm/yyyy' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

export async function writePeriodicReportXlsx(content: ReportContent): Promise<Uint8Array> {
  const { m } = speech('vi');
  const book = new ExcelJS.Workbook();
  book.creator = 'giamsat';
  const tasks = sheet(book, 'Nhiệm vụ', [
    { header: 'Mục', key: 'ref', width: 8 },
    { header: 'Nội dung nhiệm vụ', key: 'text', width: 60 },
    { header: 'Văn bản', key: 'directive', width: 16 },
    { header: 'Cơ quan chủ trì', key: 'lead', width: 30 },
    { header: 'Hạn hoàn thành', key: 'due', width: 14, date: true },
    { header: 'Ngày hoàn thành', key: 'completed', width: 14, date: true },
    { header: 'Trạng thái', key: 'state', width: 26 },
    { header: 'Số ngày quá hạn', key: 'daysOverdue', width: 12 },
    { header: 'Báo cáo được chấp nhận gần nhất', key: 'lastReport', width: 16, date: true },
    { header: 'Chậm báo cáo', key: 'stale', width: 12 },
  ]);
  for (const t of content.tasks) {
    tasks.addRow({
      ref: t.ref,
      text: t.text,
      directive: t.directiveNumber ?? '',
      lead: t.leadBodies,
      due: asDate(t.dueDate),
      completed: asDate(t.completedOn),
      state: m.states[t.state],
      daysOverdue: t.daysOverdue,
      lastReport: asDate(t.lastReportOn),
      stale: t.stale ? 'Có' : '',
    });
  }
  const totals = content.dashboard.figures.totals;
  const states = sheet(book, 'Theo trạng thái', [
    { header: 'Trạng thái', key: 'state', width: 32 },
    { header: 'Số nhiệm vụ', key: 'count', width: 14 },
    { header: 'Đầu kỳ', key: 'start', width: 14 },
  ]);
  const start = content.before.figures.totals;
  for (const state of TIMELINESS_STATES)
    states.addRow({ state: m.states[state], count: totals[state], start: start[state] });
  states.addRow({ state: 'Tổng số', count: totals.total, start: start.total });
  const bodies = sheet(book, 'Theo cơ quan', [
    { header: 'Cơ quan', key: 'name', width: 40 },
    { header: 'Tổng số', key: 'total', width: 10 },
    ...TIMELINESS_STATES.map((state) => ({ header: m.states[state], key: state, width: 16 })),
  ]);
  for (const row of content.dashboard.figures.byAgency.rows) bodies.addRow({ ...row });
  const concerns = sheet(book, 'Khó khăn, kiến nghị', [
    { header: 'Cơ quan', key: 'body', width: 40 },
    { header: 'Loại', key: 'kind', width: 22 },
    { header: 'Nội dung', key: 'text', width: 80 },
  ]);
  for (const c of content.concerns) {
    for (const text of c.difficulties) concerns.addRow({ body: c.body, kind: 'Khó khăn, vướng mắc', text });
    for (const text of c.recommendations) concerns.addRow({ body: c.body, kind: 'Kiến nghị, đề xuất', text });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
