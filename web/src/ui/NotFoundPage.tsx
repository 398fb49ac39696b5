import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Shown for an unknown address and for anything the user may not see: "not yours" looks like "not there". */
export function NotFoundPage({ message }: { message?: string }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" gap="sm" data-testid="not-found">
      <Title order={2}>{t('notFound.title')}</Title>
      <Text c="dimmed" ta="center">
        {message ?? t('notFound.text')}
      </Text>
      <Button component={Link} to="/" variant="light">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
