import { passwordProblems } from '@giamsat/server/accounts/account.schemas.ts';
import { Alert, Button, Center, List, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { formatDateTime } from '../ui/format.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useAccountLink, useSetPassword } from './useAccounts.ts';

/** Why a link does not work, in the words of this page ("already used: sign in"), else the general sentence. */
function linkError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'ACCOUNT_LINK_INVALID' && typeof error.params.reason === 'string')
    return t(`setPassword.linkInvalid.${error.params.reason}`);
  return errorMessage(t, error);
}

/** The link's token, from the address's fragment (#token=…): a fragment reaches no server log. */
function tokenOf(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token?.trim() || null;
}

const RULES = ['too_short', 'no_letter', 'no_digit', 'contains_name'] as const;

/**
 * Where an invitation's (or a reset's) link lands: whose account, then a new password typed twice, each
 * rule shown as it is met. The rule is the server's (passwordProblems); the server checks it again.
 */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const token = tokenOf(location.hash);
  const link = useAccountLink(token);
  const setPassword = useSetPassword();
  const [password, setPasswordText] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const username = link.data?.username ?? '';
  const problems = passwordProblems(password, username);
  const mismatch = again !== password;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!token || problems.length > 0 || mismatch) return;
    setPassword.mutate({ token, password });
  };

  let body: React.ReactNode;
  if (!token) body = <Alert color="red">{t('setPassword.noToken')}</Alert>;
  else if (link.isPending) body = <Text>{t('common.loading')}</Text>;
  else if (link.error)
    body = (
      <Alert color="red" icon={<IconAlertCircle />} role="alert">
        {linkError(t, link.error)}
      </Alert>
    );
  else if (setPassword.isSuccess)
    body = (
      <Stack>
        <Alert color="green" role="status">
          {t('setPassword.done', { username: setPassword.data.username })}
        </Alert>
        <Button component={Link} to="/login" state={{ username: setPassword.data.username }}>
          {t('auth.signIn')}
        </Button>
      </Stack>
    );
  else
    body = (
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>
            {t(link.data.purpose === 'invitation' ? 'setPassword.welcome' : 'setPassword.resetFor', {
              name: link.data.fullName,
            })}
          </Text>
          <Text size="sm">
            {t('auth.username')}: <b data-testid="set-password-username">{link.data.username}</b>
          </Text>
          <Text size="xs" c="dimmed">
            {t('setPassword.until', { until: formatDateTime(link.data.expiresAt) })}
          </Text>
          <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
          <PasswordInput
            label={t('setPassword.password')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPasswordText(e.currentTarget.value)}
            error={tried && problems.length > 0 ? t('setPassword.tooWeak') : undefined}
            required
          />
          <List size="sm" spacing={2} aria-label={t('setPassword.rules')}>
            {RULES.map((rule) => {
              const broken = problems.includes(rule);
              return (
                <List.Item
                  key={rule}
                  icon={
                    <ThemeIcon size={16} radius="xl" color={broken ? 'gray' : 'green'}>
                      {broken ? <IconX size={10} /> : <IconCheck size={10} />}
                    </ThemeIcon>
                  }
                >
                  {t(`setPassword.rule.${rule}`)}
                </List.Item>
              );
            })}
          </List>
          <PasswordInput
            label={t('setPassword.again')}
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={tried && mismatch ? t('setPassword.mismatch') : undefined}
            required
          />
          {setPassword.error && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {linkError(t, setPassword.error)}
            </Alert>
          )}
          <Button type="submit" loading={setPassword.isPending}>
            {t('setPassword.submit')}
          </Button>
        </Stack>
      </form>
    );

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={460}>
        <Stack>
          <Title order={2}>{t('app.name')}</Title>
          <Title order={3}>{t('setPassword.title')}</Title>
          {body}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
