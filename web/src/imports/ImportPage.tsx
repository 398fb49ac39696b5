import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconAlertCircle, IconClipboardText, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../api/errors.ts';
import { formatPercent } from '../ui/format.ts';
import { RowsTable } from '../ui/RowsTable.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { type ImportResult, type Job, jobError, useJob, useStartImport } from './useImport.ts';

// The kinds the server's import route takes (old Word kinds are read through LibreOffice).
const ACCEPT = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/msword': ['.doc'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/rtf': ['.rtf'],
  'text/rtf': ['.rtf'],
  'application/pdf': ['.pdf'],
  'text/plain': ['.txt'],
  'text/markdown': ['.md'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/csv': ['.csv'],
};

function ResultTable({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="import-result">
      <RowsTable
        columns={[
          t('directives.fields.number'),
          t('directives.fields.type'),
          t('imports.result.tasks'),
          t('imports.result.outcome'),
          null,
        ]}
      >
        {result.documents.map((doc, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: documents of one file may share a missing number
          <Table.Tr key={index}>
            <Table.Td fw={600}>{doc.number ?? t('tasks.directiveUnnumbered')}</Table.Td>
            <Table.Td>{doc.type ?? '—'}</Table.Td>
            <Table.Td>{doc.taskCount}</Table.Td>
            <Table.Td>
              <Badge
                variant="light"
                color={doc.outcome === 'created' ? 'green' : doc.outcome === 'already_imported' ? 'blue' : 'gray'}
              >
                {t(`imports.outcome.${doc.outcome}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {doc.directiveId !== null && (
                <Button component={Link} to={`/directives/${doc.directiveId}`} size="xs" variant="light">
                  {doc.outcome === 'created' ? t('imports.result.review') : t('imports.result.open')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </RowsTable>
      {result.documents.some((doc) => doc.outcome === 'created' && doc.taskCount === 0) && (
        <Alert color="yellow" data-testid="import-no-tasks">
          <Text size="sm">{t('imports.result.noTasksFound')}</Text>
        </Alert>
      )}
      {result.unknownBodies.length > 0 && (
        <Alert color="orange" title={t('imports.result.unknownBodies', { count: result.unknownBodies.length })}>
          <Text size="sm">{result.unknownBodies.join('; ')}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t('imports.result.unknownBodiesHint')}
          </Text>
        </Alert>
      )}
      {result.warnings.length > 0 && (
        <Alert color="gray" title={t('imports.result.warnings')}>
          {result.warnings.map((warning) => (
            <Text size="xs" key={warning}>
              {t(`imports.warnings.${warning}`, { defaultValue: warning })}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}

/** The extraction job, followed until it ends: a progress bar, then the drafts it made or why it failed. */
function JobProgress({ jobId, onRestart }: { jobId: number; onRestart: () => void }) {
  const { t, i18n } = useTranslation();
  const job = useJob(jobId);
  if (job.isPending) return <LoadingState />;
  if (job.error) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const data: Job = job.data;
  const finished = data.state === 'succeeded' || data.state === 'failed';
  const failure = jobError(data);
  return (
    <Card withBorder data-testid="import-job" data-state={data.state}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t(`imports.state.${data.state}`)}</Text>
          <Text size="sm" c="dimmed">
            {data.steps && (
              <Text span size="sm" mr="sm" data-testid="import-pages">
                {t('imports.pagesRead', data.steps)}
              </Text>
            )}
            {formatPercent(data.progress / 100, i18n.language)}
          </Text>
        </Group>
        <Progress
          value={data.progress}
          size="lg"
          animated={!finished}
          color={data.state === 'failed' ? 'red' : data.state === 'succeeded' ? 'green' : undefined}
          aria-label={t('imports.progressLabel', { percent: data.progress })}
        />
        {data.progressMessage && !finished && (
          <Text size="sm" c="dimmed" role="status">
            {t(`imports.step.${data.progressMessage}`, { defaultValue: data.progressMessage })}
          </Text>
        )}
        {failure && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('imports.failed')} role="alert">
            <Text size="sm">{errorMessage(t, failure)}</Text>
            {typeof failure.params.reason === 'string' && (
              <Text size="sm">{t(`imports.reasons.${failure.params.reason}`, { defaultValue: '' })}</Text>
            )}
          </Alert>
        )}
        {data.state === 'succeeded' && data.result !== null && <ResultTable result={data.result as ImportResult} />}
        {finished && (
          <Group>
            <Button variant="subtle" onClick={onRestart}>
              {t('imports.another')}
            </Button>
            <Anchor component={Link} to="/directives?status=draft" size="sm">
              {t('imports.drafts')}
            </Anchor>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** Upload a directive file (or paste its text); it is read in the background, then reviewed. */
export default function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = Number(params.get('job')) || null;
  const [programmeCode, setProgrammeCode] = useState('');
  const [text, setText] = useState('');
  const [rejected, setRejected] = useState(false);
  const { file, paste, uploaded } = useStartImport();
  const follow = (id: number) => setParams({ job: String(id) });

  return (
    <Stack maw={960}>
      <Title order={2}>{t('imports.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('imports.intro')}
      </Text>
      {jobId !== null ? (
        <JobProgress jobId={jobId} onRestart={() => setParams({})} />
      ) : (
        <Card withBorder>
          <Stack>
            <TextInput
              label={t('imports.programme')}
              description={t('imports.programmeHint')}
              value={programmeCode}
              onChange={(e) => setProgrammeCode(e.currentTarget.value.trim())}
              w={260}
            />
            <Tabs defaultValue="file">
              <Tabs.List>
                <Tabs.Tab value="file" leftSection={<IconFileUpload size={16} />}>
                  {t('imports.tabs.file')}
                </Tabs.Tab>
                <Tabs.Tab value="paste" leftSection={<IconClipboardText size={16} />}>
                  {t('imports.tabs.paste')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="file" pt="md">
                <Stack gap="sm">
                  <Dropzone
                    onDrop={(files) => {
                      setRejected(false);
                      const [picked] = files;
                      if (picked) {
                        file.mutate(
                          { file: picked, programmeCode },
                          { onSuccess: (accepted) => follow(accepted.jobId) },
                        );
                      }
                    }}
                    onReject={() => setRejected(true)}
                    accept={ACCEPT}
                    multiple={false}
                    loading={file.isPending}
                    data-testid="import-dropzone"
                  >
                    <Group justify="center" gap="md" mih={140} style={{ pointerEvents: 'none' }}>
                      <IconUpload size={40} stroke={1.5} aria-hidden />
                      <Stack gap={2}>
                        <Text size="lg">{t('imports.dropzone')}</Text>
                        <Text size="sm" c="dimmed">
                          {t('imports.dropzoneHint')}
                        </Text>
                      </Stack>
                    </Group>
                  </Dropzone>
                  {file.isPending && <Progress value={uploaded * 100} aria-label={t('imports.uploading')} size="sm" />}
                  {rejected && (
                    <Alert color="red" role="alert">
                      {t('imports.rejected')}
                    </Alert>
                  )}
                  {file.error && <ErrorState error={file.error} />}
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="paste" pt="md">
                <Stack gap="sm">
                  <Textarea
                    label={t('imports.pasteLabel')}
                    description={t('imports.pasteHint')}
                    value={text}
                    onChange={(e) => setText(e.currentTarget.value)}
                    autosize
                    minRows={10}
                    maxRows={24}
                  />
                  <Group>
                    <Button
                      disabled={!text.trim()}
                      loading={paste.isPending}
                      onClick={() =>
                        paste.mutate(
                          { text, ...(programmeCode ? { programmeCode } : {}) },
                          { onSuccess: (accepted) => follow(accepted.jobId) },
                        )
                      }
                    >
                      {t('imports.pasteSubmit')}
                    </Button>
                  </Group>
                  {paste.error && <ErrorState error={paste.error} />}
                </Stack>
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
