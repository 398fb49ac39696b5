import { vietnamDate } from '@giamsat/shared/dates';
import type { TFunction } from 'i18next';
import { api } from '../api/client.ts';
import type { TaskList, TaskListParams } from './useTasks.ts';

const PAGE = 200;
/** How a day cell is shown; the cell holds a real date, so Excel sorts, filters and counts with it. */
const DAY_FORMAT = 'dd/mm/yyyy';

/** A calendar day ('yyyy-mm-dd') as a spreadsheet date: midnight UTC, which exceljs writes as that day's serial. */
function dayCell(day: string | null): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}
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
      due: task.deadline.due ? dayCell(task.deadline.due) : t(`deadlineKind.${task.deadline.kind}`),
      firstDue: dayCell(task.deadline.firstDue),
      timeliness: t(`timeliness.${task.timeliness}`),
      progress: task.progressPercent / 100,
      completedOn: dayCell(task.completedOn),
    });
  }
  sheet.getColumn('progress').numFmt = '0%';
  for (const key of ['due', 'firstDue', 'completedOn']) sheet.getColumn(key).numFmt = DAY_FORMAT;
  sheet.getColumn('text').alignment = { wrapText: true, vertical: 'top' };

  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  // Named by the day in Vietnam, the day the list on screen is counted on (not UTC's: at 00:30 it is yesterday).
  link.download = `${t('tasks.export.filename')}-${vietnamDate()}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
