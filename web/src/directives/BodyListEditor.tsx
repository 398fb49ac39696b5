import { ActionIcon, Badge, Group, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { api } from '../api/client.ts';

export interface BodyRef {
  id: number;
  name: string;
}

/** A body's name and path (the picker hands back only the id). */
export function useFetchBody() {
  const client = useQueryClient();
  return (id: number) =>
    client.fetchQuery({
      queryKey: ['agencies', id],
      queryFn: () => api.get<BodyRef & { path: string; level: string }>(`/api/agencies/${id}`),
      staleTime: 5 * 60_000,
    });
}

/** The bodies of one role (lead or coordinating): each removable, one more added through the picker. */
export function BodyListEditor({
  label,
  bodies,
  onChange,
  testId,
}: {
  label: string;
  bodies: BodyRef[];
  onChange: (bodies: BodyRef[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const fetchBody = useFetchBody();
  // The picker resets after each pick, ready for the next body.
  const [pickerKey, setPickerKey] = useState(0);
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap={6}>
        {bodies.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('directives.task.noBodies')}
          </Text>
        )}
        {bodies.map((body) => (
          <Badge
            key={body.id}
            variant="light"
            size="lg"
            radius="sm"
            tt="none"
            rightSection={
              <ActionIcon
                size="xs"
                variant="transparent"
                aria-label={t('directives.task.removeBody', { name: body.name })}
                onClick={() => onChange(bodies.filter((b) => b.id !== body.id))}
              >
                <IconX size={12} />
              </ActionIcon>
            }
          >
            {body.name}
          </Badge>
        ))}
      </Group>
      <AgencyPicker
        key={pickerKey}
        label={t('directives.task.addBody', { role: label.toLowerCase() })}
        value={null}
        onChange={(id) => {
          if (id === null) return;
          setPickerKey((k) => k + 1);
          if (bodies.some((b) => b.id === id)) return;
          void fetchBody(id).then((body) => onChange([...bodies, { id: body.id, name: body.name }]));
        }}
      />
    </Stack>
  );
}
