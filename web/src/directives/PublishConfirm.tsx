import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../ui/format.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { usePublishPreview } from './useDirectives.ts';

/**
 * Publishing notifies every assigned body at once (a group: each of its members), and cannot be undone:
 * the office reads how many tasks go live and how many bodies hear of it, then confirms.
 */
export function PublishConfirm({
  directiveId,
  opened,
  publishing,
  onCancel,
  onConfirm,
}: {
  directiveId: number;
  opened: boolean;
  publishing: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t, i18n } = useTranslation();
  const preview = usePublishPreview(directiveId, opened);
  return (
    <Modal opened={opened} onClose={onCancel} title={t('directives.review.confirmPublish.title')} centered>
      {preview.isPending ? (
        <LoadingState />
      ) : preview.error ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Stack gap="md">
          <Alert color="blue" variant="light" data-testid="publish-reach">
            <Text size="sm" fw={500}>
              {t('directives.review.confirmPublish.reach', {
                tasks: formatNumber(preview.data.tasks, i18n.language),
                bodies: formatNumber(preview.data.bodies, i18n.language),
              })}
            </Text>
          </Alert>
          <Text size="sm" c="dimmed">
            {t('directives.review.confirmPublish.final')}
          </Text>
          <Group justify="flex-end" gap="sm">
            {/* Focus rests on "not now": Enter alone must not notify hundreds of bodies. */}
            <Button variant="default" onClick={onCancel} data-autofocus>
              {t('directives.review.confirmPublish.cancel')}
            </Button>
            <Button leftSection={<IconSend size={16} />} onClick={onConfirm} loading={publishing}>
              {t('directives.review.confirmPublish.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
