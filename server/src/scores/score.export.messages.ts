import type { ScoreComponent } from './score.schemas.ts';

// The words of the yearly evaluation files (.xlsx, .docx), Vietnamese first: the files leave the app,
// so their words travel with them rather than through the web app's i18n.
export interface EvaluationWords {
  country: string;
  motto: string;
  issuer: string;
  dated: (day: string) => string;
  title: string;
  subtitle: (body: string, from: string, to: string) => string;
  sectionScore: string;
  scoreLine: (score: string, rawScore: string, rank: string) => string;
  unranked: string;
  sectionComponents: string;
  sectionMethod: string;
  method: (k: number, planDays: number) => string;
  sectionTasks: string;
  columns: {
    component: string;
    weight: string;
    met: string;
    trials: string;
    raw: string;
    adjusted: string;
    levelMean: string;
    result: string;
    on: string;
    directive: string;
    ref: string;
    task: string;
    taskId: string;
  };
  labels: { body: string; period: string; asOf: string; score: string; rawScore: string; rank: string };
  sheets: { summary: string; tasks: string };
  metWord: string;
  missedWord: string;
  components: Record<ScoreComponent, string>;
  filename: string;
}

export const EVALUATION_WORDS: Record<'vi' | 'en', EvaluationWords> = {
  vi: {
    country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    issuer: 'HỆ THỐNG THEO DÕI, ĐÔN ĐỐC THỰC HIỆN NHIỆM VỤ',
    dated: (day) => `ngày ${day.slice(8, 10)} tháng ${day.slice(5, 7)} năm ${day.slice(0, 4)}`,
    title: 'BÁO CÁO',
    subtitle: (body, from, to) => `Kết quả đánh giá thực hiện nhiệm vụ của ${body} (từ ${from} đến ${to})`,
    sectionScore: 'I. ĐIỂM ĐÁNH GIÁ',
    scoreLine: (score, raw, rank) => `Điểm đánh giá: ${score}/100 (điểm thô: ${raw}); xếp hạng: ${rank}.`,
    unranked: 'chưa xếp hạng',
    sectionComponents: 'II. CÁC TIÊU CHÍ',
    sectionMethod: 'III. CÁCH TÍNH',
    method: (k, days) =>
      `Mỗi tiêu chí là tỷ lệ đạt trên tổng số việc được đánh giá, điều chỉnh về bình quân của cả cấp theo khối lượng công việc: tỷ lệ điều chỉnh = (số đạt + ${k} × bình quân cấp) / (tổng số + ${k}). Điểm là trung bình có trọng số của các tỷ lệ điều chỉnh, thang 100. Kế hoạch thực hiện được coi là kịp thời khi ban hành trong vòng ${days} ngày kể từ văn bản cấp trên.`,
    sectionTasks: 'IV. DANH MỤC NHIỆM VỤ',
    columns: {
      component: 'Tiêu chí',
      weight: 'Trọng số',
      met: 'Đạt',
      trials: 'Tổng số',
      raw: 'Tỷ lệ thô',
      adjusted: 'Tỷ lệ điều chỉnh',
      levelMean: 'Bình quân cấp',
      result: 'Kết quả',
      on: 'Ngày',
      directive: 'Văn bản',
      ref: 'Mục',
      task: 'Nhiệm vụ',
      taskId: 'Mã nhiệm vụ',
    },
    labels: {
      body: 'Cơ quan',
      period: 'Kỳ đánh giá',
      asOf: 'Số liệu đến ngày',
      score: 'Điểm',
      rawScore: 'Điểm thô',
      rank: 'Xếp hạng',
    },
    sheets: { summary: 'Đánh giá', tasks: 'Nhiệm vụ' },
    metWord: 'Đạt',
    missedWord: 'Chưa đạt',
    components: {
      onTime: 'Hoàn thành đúng hạn',
      planInTime: 'Ban hành kế hoạch kịp thời',
      reportsOnTime: 'Báo cáo định kỳ đúng kỳ',
      upToDate: 'Cập nhật số liệu',
      reportQuality: 'Chất lượng báo cáo',
    },
    filename: 'danh-gia',
  },
  en: {
    country: 'SOCIALIST REPUBLIC OF VIETNAM',
    motto: 'Independence - Freedom - Happiness',
    issuer: 'TASK MONITORING SYSTEM',
    dated: (day) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`,
    title: 'REPORT',
    subtitle: (body, from, to) => `Evaluation of ${body} (from ${from} to ${to})`,
    sectionScore: 'I. SCORE',
    scoreLine: (score, raw, rank) => `Score: ${score}/100 (raw score: ${raw}); rank: ${rank}.`,
    unranked: 'not ranked',
    sectionComponents: 'II. COMPONENTS',
    sectionMethod: 'III. METHOD',
    method: (k, days) =>
      `Each component is the share of things judged that went right, pulled toward the level's mean by workload: adjusted share = (met + ${k} × level mean) / (total + ${k}). The score is the weighted mean of the adjusted shares, out of 100. An implementation plan is in time when issued within ${days} days of the higher directive.`,
    sectionTasks: 'IV. TASKS',
    columns: {
      component: 'Component',
      weight: 'Weight',
      met: 'Met',
      trials: 'Total',
      raw: 'Raw share',
      adjusted: 'Adjusted share',
      levelMean: 'Level mean',
      result: 'Result',
      on: 'Date',
      directive: 'Directive',
      ref: 'Clause',
      task: 'Task',
      taskId: 'Task id',
    },
    labels: {
      body: 'Body',
      period: 'Period',
      asOf: 'Figures as of',
      score: 'Score',
      rawScore: 'Raw score',
      rank: 'Rank',
    },
    sheets: { summary: 'Evaluation', tasks: 'Tasks' },
    metWord: 'Met',
    missedWord: 'Not met',
    components: {
      onTime: 'Completed on time',
      planInTime: 'Plan issued in time',
      reportsOnTime: 'Recurring reports filed',
      upToDate: 'Data kept up to date',
      reportQuality: 'Report quality',
    },
    filename: 'evaluation',
  },
};
