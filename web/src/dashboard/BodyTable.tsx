import type { AgencyRow, ProvinceRow } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import { Button, ScrollArea, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../ui/format.ts';
import { FigureLink } from './FigureLink.tsx';

/** Per-body figures: the 34-province table (the ranking of bodies is by score: scores/ScoreTable). */
export function BodyTable({
  rows,
  testId,
  initialRows,
  maxHeight = 460,
  minWidth = 720,
}: {
  rows: (AgencyRow | ProvinceRow)[];
  testId: string;
  /** Rows drawn before "show all" (the ranking's head; the rest costs rendering time). */
  initialRows?: number;
  /** Taller beside the province map, which is as tall as the country. */
  maxHeight?: number;
  minWidth?: number;
}) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all || !initialRows ? rows : rows.slice(0, initialRows);
  // A long table scrolls inside its card (header kept), so the page below it stays reachable.
  return (
    <>
      <ScrollArea.Autosize mah={maxHeight} type="auto" offsetScrollbars>
        <Table striped highlightOnHover stickyHeader verticalSpacing={4} miw={minWidth} data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.table.body')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.table.total')}</Table.Th>
              <Table.Th ta="right">{t('timeliness.done_on_time')}</Table.Th>
              <Table.Th ta="right">{t('timeliness.done_late')}</Table.Th>
              <Table.Th ta="right">{t('timeliness.in_progress_overdue')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.stale')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.rates.onTimeCompletion')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.agency.id}>
                <Table.Td>
                  <Text size="sm">{row.agency.shortName ?? row.agency.name}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <FigureLink count={row.total} filter={row.filter} />
                </Table.Td>
                <Table.Td ta="right">
                  <FigureLink count={row.byState.done_on_time} filter={row.filter} states={['done_on_time']} />
                </Table.Td>
                <Table.Td ta="right">
                  <FigureLink count={row.byState.done_late} filter={row.filter} states={['done_late']} />
                </Table.Td>
                <Table.Td ta="right">
                  <Text component="span" c={row.overdue > 0 ? 'red' : undefined} size="sm">
                    <FigureLink count={row.overdue} filter={row.filter} states={['in_progress_overdue']} />
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <FigureLink count={row.stale} filter={{ ...row.filter, staleOnly: true }} />
                </Table.Td>
                <Table.Td ta="right">{formatPercent(row.rates.onTimeCompletion.rate, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {shown.length < rows.length && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll(true)}>
          {t('dashboard.showAll', { count: rows.length })}
        </Button>
      )}
    </>
  );
}
