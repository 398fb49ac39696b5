import { AgencyLevel } from '@giamsat/shared';
import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../ui/states.tsx';
import { useCreateDirective } from './useDirectives.ts';

/**
 * A directive typed in entirely by hand (no file, or one the reader made nothing of): an empty draft
 * with its number, level and title, then its tasks on the review page.
 */
export function CreateDirectiveModal({
  opened,
  defaultLevel,
  onClose,
}: {
  opened: boolean;
  defaultLevel: AgencyLevel;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateDirective();
  const [number, setNumber] = useState('');
  const [docType, setDocType] = useState('');
  const [level, setLevel] = useState<AgencyLevel>(defaultLevel);
  const [title, setTitle] = useState('');
  const submit = () =>
    create.mutate(
      { number, level, title, ...(docType.trim() ? { docType } : {}) },
      { onSuccess: (created) => void navigate(`/directives/${created.id}`) },
    );
  return (
    <Modal opened={opened} onClose={onClose} title={t('directives.create.title')} size="lg">
      <Stack
        gap="sm"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Text size="sm" c="dimmed">
          {t('directives.create.hint')}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label={t('directives.fields.number')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            required
            data-autofocus
          />
          <TextInput
            label={t('directives.fields.type')}
            value={docType}
            onChange={(e) => setDocType(e.currentTarget.value)}
          />
          <Select
            label={t('directives.fields.level')}
            data={AgencyLevel.options.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
            value={level}
            onChange={(v) => v && setLevel(v as AgencyLevel)}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label={t('directives.fields.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        {create.error && <ErrorState error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('directives.create.cancel')}
          </Button>
          <Button type="submit" disabled={!number.trim()} loading={create.isPending}>
            {t('directives.create.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
