import type { Timeliness } from '@giamsat/shared';
import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const TIMELINESS_COLORS: Record<Timeliness, MantineColor> = {
  not_started: 'gray',
  in_progress_on_time: 'blue',
  in_progress_overdue: 'red',
  done_on_time: 'green',
  done_late: 'orange',
  continuous_with_results: 'teal',
  continuous_without_results: 'yellow',
};

/** The official states in the order reports list them. */
export const TIMELINESS_ORDER: Timeliness[] = [
  'done_on_time',
  'done_late',
  'in_progress_on_time',
  'in_progress_overdue',
  'not_started',
  'continuous_with_results',
  'continuous_without_results',
];

export function TimelinessBadge({ value, dueSoon }: { value: Timeliness; dueSoon?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge color={TIMELINESS_COLORS[value]} variant="light" radius="sm" style={{ whiteSpace: 'nowrap' }}>
        {t(`timeliness.${value}`)}
      </Badge>
      {dueSoon && (
        <Badge color="yellow" variant="filled" radius="sm" ml={4} style={{ whiteSpace: 'nowrap' }}>
          {t('timeliness.due_soon')}
        </Badge>
      )}
    </>
  );
}
