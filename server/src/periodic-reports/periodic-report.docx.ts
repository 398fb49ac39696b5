import { formatDay } from '@giamsat/shared/dates';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { TIMELINESS_STATES } from '../dashboard/dashboard.queries.ts';
import { speech } from '../public/public.messages.ts';
import type { ReportContent } from './periodic-report.content.ts';

// The report as a state body writes one (Nghị định 30/2020: A4, Times New Roman, the national motto at the
// top right, the issuing body at the top left, number and symbol, place and date, type and summary, the
// signature block and "Nơi nhận"); a Party body's carries "ĐẢNG CỘNG SẢN VIỆT NAM" at the top right instead.

const FONT = 'Times New Roman';
const SIZE = 28; // half-points: 14 pt
const MM = 56.7; // twips per millimetre
const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

const line = (text: string, options: { bold?: boolean; italics?: boolean; center?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { after: 60 },
    children: [
      new TextRun({ text, bold: options.bold, italics: options.italics, font: FONT, size: options.size ?? SIZE }),
    ],
  });

const cell = (paragraphs: Paragraph[], width: number) =>
  new TableCell({ children: paragraphs, width: { size: width, type: WidthType.PERCENTAGE } });

/** A table with a bold header row; `rows` are the cells' texts. */
function grid(header: string[], rows: (string | number)[][], widths: number[]): Table {
  const row = (cells: (string | number)[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((text, i) =>
        cell([line(String(text), { bold, center: i > 0 || bold, size: 26 })], widths[i] ?? 10),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

function dateLine(place: string, day: string): string {
  const [year, month, date] = day.split('-');
  return `${place}, ngày ${date} tháng ${month} năm ${year}`;
}

export async function writePeriodicReportDocx(content: ReportContent): Promise<Uint8Array> {
  const { m } = speech('vi');
  const party = content.issuer.kind === 'party';
  const totals = content.dashboard.figures.totals;
  const percent = (n: number) => (totals.total ? `${((100 * n) / totals.total).toFixed(1).replace('.', ',')} %` : '—');
  const overdue = content.tasks.filter((t) => t.state === 'in_progress_overdue');
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell([line(content.issuer.name.toUpperCase(), { bold: true, center: true, size: 26 })], 40),
          cell(
            party
              ? [line('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, center: true, size: 28 })]
              : [
                  line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true, size: 26 }),
                  line('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true, size: 28 }),
                ],
            60,
          ),
        ],
      }),
      new TableRow({
        children: [
          cell([line(party ? 'Số     -BC' : 'Số:      /BC', { center: true, size: 26 })], 40),
          cell([line(dateLine(content.issuer.place, content.to), { italics: true, center: true, size: 28 })], 60),
        ],
      }),
    ],
  });
  const document = new Document({
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
          },
        },
        children: [
          header,
          line(''),
          line('BÁO CÁO', { bold: true, center: true }),
          line(
            `Kết quả thực hiện nhiệm vụ của ${content.scopeName} từ ngày ${formatDay(content.from)} đến ngày ${formatDay(content.to)}`,
            { bold: true, center: true },
          ),
          line(''),
          line('I. TÌNH HÌNH CHUNG', { bold: true }),
          line(
            `Tính đến ngày ${formatDay(content.to)}, ${content.scopeName} có ${totals.total} nhiệm vụ; trong kỳ đã hoàn thành ${content.completedInPeriod} nhiệm vụ; ${totals.stale} nhiệm vụ không có báo cáo trong 30 ngày.`,
          ),
          grid(
            ['Trạng thái', 'Số nhiệm vụ', 'Tỷ lệ'],
            TIMELINESS_STATES.map((state) => [m.states[state], totals[state], percent(totals[state])]),
            [60, 20, 20],
          ),
          line(''),
          line('II. NHIỆM VỤ QUÁ HẠN THEO CƠ QUAN CHỦ TRÌ', { bold: true }),
          overdue.length
            ? grid(
                ['Cơ quan chủ trì', 'Nhiệm vụ', 'Hạn', 'Số ngày quá hạn'],
                overdue.map((t) => [
                  t.leadBodies,
                  `${t.ref} (${t.directiveNumber ?? ''})`,
                  t.dueDate ? formatDay(t.dueDate) : '',
                  t.daysOverdue,
                ]),
                [35, 35, 15, 15],
              )
            : line('Không có nhiệm vụ quá hạn.'),
          line(''),
          line('III. SỐ LIỆU CỦA CÁC CƠ QUAN', { bold: true }),
          grid(
            ['Cơ quan', 'Tổng số', m.states.done_on_time, m.states.in_progress_overdue],
            content.dashboard.figures.byAgency.rows.map((r) => [
              r.name,
              r.total,
              r.done_on_time,
              r.in_progress_overdue,
            ]),
            [46, 18, 18, 18],
          ),
          line(''),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            rows: [
              new TableRow({
                children: [
                  cell(
                    [
                      line('Nơi nhận:', { bold: true, italics: true, size: 24 }),
                      line('- Cơ quan cấp trên;', { size: 22 }),
                      line('- Lưu: VT.', { size: 22 }),
                    ],
                    50,
                  ),
                  cell(
                    [
                      line(party ? 'T/M' : 'THỦ TRƯỞNG CƠ QUAN', { bold: true, center: true }),
                      line('(Ký, ghi rõ họ tên)', { italics: true, center: true }),
                    ],
                    50,
                  ),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
