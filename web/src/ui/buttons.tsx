import { Button } from '@mantine/core';
import { IconTrash, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Takes every filter of a list off at once: quiet, beside the filters it clears. */
export function ClearFiltersButton({ onClear, children }: { onClear: () => void; children: ReactNode }) {
  return (
    <Button variant="subtle" size="xs" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
      {children}
    </Button>
  );
}

/** Deletes something only once the user has said yes to `question`; spins while the deletion runs. */
export function DeleteButton({
  question,
  pending,
  onDelete,
  children,
}: {
  question: string;
  pending: boolean;
  onDelete: () => void;
  children: ReactNode;
}) {
  return (
    <Button
      variant="subtle"
      color="red"
      leftSection={<IconTrash size={16} />}
      loading={pending}
      onClick={() => {
        if (window.confirm(question)) onDelete();
      }}
    >
      {children}
    </Button>
  );
}
