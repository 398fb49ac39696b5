import type { TaskListFilter } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import type { TimelinessFilter } from '@giamsat/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { taskListHref } from '../tasks/taskFilters.ts';
import { formatNumber } from '../ui/format.ts';

/** A number on the dashboard: a link to the very tasks it counts. */
export function FigureLink({
  count,
  filter,
  states,
  label,
}: {
  count: number;
  filter: TaskListFilter | null;
  states?: TimelinessFilter[];
  label?: string;
}) {
  const { i18n, t } = useTranslation();
  const text = formatNumber(count, i18n.language);
  if (!filter) return <>{text}</>;
  const href = taskListHref(states ? { ...filter, timeliness: states } : filter);
  return (
    // A plain link (not a Mantine Anchor): the dashboard has about a thousand of them.
    <Link
      to={href}
      style={{ color: 'var(--mantine-color-anchor)', textDecoration: 'none' }}
      aria-label={label ? t('dashboard.figureLink', { label, count }) : undefined}
    >
      {text}
    </Link>
  );
}
