import { SCORE_COMPONENTS, type ScoreRankingResponse, type ScoreSort } from '@giamsat/server/scores/score.schemas.ts';
import type { AgencyLevel } from '@giamsat/shared';
import { Anchor, Group, Pagination, ScrollArea, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber, formatPercent } from '../ui/format.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { scorePagePath } from './scoreLinks.ts';
import { useScoreRanking } from './useScores.ts';

const PAGE_SIZE = 25;

/**
 * Every body of a level ranked by its score (fair by workload), page by page; any column sorts, a
 * second click turns the order round, so the weakest are one click away.
 */
export function ScoreTable({ level, period }: { level: AgencyLevel; period?: { from?: string; to?: string } }) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<ScoreSort>('score');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const ranking = useScoreRanking({ level, sort, order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...period });

  const sortBy = (column: ScoreSort) => {
    if (column === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setOrder(column === 'name' ? 'asc' : 'desc');
    }
    setPage(1);
  };

  const Header = ({ column, label, right = true }: { column: ScoreSort; label: string; right?: boolean }) => (
    <Table.Th
      ta={right ? 'right' : undefined}
      aria-sort={sort === column ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton onClick={() => sortBy(column)} data-testid={`sort-${column}`}>
        <Group gap={4} wrap="nowrap" justify={right ? 'flex-end' : undefined}>
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {sort !== column ? (
            <IconArrowsSort size={14} />
          ) : order === 'asc' ? (
            <IconArrowUp size={14} />
          ) : (
            <IconArrowDown size={14} />
          )}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );

  if (ranking.isPending) return <LoadingState />;
  if (ranking.error) return <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />;
  const data: ScoreRankingResponse = ranking.data;
  const score = (value: number | null) => (value === null ? '—' : formatNumber(value, i18n.language, 1));
  return (
    <>
      <Text size="xs" c="dimmed" mb="xs">
        {t('scores.rankingNote', { total: data.total, ranked: data.ranked, k: data.method.weights.priorStrength })}
      </Text>
      <ScrollArea type="auto" offsetScrollbars style={{ opacity: ranking.isPlaceholderData ? 0.6 : 1 }}>
        <Table striped highlightOnHover verticalSpacing={4} miw={900} data-testid="score-ranking">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scores.rank')}</Table.Th>
              <Header column="name" label={t('scores.body')} right={false} />
              <Header column="score" label={t('scores.score')} />
              <Header column="rawScore" label={t('scores.rawScore')} />
              <Header column="tasks" label={t('scores.tasks')} />
              {SCORE_COMPONENTS.map((c) => (
                <Header key={c} column={c} label={t(`scores.components.${c}.short`)} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={row.agency.id}>
                <Table.Td>{row.rank}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={scorePagePath(row.agency.id, data.period)} size="sm">
                    {row.agency.shortName ?? row.agency.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  {score(row.score)}
                </Table.Td>
                <Table.Td ta="right">{score(row.rawScore)}</Table.Td>
                <Table.Td ta="right">{row.tasks}</Table.Td>
                {SCORE_COMPONENTS.map((c) => (
                  <Table.Td key={c} ta="right" title={`${row.components[c].successes}/${row.components[c].trials}`}>
                    {formatPercent(row.components[c].adjusted, i18n.language)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {data.total > PAGE_SIZE && (
        <Pagination
          mt="sm"
          size="sm"
          total={Math.ceil(data.total / PAGE_SIZE)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': t(`scores.page.${control}`) })}
        />
      )}
    </>
  );
}
