import type { MonthTrend } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../ui/format.ts';

/** Completions on time and late per month, and the open overdue tasks at each month's end. */
export default function TrendChart({ months }: { months: MonthTrend[] }) {
  const { t, i18n } = useTranslation();
  return (
    <BarChart
      h={240}
      data={months.map((m) => ({
        month: `${m.month.slice(5)}/${m.month.slice(0, 4)}`,
        doneOnTime: m.doneOnTime.count,
        doneLate: m.doneLate.count,
        openOverdue: m.openOverdue.count,
      }))}
      dataKey="month"
      withLegend
      valueFormatter={(v) => formatNumber(v, i18n.language)}
      // Counts of tasks: whole-number ticks (a "1,5" task is nobody's reading of the axis).
      yAxisProps={{ allowDecimals: false }}
      series={[
        { name: 'doneOnTime', label: t('timeliness.done_on_time'), color: 'green.6' },
        { name: 'doneLate', label: t('timeliness.done_late'), color: 'orange.6' },
        { name: 'openOverdue', label: t('dashboard.openOverdue'), color: 'red.6' },
      ]}
    />
  );
}
