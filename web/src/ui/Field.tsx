import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value on a detail page: small upper-case label above, the value below. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}
