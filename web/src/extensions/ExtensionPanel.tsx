import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors.ts';
import { DayInput } from '../ui/DayInput.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { ActionError, ListStates } from '../ui/states.tsx';
import { type Extension, useExtensionActions, useTaskExtensions } from './useExtensions.ts';

function ExtensionItem({ extension, canDecide }: { extension: Extension; canDecide: boolean }) {
  const { t } = useTranslation();
  const { decide } = useExtensionActions(extension.taskId);
  const [comment, setComment] = useState('');
  const decideAs = (decision: 'accept' | 'reject') =>
    decide.mutate({ id: extension.id, decision, comment: comment.trim() || undefined });
  return (
    <Card withBorder>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('extensions.fromTo', { from: formatDate(extension.currentDue), to: formatDate(extension.requestedDue) })}
          </Text>
          <Badge
            variant="light"
            color={extension.state === 'accepted' ? 'green' : extension.state === 'rejected' ? 'red' : 'blue'}
          >
            {t(`extensions.states.${extension.state}`)}
          </Badge>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {extension.reason}
        </Text>
        <Text size="xs" c="dimmed">
          {extension.requestedBy.name} ({extension.agency.name}) · {formatDateTime(extension.createdAt)}
        </Text>
        {extension.decisionComment && (
          <Text size="sm" c="dimmed">
            {t('extensions.decisionComment')}: {extension.decisionComment}
          </Text>
        )}
        {canDecide && extension.state === 'pending' && (
          <Stack gap="xs">
            <Textarea
              label={t('extensions.commentLabel')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={1}
            />
            {decide.error && <Alert color="red">{errorMessage(t, decide.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => decideAs('reject')} loading={decide.isPending}>
                {t('extensions.reject')}
              </Button>
              <Button color="green" onClick={() => decideAs('accept')} loading={decide.isPending}>
                {t('extensions.accept')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function ExtensionPanel({
  taskId,
  canRequest,
  canDecide,
}: {
  taskId: number;
  canRequest: boolean;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const extensions = useTaskExtensions(taskId);
  const { request } = useExtensionActions(taskId);
  const [due, setDue] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const pending = extensions.data?.items.some((e) => e.state === 'pending');

  return (
    <Stack>
      {canRequest && !pending && (
        <Card
          withBorder
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!due || !reason.trim()) return;
            request.mutate(
              { requestedDue: due, reason: reason.trim() },
              {
                onSuccess: () => {
                  setDue(null);
                  setReason('');
                },
              },
            );
          }}
        >
          <Stack gap="xs">
            <Title order={4}>{t('extensions.requestTitle')}</Title>
            <DayInput label={t('extensions.requestedDue')} value={due} onChange={setDue} required w={240} />
            <Textarea
              label={t('extensions.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              autosize
              minRows={2}
            />
            <ActionError error={request.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={request.isPending} disabled={!due || !reason.trim()}>
                {t('extensions.request')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <ListStates query={extensions} empty={t('extensions.none')} retry={false}>
        {(page) => page.items.map((e) => <ExtensionItem key={e.id} extension={e} canDecide={canDecide} />)}
      </ListStates>
    </Stack>
  );
}
