import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, isNotFound } from '../api/errors.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader />
        <Text c="dimmed" size="sm">
          {label ?? t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertCircle />} title={t('common.errorTitle')} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Why an action the user just tried failed, in their language; nothing while there is no error. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {errorMessage(t, error)}
    </Alert>
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Stack align="center" gap="xs" c="dimmed">
        <IconInbox size={32} aria-hidden />
        <Text size="sm">{children ?? t('common.empty')}</Text>
      </Stack>
    </Center>
  );
}

/** What a list's query gives a page: react-query's result, read only for these. */
interface ListQuery<Page extends { items: readonly unknown[] }> {
  isPending: boolean;
  error: unknown;
  data: Page | undefined;
  refetch: () => unknown;
}

/**
 * A list as the user meets it: loading, its error (with a retry), the words for no items, or the
 * items as `children` lays them out.
 */
export function ListStates<Page extends { items: readonly unknown[] }>({
  query,
  empty,
  retry = true,
  children,
}: {
  query: ListQuery<Page>;
  empty: ReactNode;
  /** Offer a retry with the error (a panel inside a page that retries on its own says only what went wrong). */
  retry?: boolean;
  children: (page: Page) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.error || !query.data)
    return <ErrorState error={query.error} onRetry={retry ? () => void query.refetch() : undefined} />;
  if (query.data.items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return children(query.data);
}

/** What one record's query gives a page: react-query's result, read only for these. */
interface RecordQuery<Record> {
  isPending: boolean;
  error: unknown;
  data: Record | undefined;
  refetch: () => unknown;
}

/**
 * One record's page as the user meets it: loading, `notFound` when it is not there (or not theirs to
 * see: the server answers both alike), another error with a retry, or the record as `children` lays it out.
 */
export function RecordStates<Record>({
  query,
  notFound,
  children,
}: {
  query: RecordQuery<Record>;
  notFound: string;
  children: (record: Record) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (isNotFound(query.error)) return <NotFoundPage message={notFound} />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return children(query.data);
}
