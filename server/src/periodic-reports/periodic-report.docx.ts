import { formatDay } from '@giamsat/shared/dates';
import { AlignmentType, Paragraph } from 'docx';
import { ChartRun } from 'docx/charts';
import {
  administrativeDocx,
  grid,
  heading,
  line,
  placeAndDate,
  recipientsAndSignature,
} from '../office-documents/administrative.docx.ts';
import { speech } from '../public/public.messages.ts';
import { WITH_DEADLINE } from '../tasks/task.standing.ts';
import type { ReportContent } from './periodic-report.content.ts';

// The report as a state body writes one (Nghị định 30/2020: A4, Times New Roman, the national motto at the
// top right, the issuing body at the top left, number and symbol, place and date, type and summary, the
// signature block and "Nơi nhận"); a Party body's carries "ĐẢNG CỘNG SẢN VIỆT NAM" at the top right instead.
// The content is what official reports give: the states at the start and end of the period, continuous
// tasks apart, overdue and silent tasks by body, the lower levels' figures, and what bodies raised.

const CONTINUOUS = ['continuous_without_results', 'continuous_with_results'] as const;

export async function writePeriodicReportDocx(content: ReportContent): Promise<Uint8Array> {
  const { m } = speech('vi');
  const party = content.issuer.kind === 'party';
  const totals = content.dashboard.figures.totals;
  const start = content.before.figures.totals;
  const withDeadline = WITH_DEADLINE.reduce((sum, state) => sum + totals[state], 0);
  const percent = (n: number) => (withDeadline ? `${((100 * n) / withDeadline).toFixed(1).replace('.', ',')} %` : '—');
  const change = (n: number) => (n > 0 ? `+${n}` : String(n));
  const overdue = content.tasks.filter((t) => t.state === 'in_progress_overdue');
  const stale = content.tasks.filter((t) => t.stale);
  const continuous = CONTINUOUS.reduce((sum, state) => sum + totals[state], 0);
  const header = heading({
    issuer: content.issuer.name,
    party,
    numberLine: party ? 'Số     -BC' : 'Số:      /BC',
    placeAndDate: placeAndDate(content.issuer.place, content.to),
  });
  return new Uint8Array(
    await administrativeDocx(`Báo cáo ${content.scopeName}`, [
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
        `Tính đến ngày ${formatDay(content.to)}, ${content.scopeName} có ${totals.total} nhiệm vụ, trong đó ${withDeadline} nhiệm vụ có thời hạn và ${continuous} nhiệm vụ thường xuyên; trong kỳ đã hoàn thành ${content.completedInPeriod} nhiệm vụ; ${totals.stale} nhiệm vụ không có báo cáo được chấp nhận trong ${content.dashboard.staleAfterDays} ngày.`,
      ),
      line('1. Nhiệm vụ có thời hạn', { bold: true, italics: true }),
      grid(
        ['Trạng thái', 'Đầu kỳ', 'Cuối kỳ', 'Thay đổi', 'Tỷ lệ'],
        WITH_DEADLINE.map((state) => [
          m.states[state],
          start[state],
          totals[state],
          change(totals[state] - start[state]),
          percent(totals[state]),
        ]),
        [40, 14, 14, 14, 18],
      ),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ChartRun({
            type: 'column',
            title: `Nhiệm vụ có thời hạn theo trạng thái, ngày ${formatDay(content.to)}`,
            categories: WITH_DEADLINE.map((state) => m.states[state]),
            series: [{ name: 'Số nhiệm vụ', values: WITH_DEADLINE.map((state) => totals[state]) }],
            transformation: { width: 560, height: 280 },
            altText: { name: 'chart', description: 'Nhiệm vụ có thời hạn theo trạng thái', title: 'Biểu đồ' },
          }),
        ],
      }),
      line('2. Nhiệm vụ thường xuyên', { bold: true, italics: true }),
      grid(
        ['Trạng thái', 'Đầu kỳ', 'Cuối kỳ', 'Thay đổi'],
        CONTINUOUS.map((state) => [m.states[state], start[state], totals[state], change(totals[state] - start[state])]),
        [46, 18, 18, 18],
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
      line(`III. NHIỆM VỤ KHÔNG CÓ BÁO CÁO TRONG ${content.dashboard.staleAfterDays} NGÀY`, { bold: true }),
      stale.length
        ? grid(
            ['Cơ quan chủ trì', 'Nhiệm vụ', 'Báo cáo gần nhất'],
            stale.map((t) => [
              t.leadBodies,
              `${t.ref} (${t.directiveNumber ?? ''})`,
              t.lastReportOn ? formatDay(t.lastReportOn) : 'Chưa có',
            ]),
            [40, 40, 20],
          )
        : line('Không có nhiệm vụ chậm báo cáo.'),
      line(''),
      line('IV. SỐ LIỆU CỦA CÁC CƠ QUAN, ĐỊA PHƯƠNG CẤP DƯỚI', { bold: true }),
      grid(
        ['Cơ quan', 'Tổng số', m.states.done_on_time, m.states.in_progress_overdue],
        content.dashboard.figures.byAgency.rows.map((r) => [r.name, r.total, r.done_on_time, r.in_progress_overdue]),
        [46, 18, 18, 18],
      ),
      line(''),
      line('V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT', { bold: true }),
      ...(content.concerns.length
        ? content.concerns.flatMap((c) => [
            line(c.body, { bold: true, italics: true }),
            ...c.difficulties.map((d) => line(`- Khó khăn, vướng mắc: ${d}`)),
            ...c.recommendations.map((r) => line(`- Kiến nghị, đề xuất: ${r}`)),
          ])
        : [line('Trong kỳ, các cơ quan không nêu khó khăn, vướng mắc hay kiến nghị.')]),
      line(''),
      recipientsAndSignature({ title: 'Nơi nhận:', lines: ['- Cơ quan cấp trên;', '- Lưu: VT.'] }, [
        party ? 'T/M' : 'THỦ TRƯỞNG CƠ QUAN',
        '(Ký, ghi rõ họ tên)',
      ]),
    ]),
  );
}
