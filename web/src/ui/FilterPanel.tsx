import { Card, SimpleGrid, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A list's filters: a search form that is never sent (each filter applies as it changes), its fields
 * four to a row on a wide screen and one on a phone, and under them what acts on the filters (`below`).
 */
export function FilterPanel({ children, below }: { children: ReactNode; below?: ReactNode }) {
  return (
    <Card withBorder p="sm" component="form" role="search" onSubmit={(e) => e.preventDefault()}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>{children}</SimpleGrid>
        {below}
      </Stack>
    </Card>
  );
}
