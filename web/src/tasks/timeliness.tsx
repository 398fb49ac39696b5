import type { Timeliness } from '@giamsat/shared';
import { Badge, Group, type MantineColor } from '@mantine/core';
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

// The state names are long ("Đang thực hiện quá hạn"): let them wrap rather than be cut off.
const BADGE_STYLE = { height: 'auto', maxWidth: 'none', lineHeight: 1.3, paddingBlock: 2 } as const;
const BADGE_STYLES = { label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' } } as const;

export function TimelinessBadge({ value, dueSoon }: { value: Timeliness; dueSoon?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      <Badge
        color={TIMELINESS_COLORS[value]}
        variant="light"
        radius="sm"
        tt="none"
        style={BADGE_STYLE}
        styles={BADGE_STYLES}
      >
        {t(`timeliness.${value}`)}
      </Badge>
      {dueSoon && (
        <Badge color="yellow" variant="filled" radius="sm" tt="none" style={BADGE_STYLE} styles={BADGE_STYLES}>
          {t('timeliness.due_soon')}
        </Badge>
      )}
    </Group>
  );
}
