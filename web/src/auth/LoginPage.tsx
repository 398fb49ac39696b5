import { Alert, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useLogin, useMe, useSignInOptions } from './useMe.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; username?: string } | null;
  const from = state?.from ?? '/';
  const options = useSignInOptions();
  // The identity provider's sign-in came back refused (an unknown person, a failed exchange).
  const ssoRefusal = new URLSearchParams(location.search).get('sso');
  const form = useForm({
    // After setting a password through an e-mailed link, the account's username is filled in.
    initialValues: { username: state?.username ?? '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('auth.usernameRequired')),
      password: (v) => (v ? null : t('auth.passwordRequired')),
    },
  });

  if (me.data) return <Navigate to={from} replace />;

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form
          onSubmit={form.onSubmit((values) =>
            login.mutate(values, {
              // An account with a second factor (or that must enrol one) takes one more step.
              onSuccess: (answer) =>
                'step' in answer ? navigate('/login/code', { state: { from } }) : navigate(from, { replace: true }),
            }),
          )}
        >
          <Stack>
            <div>
              <Title order={2}>{t('app.name')}</Title>
              <Text c="dimmed" size="sm">
                {t('app.tagline')}
              </Text>
            </div>
            <Title order={3}>{t('auth.signIn')}</Title>
            {ssoRefusal && (
              <Alert color="red" icon={<IconAlertCircle />} role="alert" data-testid="sso-refusal">
                {errorMessage(t, new ApiError(403, ssoRefusal))}
              </Alert>
            )}
            {login.error && (
              <Alert color="red" icon={<IconAlertCircle />} role="alert">
                {errorMessage(t, login.error)}
              </Alert>
            )}
            <TextInput
              label={t('auth.username')}
              autoComplete="username"
              required
              autoFocus
              {...form.getInputProps('username')}
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('auth.signIn')}
            </Button>
            {options.data?.oidc && (
              <>
                <Divider label={t('auth.or')} />
                {/* A plain link: the server sends the browser on to the identity provider. */}
                <Button component="a" href="/api/auth/oidc/start" variant="default" fullWidth>
                  {t('auth.sso')}
                </Button>
              </>
            )}
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
