import type { SignInCompleteResponse } from '@giamsat/server/second-factor/second-factor.schemas.ts';
import { Alert, Anchor, Button, Center, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { EnrolmentPanel, RecoveryCodes } from '../second-factor/EnrolmentPanel.tsx';
import { useCompleteSignIn, useEnrolDuringSignIn, useSignInStep } from '../second-factor/useSecondFactor.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useSignedIn } from './useMe.ts';

/**
 * The second step of signing in (after the password or the identity provider): the code from the
 * authenticator app or a recovery code; or, for a role that must have a second factor and has none
 * yet, enrolling it here first — then the recovery codes, shown once.
 */
export function SecondFactorStepPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const step = useSignInStep();
  const enrol = useEnrolDuringSignIn();
  const complete = useCompleteSignIn();
  const signedIn = useSignedIn();
  const [typed, setTyped] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [done, setDone] = useState<SignInCompleteResponse | null>(null);

  const finish = (me: SignInCompleteResponse) => {
    signedIn(me);
    void navigate(from, { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = useRecovery ? { recoveryCode: typed.trim() } : { code: typed.trim() };
    complete.mutate(body, {
      onSuccess: (me) => (me.recoveryCodes ? setDone(me) : finish(me)),
      onError: () => setTyped(''),
    });
  };

  let content: ReactNode;
  if (step.isPending) {
    content = <Loader />;
  } else if (step.error || (complete.error instanceof ApiError && complete.error.code === 'SIGN_IN_STEP_EXPIRED')) {
    content = (
      <Stack>
        <Alert color="red" icon={<IconAlertCircle />} role="alert">
          {errorMessage(t, step.error ?? complete.error)}
        </Alert>
        <Anchor component={Link} to="/login">
          {t('secondFactor.backToLogin')}
        </Anchor>
      </Stack>
    );
  } else if (done?.recoveryCodes) {
    content = (
      <Stack>
        <RecoveryCodes codes={done.recoveryCodes} />
        <Button onClick={() => finish(done)}>{t('secondFactor.continue')}</Button>
      </Stack>
    );
  } else {
    const enrolling = step.data.step === 'enrol';
    content = (
      <form onSubmit={submit}>
        <Stack>
          <Title order={3}>{enrolling ? t('secondFactor.enrolTitle') : t('secondFactor.codeStepTitle')}</Title>
          {enrolling ? (
            <Text size="sm">{t('secondFactor.enrolRequired')}</Text>
          ) : (
            <Text size="sm">{t('secondFactor.codeStepIntro')}</Text>
          )}
          {(complete.error || enrol.error) && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {errorMessage(t, complete.error ?? enrol.error)}
            </Alert>
          )}
          {enrolling && !enrol.data && (
            <Button variant="light" loading={enrol.isPending} onClick={() => enrol.mutate()}>
              {t('secondFactor.enrolStart')}
            </Button>
          )}
          {enrol.data && <EnrolmentPanel enrolment={enrol.data} />}
          {(!enrolling || enrol.data) && (
            <>
              <TextInput
                label={useRecovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}
                autoComplete="one-time-code"
                inputMode={useRecovery ? 'text' : 'numeric'}
                maxLength={useRecovery ? 40 : 6}
                required
                autoFocus
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
              />
              <Button type="submit" loading={complete.isPending} fullWidth>
                {t('secondFactor.verify')}
              </Button>
            </>
          )}
          {!enrolling && (
            <Anchor component="button" type="button" size="sm" onClick={() => setUseRecovery((v) => !v)}>
              {useRecovery ? t('secondFactor.useAppCode') : t('secondFactor.useRecoveryCode')}
            </Anchor>
          )}
        </Stack>
      </form>
    );
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={460}>
        <Stack>
          <Title order={2}>{t('app.name')}</Title>
          {content}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
