import { formatDay } from '@giamsat/shared/dates';
import { TIMELINESS_STATES } from '../dashboard/dashboard.queries.ts';
import {
  administrativeDocx,
  grid,
  heading,
  line,
  placeAndDate,
  recipientsAndSignature,
} from '../office-documents/administrative.docx.ts';
import { speech } from '../public/public.messages.ts';
import type { ReportContent } from './periodic-report.content.ts';

// The report as a state body writes one (Nghị định 30/2020: A4, Times New Roman, the national motto at the
// top right, the issuing body at the top left, number and symbol, place and date, type and summary, the
// signature block and "Nơi nhận"); a Party body's carries "ĐẢNG CỘNG SẢN VIỆT NAM" at the top right instead.

export async function writePeriodicReportDocx(content: ReportContent): Promise<Uint8Array> {
  const { m } = speech('vi');
  const party = content.issuer.kind === 'party';
  const totals = content.dashboard.figures.totals;
  const percent = (n: number) => (totals.total ? `${((100 * n) / totals.total).toFixed(1).replace('.', ',')} %` : '—');
  const overdue = content.tasks.filter((t) => t.state === 'in_progress_overdue');
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
        content.dashboard.figures.byAgency.rows.map((r) => [r.name, r.total, r.done_on_time, r.in_progress_overdue]),
        [46, 18, 18, 18],
      ),
      line(''),
      recipientsAndSignature({ title: 'Nơi nhận:', lines: ['- Cơ quan cấp trên;', '- Lưu: VT.'] }, [
        party ? 'T/M' : 'THỦ TRƯỞNG CƠ QUAN',
        '(Ký, ghi rõ họ tên)',
      ]),
    ]),
  );
}
