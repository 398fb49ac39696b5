import { SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActionError, RecordStates } from '../ui/states.tsx';
import { useMailPreferences, useUpdateMailPreferences } from './useMailPreferences.ts';

/** Whether the bell's notifications come by e-mail too, and in which language: each person's own choice. */
export function MailSettings() {
  const { t } = useTranslation();
  const preferences = useMailPreferences();
  const update = useUpdateMailPreferences();
  return (
    <Stack component="section" aria-labelledby="mail-title" gap="sm">
      <Title order={3} id="mail-title">
        {t('mail.title')}
      </Title>
      <ActionError error={update.error} />
      <RecordStates query={preferences} notFound={t('mail.title')}>
        {(current) => (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {current.email ? t('mail.address', { email: current.email }) : t('mail.noAddress')}
            </Text>
            <Switch
              data-testid="mail-notifications"
              label={t('mail.notificationsByEmail')}
              checked={current.notificationsByEmail}
              disabled={update.isPending}
              onChange={(event) =>
                update.mutate({ notificationsByEmail: event.currentTarget.checked, language: current.language })
              }
            />
            <Text size="sm">{t('mail.language')}</Text>
            <SegmentedControl
              data-testid="mail-language"
              style={{ alignSelf: 'flex-start' }}
              value={current.language}
              disabled={update.isPending}
              data={[
                { value: 'vi', label: t('mail.languages.vi') },
                { value: 'en', label: t('mail.languages.en') },
              ]}
              onChange={(language) =>
                update.mutate({ notificationsByEmail: current.notificationsByEmail, language: language as 'vi' | 'en' })
              }
            />
          </Stack>
        )}
      </RecordStates>
    </Stack>
  );
}
