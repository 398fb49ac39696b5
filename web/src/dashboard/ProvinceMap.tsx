import type { ProvinceRow } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import { Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { type CSSProperties, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { taskListHref } from '../tasks/taskFilters.ts';
import { formatNumber, formatPercent } from '../ui/format.ts';
import classes from './ProvinceMap.module.css';
import {
  HOANG_SA_AREA,
  LEGEND_AREA,
  PROVINCE_TILES,
  type ProvinceTilePosition,
  provinceKey,
  TRUONG_SA_AREA,
} from './provinceGrid.ts';

export type MapMeasure = 'onTimeCompletion' | 'overdue';

interface Shade {
  background: string;
  color: string;
}

interface LegendEntry extends Shade {
  label: string;
}

const NO_DATA: Shade = { background: 'var(--mantine-color-gray-1)', color: 'var(--mantine-color-gray-6)' };
const DARK_TEXT = '#1a1b1e';

// ColorBrewer's YlGn (more on time = greener) and Reds (more overdue = redder): sequential, readable in
// grey and by the common colour-blindnesses, which a red-to-green scale is not.
const RATE_SHADES: Shade[] = [
  { background: '#ffffcc', color: DARK_TEXT },
  { background: '#c2e699', color: DARK_TEXT },
  { background: '#78c679', color: DARK_TEXT },
  { background: '#31a354', color: '#ffffff' },
  { background: '#006837', color: '#ffffff' },
];
const OVERDUE_ZERO: Shade = { background: '#fff5f0', color: DARK_TEXT };
const OVERDUE_SHADES: Shade[] = [
  { background: '#fcbba1', color: DARK_TEXT },
  { background: '#fc9272', color: DARK_TEXT },
  { background: '#ef3b2c', color: '#ffffff' },
  { background: '#a50f15', color: '#ffffff' },
];

/** How a measure colours a province and what the legend says: fixed 20-point steps for the rate (comparable
 * from one day or scope to the next), four equal steps up to the largest count for overdue tasks. */
function scaleFor(measure: MapMeasure, rows: ProvinceRow[], t: TFunction, language: string) {
  if (measure === 'onTimeCompletion') {
    const shade = (row: ProvinceRow): Shade => {
      const rate = row.rates.onTimeCompletion.rate;
      if (rate === null) return NO_DATA;
      return RATE_SHADES[Math.min(RATE_SHADES.length - 1, Math.floor(rate * 5))] ?? NO_DATA;
    };
    const legend: LegendEntry[] = RATE_SHADES.map((s, i) => ({
      ...s,
      label: t('dashboard.map.rateRange', { from: i * 20, to: (i + 1) * 20 }),
    }));
    return { shade, legend, value: (row: ProvinceRow) => formatPercent(row.rates.onTimeCompletion.rate, language) };
  }
  const max = Math.max(0, ...rows.map((r) => r.overdue));
  const step = Math.max(1, Math.ceil(max / OVERDUE_SHADES.length));
  const shade = (row: ProvinceRow): Shade => {
    if (row.total === 0) return NO_DATA;
    if (row.overdue === 0) return OVERDUE_ZERO;
    return OVERDUE_SHADES[Math.min(OVERDUE_SHADES.length - 1, Math.floor((row.overdue - 1) / step))] ?? NO_DATA;
  };
  const legend: LegendEntry[] = [{ ...OVERDUE_ZERO, label: '0' }];
  OVERDUE_SHADES.forEach((s, i) => {
    const from = i * step + 1;
    if (from > Math.max(max, 1)) return;
    const to = (i + 1) * step;
    legend.push({ ...s, label: from === to ? String(from) : t('dashboard.map.countRange', { from, to }) });
  });
  return { shade, legend, value: (row: ProvinceRow) => String(row.overdue) };
}

const area = (rowStart: number, rowEnd: number, colStart: number, colEnd: number): CSSProperties => ({
  gridRow: `${rowStart + 1} / ${rowEnd + 2}`,
  gridColumn: `${colStart + 1} / ${colEnd + 2}`,
});

function figures(row: ProvinceRow, language: string) {
  const rate = row.rates.onTimeCompletion;
  return {
    name: row.agency.name,
    total: formatNumber(row.total, language),
    rate: formatPercent(rate.rate, language),
    onTime: formatNumber(rate.numerator, language),
    withDeadline: formatNumber(rate.denominator, language),
    overdue: formatNumber(row.overdue, language),
    stale: formatNumber(row.stale, language),
    doneLate: formatNumber(row.byState.done_late, language),
  };
}

function ProvinceTile({
  row,
  label,
  style,
  shade,
  value,
}: {
  row: ProvinceRow;
  label: string;
  style?: CSSProperties;
  shade: Shade;
  value: string;
}) {
  const { t, i18n } = useTranslation();
  const f = figures(row, i18n.language);
  const tooltip = (
    <Stack gap={2}>
      <Text size="sm" fw={700}>
        {f.name}
      </Text>
      <Text size="xs">{t('dashboard.map.tipTotal', f)}</Text>
      <Text size="xs">{t('dashboard.map.tipOnTime', f)}</Text>
      <Text size="xs">{t('dashboard.map.tipOverdue', f)}</Text>
      <Text size="xs" c="dimmed">
        {t('dashboard.map.tipClick')}
      </Text>
    </Stack>
  );
  return (
    <Tooltip label={tooltip} withArrow openDelay={120} position="right" multiline w={260}>
      <Link
        to={taskListHref(row.filter)}
        className={classes.tile}
        style={{ ...style, background: shade.background, color: shade.color }}
        aria-label={t('dashboard.map.tileLabel', f)}
        data-testid="province-tile"
        data-province={row.agency.name}
        data-total={row.total}
      >
        <span className={classes.name}>{label}</span>
        <span className={classes.value}>{value}</span>
      </Link>
    </Tooltip>
  );
}

/**
 * The 34 provinces as a tile-grid map, coloured by the chosen measure; each tile opens the province's
 * tasks (the same list as the province table's row). A province without a tile is listed under the grid.
 */
export function ProvinceMap({
  rows,
  measure,
  onMeasureChange,
}: {
  rows: ProvinceRow[];
  measure: MapMeasure;
  onMeasureChange: (measure: MapMeasure) => void;
}) {
  const { t, i18n } = useTranslation();
  const scale = useMemo(() => scaleFor(measure, rows, t, i18n.language), [measure, rows, t, i18n.language]);
  const { placed, unplaced, empty } = useMemo(() => {
    const byKey = new Map<string, ProvinceRow>();
    const unplacedRows: ProvinceRow[] = [];
    const positions = new Map(PROVINCE_TILES.map((p) => [p.key, p]));
    for (const row of rows) {
      const key = provinceKey(row.agency.name);
      if (positions.has(key) && !byKey.has(key)) byKey.set(key, row);
      else unplacedRows.push(row);
    }
    const placedTiles: { position: ProvinceTilePosition; row: ProvinceRow }[] = [];
    const emptyTiles: ProvinceTilePosition[] = [];
    for (const position of PROVINCE_TILES) {
      const row = byKey.get(position.key);
      if (row) placedTiles.push({ position, row });
      else emptyTiles.push(position);
    }
    return { placed: placedTiles, unplaced: unplacedRows, empty: emptyTiles };
  }, [rows]);

  return (
    <Stack gap="sm" data-testid="province-map">
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label={t('dashboard.map.measure')}
        value={measure}
        onChange={(v) => onMeasureChange(v as MapMeasure)}
        data={[
          { value: 'onTimeCompletion', label: t('dashboard.map.measures.onTimeCompletion') },
          { value: 'overdue', label: t('dashboard.map.measures.overdue') },
        ]}
      />
      <div className={classes.grid}>
        {placed.map(({ position, row }) => (
          <ProvinceTile
            key={row.agency.id}
            row={row}
            label={position.label}
            style={area(position.row, position.row, position.col, position.col)}
            shade={scale.shade(row)}
            value={scale.value(row)}
          />
        ))}
        {empty.map((position) => (
          <div
            key={position.key}
            className={classes.placeholder}
            style={area(position.row, position.row, position.col, position.col)}
            title={t('dashboard.map.noRow')}
          >
            {position.label}
          </div>
        ))}
        <Stack
          gap={4}
          className={classes.legend}
          style={area(LEGEND_AREA.rowStart, LEGEND_AREA.rowEnd, LEGEND_AREA.colStart, LEGEND_AREA.colEnd)}
          aria-label={t('dashboard.map.legend')}
        >
          <Text size="xs" fw={600} lh={1.2}>
            {t(`dashboard.map.legendTitles.${measure}`)}
          </Text>
          {[...scale.legend, { ...NO_DATA, label: t('dashboard.map.noData') }].map((entry) => (
            <Group key={entry.label} gap={6} wrap="nowrap">
              <span className={classes.swatch} style={{ background: entry.background }} />
              <Text size="xs" lh={1.1}>
                {entry.label}
              </Text>
            </Group>
          ))}
        </Stack>
        <div
          className={classes.sea}
          style={area(HOANG_SA_AREA.row, HOANG_SA_AREA.row, HOANG_SA_AREA.colStart, HOANG_SA_AREA.colEnd)}
        >
          {t('dashboard.map.hoangSa')}
        </div>
        <div
          className={classes.sea}
          style={{
            ...area(TRUONG_SA_AREA.row, TRUONG_SA_AREA.row, TRUONG_SA_AREA.colStart, TRUONG_SA_AREA.colEnd),
            textAlign: 'right',
          }}
        >
          {t('dashboard.map.truongSa')}
        </div>
      </div>
      {unplaced.length > 0 && (
        <Stack gap={4} data-testid="province-map-unplaced">
          <Text size="xs" c="dimmed">
            {t('dashboard.map.unplaced', { count: unplaced.length })}
          </Text>
          <Group gap={4}>
            {unplaced.map((row) => (
              <ProvinceTile
                key={row.agency.id}
                row={row}
                label={row.agency.shortName ?? row.agency.name}
                style={{ width: 120, height: 46 }}
                shade={scale.shade(row)}
                value={scale.value(row)}
              />
            ))}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
