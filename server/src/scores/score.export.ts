// The yearly evaluation of one body as files: .xlsx (exceljs: the summary with each component, and
// every task behind the figures) and .docx (docx: a report in the administrative layout of Decree
// 30/2020 — the issuing system and the national motto side by side, the date, the title — A4, Times
// New Roman 13–14 pt, margins 20/20/30/15 mm). Both are written from the body's score page data, so
// the files say what the page says.
import ExcelJS from 'exceljs';
import { administrativeDocx, grid, heading, line } from '../office-documents/administrative.docx.ts';
import { EVALUATION_WORDS, type EvaluationWords } from './score.export.messages.ts';
import type { BodyScoreResponse } from './score.schemas.ts';

export type EvaluationLanguage = keyof typeof EVALUATION_WORDS;

const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const share = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const points = (value: number | null) => (value === null ? '—' : value.toFixed(1));
const rankText = (page: BodyScoreResponse, w: EvaluationWords) =>
  page.rank === null ? w.unranked : `${page.rank}/${page.ranked}`;

/** Each component's weight as a share of all weights, as the page shows it. */
function weightShares(page: BodyScoreResponse): Map<string, number | null> {
  const total = page.components.reduce((sum, c) => sum + c.weight, 0);
  return new Map(page.components.map((c) => [c.component, total ? c.weight / total : null]));
}

/** The file's name: the words' prefix, the body's id and the period. */
export function evaluationFilename(page: BodyScoreResponse, language: EvaluationLanguage, ext: 'xlsx' | 'docx') {
  return `${EVALUATION_WORDS[language].filename}-${page.agency.id}-${page.period.from}-${page.period.to}.${ext}`;
}

export async function evaluationXlsx(page: BodyScoreResponse, language: EvaluationLanguage): Promise<Buffer> {
  const w = EVALUATION_WORDS[language];
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet(w.sheets.summary);
  summary.columns = [
    { width: 34 },
    { width: 12 },
    { width: 10 },
    { width: 10 },
    { width: 12 },
    { width: 16 },
    { width: 16 },
  ];
  summary.addRow([w.labels.body, page.agency.name]);
  summary.addRow([w.labels.period, `${dmy(page.period.from)} – ${dmy(page.period.to)}`]);
  summary.addRow([w.labels.asOf, dmy(page.period.asOf)]);
  summary.addRow([w.labels.score, page.score === null ? null : Number(page.score.toFixed(2))]);
  summary.addRow([w.labels.rawScore, page.rawScore === null ? null : Number(page.rawScore.toFixed(2))]);
  summary.addRow([w.labels.rank, rankText(page, w)]);
  summary.addRow([]);
  const c = w.columns;
  const header = summary.addRow([c.component, c.weight, c.met, c.trials, c.raw, c.adjusted, c.levelMean]);
  header.font = { bold: true };
  const weights = weightShares(page);
  for (const component of page.components) {
    const row = summary.addRow([
      w.components[component.component],
      weights.get(component.component) ?? null,
      component.successes,
      component.trials,
      component.raw,
      component.adjusted,
      component.levelMean,
    ]);
    for (const i of [2, 5, 6, 7]) row.getCell(i).numFmt = '0.0%';
  }
  for (let i = 1; i <= 6; i++) summary.getCell(`A${i}`).font = { bold: true };

  const tasks = workbook.addWorksheet(w.sheets.tasks);
  tasks.columns = [
    { header: c.component, key: 'component', width: 28 },
    { header: c.result, key: 'result', width: 10 },
    { header: c.on, key: 'on', width: 12 },
    { header: c.directive, key: 'directive', width: 18 },
    { header: c.ref, key: 'ref', width: 8 },
    { header: c.task, key: 'task', width: 70 },
    { header: c.taskId, key: 'taskId', width: 12 },
  ];
  tasks.getRow(1).font = { bold: true };
  tasks.views = [{ state: 'frozen', ySplit: 1 }];
  for (const component of page.components) {
    for (const item of component.items) {
      tasks.addRow({
        component: w.components[component.component],
        result: item.met ? w.metWord : w.missedWord,
        // A real date cell, so the sheet sorts and filters by it.
        on: item.on ? new Date(`${item.on}T00:00:00Z`) : null,
        directive: item.task.directive.number ?? '',
        ref: item.task.ref,
        task: item.task.text,
        taskId: item.task.id,
      });
    }
  }
  tasks.getColumn('on').numFmt = 'dd/mm/yyyy';
  tasks.getColumn('task').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function evaluationDocx(
  page: BodyScoreResponse,
  language: EvaluationLanguage,
  today: string,
): Promise<Buffer> {
  const w = EVALUATION_WORDS[language];
  const c = w.columns;
  const weights = weightShares(page);
  const subtitle = w.subtitle(page.agency.name, dmy(page.period.from), dmy(page.period.to));
  return administrativeDocx(subtitle, [
    heading({
      issuer: w.issuer,
      party: false,
      numberLine: null,
      placeAndDate: w.dated(today),
      country: { name: w.country, motto: w.motto },
    }),
    line('', { before: 12 }),
    line(w.title, { bold: true, center: true }),
    line(subtitle, { bold: true, center: true }),
    line(w.sectionScore, { bold: true, before: 6 }),
    line(w.scoreLine(points(page.score), points(page.rawScore), rankText(page, w)), { size: 13 }),
    line(w.sectionComponents, { bold: true, before: 6 }),
    grid(
      [c.component, c.weight, c.met, c.trials, c.raw, c.adjusted, c.levelMean],
      page.components.map((k) => [
        w.components[k.component],
        share(weights.get(k.component) ?? null),
        String(k.successes),
        String(k.trials),
        share(k.raw),
        share(k.adjusted),
        share(k.levelMean),
      ]),
      [33, 10, 8, 9, 12, 14, 14],
      12,
    ),
    line(w.sectionMethod, { bold: true, before: 6 }),
    line(w.method(page.method.weights.priorStrength, page.method.weights.planDays), { size: 13 }),
    line(w.sectionTasks, { bold: true, before: 6 }),
    grid(
      [c.component, c.result, c.on, c.directive, c.task],
      page.components.flatMap((k) =>
        k.items.map((item) => [
          w.components[k.component],
          item.met ? w.metWord : w.missedWord,
          item.on ? dmy(item.on) : '',
          [item.task.directive.number, item.task.ref].filter(Boolean).join(' · '),
          item.task.text,
        ]),
      ),
      [20, 10, 12, 16, 42],
      12,
    ),
  ]);
}
