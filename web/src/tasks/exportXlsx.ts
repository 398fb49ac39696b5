import type { TFunction } from 'i18next';
import { api } from '../api/client.ts';
import { formatDate } from '../ui/format.ts';
import type { TaskList, TaskListParams } from './useTasks.ts';

const PAGE = 200;
/** A spreadsheet of more than this many rows is a data export, not a list: the open-data API serves it. */
export const EXPORT_MAX_ROWS = 20_000;

/**
 * Writes the current list (every page of it, same filters and order) to an .xlsx file. exceljs is
 * loaded only here, on demand, so the first screen does not carry it.
 */
export async function exportTasksToXlsx(
  params: TaskListParams,
  t: TFunction,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const [{ default: ExcelJS }] = await Promise.all([import('exceljs')]);
  const rows: TaskList['items'] = [];
  let total = 0;
  do {
    const page = await api.get<TaskList>('/api/tasks', { ...params, limit: PAGE, offset: rows.length });
    total = Math.min(page.total, EXPORT_MAX_ROWS);
    rows.push(...page.items);
    onProgress(rows.length, total);
    if (page.items.length === 0) break;
  } while (rows.length < total);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('tasks.export.sheet'));
  sheet.columns = [
    { header: t('tasks.columns.ref'), key: 'ref', width: 10 },
    { header: t('tasks.columns.text'), key: 'text', width: 70 },
    { header: t('tasks.columns.directive'), key: 'directive', width: 20 },
    { header: t('tasks.columns.lead'), key: 'lead', width: 35 },
    { header: t('tasks.columns.coordinating'), key: 'coordinating', width: 35 },
    { header: t('tasks.columns.deadlineRaw'), key: 'raw', width: 22 },
    { header: t('tasks.columns.due'), key: 'due', width: 14 },
    { header: t('tasks.columns.firstDue'), key: 'firstDue', width: 14 },
    { header: t('tasks.columns.timeliness'), key: 'timeliness', width: 24 },
    { header: t('tasks.columns.progress'), key: 'progress', width: 10 },
    { header: t('tasks.columns.completedOn'), key: 'completedOn', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const task of rows) {
    sheet.addRow({
      ref: task.ref,
      text: task.text,
      directive: task.directive.number ?? '',
      lead: task.lead.map((a) => a.name).join('; '),
      coordinating: task.coordinating.map((a) => a.name).join('; '),
      raw: task.deadline.raw,
      due: task.deadline.due ? formatDate(task.deadline.due) : t(`deadlineKind.${task.deadline.kind}`),
      firstDue: formatDate(task.deadline.firstDue),
      timeliness: t(`timeliness.${task.timeliness}`),
      progress: task.progressPercent / 100,
      completedOn: formatDate(task.completedOn),
    });
  }
  sheet.getColumn('progress').numFmt = '0%';
  sheet.getColumn('text').alignment = { wrapText: true, vertical: 'top' };

  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${t('tasks.export.filename')}-${new Date().toISOString().slice(0, 10)}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
