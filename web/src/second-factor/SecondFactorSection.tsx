import { Alert, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../ui/states.tsx';
import { EnrolmentPanel, RecoveryCodes } from './EnrolmentPanel.tsx';
import {
  toCodeBody,
  useConfirmSecondFactor,
  useDisableSecondFactor,
  useEnrolSecondFactor,
  useRenewRecoveryCodes,
  useSecondFactorStatus,
} from './useSecondFactor.ts';

/** The account page's second factor: turn it on (QR, code, recovery codes), renew the codes, turn it off. */
export function SecondFactorSection() {
  const { t } = useTranslation();
  const status = useSecondFactorStatus();
  const enrol = useEnrolSecondFactor();
  const confirm = useConfirmSecondFactor();
  const renew = useRenewRecoveryCodes();
  const disable = useDisableSecondFactor();
  const [typed, setTyped] = useState('');
  const [action, setAction] = useState<'renew' | 'disable' | null>(null);
  const shownCodes = confirm.data?.recoveryCodes ?? renew.data?.recoveryCodes ?? null;

  const submitConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate({ code: typed.trim() }, { onSettled: () => setTyped('') });
  };
  const submitAction = (event: FormEvent) => {
    event.preventDefault();
    const body = toCodeBody(typed);
    const settle = { onSettled: () => setTyped(''), onSuccess: () => setAction(null) };
    if (action === 'renew') renew.mutate(body, settle);
    if (action === 'disable') disable.mutate(body, settle);
  };

  return (
    <Stack component="section" aria-labelledby="second-factor-title" gap="sm" data-testid="second-factor">
      <Group gap="xs">
        <Title order={3} id="second-factor-title">
          {t('secondFactor.title')}
        </Title>
        {status.data?.required && <Badge variant="light">{t('secondFactor.required')}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('secondFactor.intro')}
      </Text>
      <ActionError error={status.error ?? enrol.error ?? confirm.error ?? renew.error ?? disable.error} />
      {status.data && (
        <Text size="sm" data-testid="second-factor-status">
          {status.data.enabled
            ? t('secondFactor.statusOn', { count: status.data.recoveryCodesLeft })
            : t('secondFactor.statusOff')}
        </Text>
      )}
      {shownCodes && <RecoveryCodes codes={shownCodes} />}
      {status.data && !status.data.enabled && !confirm.data && (
        <>
          {!enrol.data && (
            <Group>
              <Button loading={enrol.isPending} onClick={() => enrol.mutate()}>
                {t('secondFactor.enable')}
              </Button>
            </Group>
          )}
          {enrol.data && (
            <form onSubmit={submitConfirm}>
              <Stack gap="xs" maw={420}>
                <EnrolmentPanel enrolment={enrol.data} />
                <TextInput
                  label={t('secondFactor.code')}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  required
                  value={typed}
                  onChange={(event) => setTyped(event.currentTarget.value)}
                />
                <Group>
                  <Button type="submit" loading={confirm.isPending}>
                    {t('secondFactor.verify')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </>
      )}
      {status.data?.enabled && (
        <>
          <Group>
            <Button variant="light" onClick={() => setAction('renew')}>
              {t('secondFactor.renew')}
            </Button>
            {!status.data.required && (
              <Button variant="light" color="red" onClick={() => setAction('disable')}>
                {t('secondFactor.disable')}
              </Button>
            )}
          </Group>
          {action && (
            <form onSubmit={submitAction}>
              <Stack gap="xs" maw={420}>
                <Alert variant="light">{t('secondFactor.confirmWithCode')}</Alert>
                <TextInput
                  label={t('secondFactor.codeOrRecovery')}
                  autoComplete="one-time-code"
                  maxLength={40}
                  required
                  value={typed}
                  onChange={(event) => setTyped(event.currentTarget.value)}
                />
                <Group>
                  <Button
                    type="submit"
                    color={action === 'disable' ? 'red' : undefined}
                    loading={renew.isPending || disable.isPending}
                  >
                    {action === 'disable' ? t('secondFactor.disable') : t('secondFactor.renew')}
                  </Button>
                  <Button variant="subtle" onClick={() => setAction(null)}>
                    {t('secondFactor.cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </>
      )}
    </Stack>
  );
}
