import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MailSettings } from '../mail/MailSettings.tsx';
import { SecondFactorSection } from '../second-factor/SecondFactorSection.tsx';
import { formatDateTime } from '../ui/format.ts';
import { RowAction } from '../ui/RowAction.tsx';
import { RowsTable } from '../ui/RowsTable.tsx';
import { ActionError, ListStates } from '../ui/states.tsx';
import { Tagged } from '../ui/Tagged.tsx';
import { useMySessions, useSignOutOtherSessions, useSignOutSession } from './useSessions.ts';

/** The signed-in user's own account page: their e-mail settings, second factor and sessions ("Phiên đăng nhập"). */
export default function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('account.title')}</Title>
      <MailSettings />
      <SecondFactorSection />
      <SessionsSection />
    </Stack>
  );
}

/** Where I am signed in (device, address, since, last seen), with signing out one or every other session. */
function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useMySessions();
  const signOut = useSignOutSession();
  const signOutOthers = useSignOutOtherSessions();
  const error = signOut.error ?? signOutOthers.error;
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;
  return (
    <Stack component="section" aria-labelledby="sessions-title" gap="sm">
      <Group justify="space-between">
        <Title order={3} id="sessions-title">
          {t('sessions.title')}
        </Title>
        <Button
          variant="light"
          color="red"
          disabled={others === 0}
          loading={signOutOthers.isPending}
          onClick={() => signOutOthers.mutate()}
        >
          {t('sessions.signOutOthers')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('sessions.intro')}
      </Text>
      <ActionError error={error} />
      <ListStates query={sessions} empty={t('sessions.none')}>
        {(page) => (
          <RowsTable
            minWidth={640}
            data-testid="sessions"
            columns={[t('sessions.device'), t('sessions.address'), t('sessions.created'), t('sessions.lastSeen'), null]}
          >
            {page.items.map((session) => (
              <Table.Tr key={session.id} data-current={session.current || undefined}>
                <Table.Td>
                  <Tagged tag={session.current && t('sessions.current')}>
                    {session.device ?? t('sessions.unknownDevice')}
                  </Tagged>
                </Table.Td>
                <Table.Td>{session.ip}</Table.Td>
                <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                <Table.Td>
                  {!session.current && (
                    <RowAction mutation={signOut} id={session.id}>
                      {t('sessions.signOut')}
                    </RowAction>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </RowsTable>
        )}
      </ListStates>
    </Stack>
  );
}
