import { Button } from '@mantine/core';
import type { ReactNode } from 'react';

/** A row's action in a table: runs `mutation` for this row's id, and spins only on the row being acted on. */
export function RowAction({
  mutation,
  id,
  children,
}: {
  mutation: { isPending: boolean; variables: number | undefined; mutate: (id: number) => void };
  id: number;
  children: ReactNode;
}) {
  return (
    <Button
      size="xs"
      variant="light"
      loading={mutation.isPending && mutation.variables === id}
      onClick={() => mutation.mutate(id)}
    >
      {children}
    </Button>
  );
}
