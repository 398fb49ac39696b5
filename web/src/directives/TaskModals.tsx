import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui/states.tsx';
import type { useReviewActions } from './useDirectives.ts';

/** A first guess at the parts: the text's own lines, else its sentences, else two halves. */
function guessParts(text: string): string[] {
  const lines = text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (lines.length >= 2) return lines;
  const sentences = text
    .split(/(?<=[.;])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length >= 2) return sentences;
  return [text, ''];
}

export function SplitTaskModal({
  task,
  actions,
  onClose,
}: {
  task: { id: number; text: string; version: number } | null;
  actions: ReturnType<typeof useReviewActions>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [parts, setParts] = useState<string[]>(() => (task ? guessParts(task.text) : []));
  if (!task) return null;
  const valid = parts.filter((p) => p.trim()).length >= 2;
  return (
    <Modal opened onClose={onClose} title={t('directives.split.title')} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('directives.split.hint')}
        </Text>
        {parts.map((part, index) => (
          <Textarea
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts are positions being typed into
            key={index}
            label={t('directives.split.part', { n: index + 1 })}
            value={part}
            autosize
            minRows={2}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setParts((all) => all.map((p, i) => (i === index ? value : p)));
            }}
          />
        ))}
        <Group justify="space-between">
          <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setParts((all) => [...all, ''])}>
            {t('directives.split.addPart')}
          </Button>
          <Button
            disabled={!valid}
            loading={actions.splitTask.isPending}
            onClick={() =>
              actions.splitTask.mutate(
                {
                  id: task.id,
                  body: {
                    version: task.version,
                    parts: parts.filter((p) => p.trim()).map((text) => ({ text: text.trim() })),
                  },
                },
                { onSuccess: onClose },
              )
            }
          >
            {t('directives.split.submit')}
          </Button>
        </Group>
        {actions.splitTask.error && <ErrorState error={actions.splitTask.error} />}
      </Stack>
    </Modal>
  );
}

export function AddTaskModal({
  opened,
  actions,
  onClose,
  onAdded,
}: {
  opened: boolean;
  actions: ReturnType<typeof useReviewActions>;
  onClose: () => void;
  onAdded: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [ref, setRef] = useState('');
  const [text, setText] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={t('directives.add.title')} size="lg">
      <Stack gap="sm">
        <TextInput label={t('directives.task.ref')} value={ref} onChange={(e) => setRef(e.currentTarget.value)} />
        <Textarea
          label={t('directives.task.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        {actions.addTask.error && <ErrorState error={actions.addTask.error} />}
        <Group justify="flex-end">
          <Button
            disabled={!text.trim()}
            loading={actions.addTask.isPending}
            onClick={() =>
              actions.addTask.mutate(
                { text: text.trim(), ref: ref.trim() },
                {
                  onSuccess: (task) => {
                    setRef('');
                    setText('');
                    onAdded(task.id);
                  },
                },
              )
            }
          >
            {t('directives.add.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
