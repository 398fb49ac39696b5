import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/errors.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useLogin, useMe } from './useMe.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const form = useForm({
    initialValues: { username: '', password: '' },
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
            login.mutate(values, { onSuccess: () => navigate(from, { replace: true }) }),
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
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
