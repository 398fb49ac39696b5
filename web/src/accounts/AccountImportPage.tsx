import { Alert, Anchor, Badge, Button, FileInput, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { jobError, useJob } from '../imports/useImport.ts';
import { RowsTable } from '../ui/RowsTable.tsx';
import { ActionError, ErrorState } from '../ui/states.tsx';
import { type AccountImport, type AccountImportRow, useConfirmAccounts, useUploadAccounts } from './useAccounts.ts';

/** One line's problems in words ("the same address as line 2"). */
function Problems({ row }: { row: AccountImportRow }) {
  const { t } = useTranslation();
  if (row.issues.length === 0)
    return (
      <Badge color="green" leftSection={<IconCheck size={12} />}>
        {t('accountImport.ready')}
      </Badge>
    );
  return (
    <Stack gap={2}>
      {row.issues.map((issue) => (
        <Text key={issue.code} size="xs" c="red.8">
          {t(`accountImport.problems.${issue.code}`, { line: issue.line })}
        </Text>
      ))}
    </Stack>
  );
}

function Preview({ preview }: { preview: AccountImport }) {
  const { t } = useTranslation();
  return (
    <RowsTable
      minWidth={900}
      data-testid="account-import-preview"
      columns={[
        t('accountImport.line'),
        t('accounts.agency'),
        t('accounts.fullName'),
        t('accounts.email'),
        t('accounts.role'),
        t('accountImport.check'),
      ]}
    >
      {preview.rows.map((row) => (
        <Table.Tr key={row.line} data-problem={row.issues.length > 0 || undefined}>
          <Table.Td>{row.line}</Table.Td>
          <Table.Td>
            <Text size="sm">{row.agency?.name ?? row.body}</Text>
            {row.agency && row.agency.name !== row.body && (
              <Text size="xs" c="dimmed">
                {t('accountImport.written', { name: row.body })}
              </Text>
            )}
          </Table.Td>
          <Table.Td>{row.fullName}</Table.Td>
          <Table.Td>{row.email}</Table.Td>
          <Table.Td>{row.resolvedRole ? t(`roles.${row.resolvedRole}`) : row.role}</Table.Td>
          <Table.Td>
            <Problems row={row} />
          </Table.Td>
        </Table.Tr>
      ))}
    </RowsTable>
  );
}

/** The job creating the accounts: a progress bar with "n of m", then what was created and skipped. */
function Creating({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  if (job.error) return <ErrorState error={job.error} />;
  const data = job.data;
  const result = data?.state === 'succeeded' ? (data.result as { created: number; skipped: { line: number }[] }) : null;
  return (
    <Stack gap="xs" data-testid="account-import-job">
      <Progress
        value={data?.progress ?? 0}
        animated={data?.state !== 'succeeded'}
        aria-label={t('accountImport.progress')}
      />
      {data?.steps && (
        <Text size="sm">{t('accountImport.steps', { done: data.steps.done, total: data.steps.total })}</Text>
      )}
      {data?.state === 'failed' && <ActionError error={jobError(data)} />}
      {result && (
        <Alert color="green" role="status">
          {t('accountImport.done', { created: result.created, skipped: result.skipped.length })}{' '}
          <Anchor component={Link} to="/admin/accounts">
            {t('accountImport.toAccounts')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Accounts from a spreadsheet: download the template, upload the filled file, read the preview (each
 * line's problems), confirm — a job creates the accounts and mails each an invitation to set a password.
 */
export default function AccountImportPage() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const uploadFile = useUploadAccounts();
  const confirm = useConfirmAccounts();
  const preview = confirm.data ?? uploadFile.data;
  const language = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Stack>
      <Title order={2}>{t('accountImport.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('accountImport.intro')}
      </Text>
      <Group>
        <Button
          component="a"
          href={`/api/account-imports/template?language=${language}`}
          download
          variant="light"
          leftSection={<IconDownload size={16} />}
        >
          {t('accountImport.template')}
        </Button>
      </Group>
      <Group align="flex-end">
        <FileInput
          label={t('accountImport.file')}
          placeholder={t('accountImport.choose')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          onChange={(f) => {
            setFile(f);
            uploadFile.reset();
            confirm.reset();
          }}
          w={360}
          clearable
        />
        <Button disabled={!file} loading={uploadFile.isPending} onClick={() => file && uploadFile.mutate(file)}>
          {t('accountImport.check')}
        </Button>
      </Group>
      <ActionError error={uploadFile.error ?? confirm.error} />
      {preview && (
        <Stack>
          <Group justify="space-between">
            <Text fw={600} role="status">
              {t('accountImport.summary', { ready: preview.ready, withProblems: preview.withProblems })}
            </Text>
            {preview.state === 'preview' && (
              <Button
                disabled={preview.ready === 0}
                loading={confirm.isPending}
                onClick={() => confirm.mutate(preview.id)}
              >
                {t('accountImport.confirm', { count: preview.ready })}
              </Button>
            )}
          </Group>
          {preview.jobId !== null && <Creating jobId={preview.jobId} />}
          <Preview preview={preview} />
        </Stack>
      )}
    </Stack>
  );
}
