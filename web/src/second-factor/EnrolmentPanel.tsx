import { Code, Group, Image, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EnrolmentResponse } from './useSecondFactor.ts';

/** The new secret, shown once: the QR code for the app, and the key to type when scanning cannot be done. */
export function EnrolmentPanel({ enrolment }: { enrolment: EnrolmentResponse }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{t('secondFactor.scanIntro')}</Text>
      <Image src={enrolment.qrCode} alt={t('secondFactor.qrAlt')} w={220} h={220} />
      <Group gap="xs">
        <Text size="sm">{t('secondFactor.secret')}:</Text>
        <Code data-testid="totp-secret">{enrolment.secret}</Code>
      </Group>
    </Stack>
  );
}

/** The recovery codes, shown this once. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="recovery-codes">
      <Stack gap="xs">
        <Title order={4}>{t('secondFactor.recoveryTitle')}</Title>
        <Text size="sm">{t('secondFactor.recoveryIntro')}</Text>
        <List spacing={2} listStyleType="none">
          {codes.map((code) => (
            <List.Item key={code}>
              <Code>{code}</Code>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
