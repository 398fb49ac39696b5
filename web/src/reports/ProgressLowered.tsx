import { Text } from '@mantine/core';
import { IconTrendingDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Report } from './useReports.ts';

/** "Tiến độ giảm từ 15 % xuống 0 %: <lý do>", for the reviewer of a report that lowered progress. */
export function ProgressLowered({
  report,
}: {
  report: Pick<Report, 'percent' | 'progressLoweredFrom' | 'progressLoweredReason'>;
}) {
  const { t } = useTranslation();
  if (report.progressLoweredFrom === null) return null;
  return (
    <Text size="sm" c="orange.9" data-testid="progress-lowered" style={{ display: 'flex', gap: 6 }}>
      <IconTrendingDown size={18} aria-hidden style={{ flexShrink: 0, marginTop: 1 }} />
      <span>
        {t('progress.lowered.summary', {
          from: report.progressLoweredFrom,
          to: report.percent,
          reason: report.progressLoweredReason,
        })}
      </span>
    </Text>
  );
}
