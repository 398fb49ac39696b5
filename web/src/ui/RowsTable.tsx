import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A list laid out as a table: a header row naming each column, then the rows the caller draws. With
 * `minWidth`, the table scrolls sideways on a screen narrower than that instead of squeezing its columns.
 */
export function RowsTable({
  columns,
  minWidth,
  children,
  ...table
}: {
  /** The columns' names, in order; null for a column without one (the row's action). */
  columns: readonly (string | null)[];
  minWidth?: number;
  /** The rows (`Table.Tr`). */
  children: ReactNode;
} & Omit<TableProps, 'children'> & { 'data-testid'?: string }) {
  const rows = (
    <Table {...table}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((name, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed, and an unnamed one has no other key
            <Table.Th key={index}>{name}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? rows : <Table.ScrollContainer minWidth={minWidth}>{rows}</Table.ScrollContainer>;
}
