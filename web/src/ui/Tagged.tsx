import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

/** A value followed by a small tag saying what is special about it (the usual address, this session); no tag, no badge. */
export function Tagged({ tag, children }: { tag: string | false; children: ReactNode }) {
  return (
    <>
      {children}
      {tag && (
        <Badge ml="xs" size="sm" variant="light">
          {tag}
        </Badge>
      )}
    </>
  );
}
