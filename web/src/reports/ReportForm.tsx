import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  Slider,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconSend, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, upload } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { type Report, useReportActions } from './useReports.ts';

interface Upload {
  key: string;
  name: string;
  fraction: number;
  error: string | null;
}

/** Extensions the server accepts as evidence (it also checks the bytes). */
const ACCEPTED = [
  '.pdf',
  '.docx',
  '.xlsx',
  '.pptx',
  '.doc',
  '.xls',
  '.odt',
  '.png',
  '.jpg',
  '.jpeg',
  '.zip',
  '.txt',
  '.csv',
];

/**
 * The body's progress report on a task: a new one, or its draft / returned report being finished.
 * Evidence needs a report to hang on, so the first file or link saves a draft.
 */
export function ReportForm({
  taskId,
  existing,
  currentPercent,
}: {
  taskId: number;
  existing: Report | null;
  currentPercent: number;
}) {
  const { t } = useTranslation();
  const actions = useReportActions(taskId);
  const [report, setReport] = useState<Report | null>(existing);
  const [percent, setPercent] = useState(existing?.percent ?? currentPercent);
  const [narrative, setNarrative] = useState(existing?.narrative ?? '');
  const [difficulties, setDifficulties] = useState(existing?.difficulties ?? '');
  const [recommendations, setRecommendations] = useState(existing?.recommendations ?? '');
  const [linkUrl, setLinkUrl] = useState('');
  const [linkTitle, setLinkTitle] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'draft' | 'submit' | 'link' | null>(null);

  const fields = { percent, narrative, difficulties, recommendations };

  // The server's copy (refetched after every change) brings evidence and the version; what is typed stays.
  useEffect(() => {
    if (existing && (!report || (existing.id === report.id && existing.version >= report.version))) {
      setReport(existing);
    }
  }, [existing, report]);

  /** Saves what is typed: creates the draft, or updates it (with the version we saw). */
  const save = async (): Promise<Report> => {
    if (!report) {
      const created = await actions.create.mutateAsync({ ...fields, submit: false });
      setReport(created);
      return created;
    }
    const updated = await actions.update.mutateAsync({ id: report.id, version: report.version, ...fields });
    setReport(updated);
    return updated;
  };

  const refresh = async (id: number): Promise<Report> => {
    const fresh = await api.get<Report>(`/api/reports/${id}`);
    setReport(fresh);
    return fresh;
  };

  const run = async (kind: 'draft' | 'submit' | 'link', work: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (files: File[]) =>
    void run('draft', async () => {
      const target = report ?? (await save());
      const queued = files.map((file, i) => ({
        key: `${Date.now()}-${i}-${file.name}`,
        name: file.name,
        fraction: 0,
        error: null,
      }));
      setUploads((previous) => [...previous, ...queued]);
      for (const [i, file] of files.entries()) {
        const key = queued[i]?.key;
        const form = new FormData();
        form.append('file', file, file.name);
        try {
          await upload(`/api/reports/${target.id}/evidence`, form, (fraction) =>
            setUploads((previous) => previous.map((u) => (u.key === key ? { ...u, fraction } : u))),
          );
          setUploads((previous) => previous.filter((u) => u.key !== key));
        } catch (e) {
          setUploads((previous) => previous.map((u) => (u.key === key ? { ...u, error: errorMessage(t, e) } : u)));
        }
      }
      await refresh(target.id);
      await actions.invalidate();
    });

  const onAddLink = () =>
    void run('link', async () => {
      const target = report ?? (await save());
      await actions.addLink.mutateAsync({ id: target.id, url: linkUrl.trim(), title: linkTitle.trim() });
      setLinkUrl('');
      setLinkTitle('');
      await refresh(target.id);
    });

  const onRemove = (evidenceId: number) =>
    void run('draft', async () => {
      if (!report) return;
      await actions.removeEvidence.mutateAsync(evidenceId);
      await refresh(report.id);
    });

  const onSaveDraft = () =>
    void run('draft', async () => {
      await save();
      notifications.show({ color: 'green', message: t('progress.draftSaved') });
    });

  const onSubmit = () =>
    void run('submit', async () => {
      if (!report) {
        await actions.create.mutateAsync({ ...fields, submit: true });
      } else {
        const saved = await save();
        await actions.submit.mutateAsync({ id: saved.id, version: saved.version });
      }
      setReport(null);
      notifications.show({ color: 'green', message: t('progress.submitted') });
    });

  return (
    <Card withBorder component="section" aria-labelledby="report-form-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h4" id="report-form-title">
              {report?.state === 'returned' ? t('progress.resubmitTitle') : t('progress.formTitle')}
            </Title>
            {report && (
              <Text size="sm" c="dimmed">
                {t(`reportState.${report.state}`)}
              </Text>
            )}
          </Group>
          {report?.state === 'returned' && report.reviewComment && (
            <Alert color="orange" title={t('progress.returnedBecause')}>
              {report.reviewComment}
            </Alert>
          )}
          <div>
            <NumberInput
              label={t('progress.percent')}
              min={0}
              max={100}
              suffix="%"
              value={percent}
              onChange={(v) => setPercent(typeof v === 'number' ? Math.max(0, Math.min(100, Math.round(v))) : 0)}
              w={140}
            />
            <Slider mt="xs" value={percent} onChange={setPercent} step={5} aria-label={t('progress.percent')} />
          </div>
          <Textarea
            label={t('progress.narrative')}
            description={t('progress.narrativeHint')}
            autosize
            minRows={3}
            value={narrative}
            onChange={(e) => setNarrative(e.currentTarget.value)}
          />
          <Textarea
            label={t('progress.difficulties')}
            autosize
            minRows={2}
            value={difficulties}
            onChange={(e) => setDifficulties(e.currentTarget.value)}
          />
          <Textarea
            label={t('progress.recommendations')}
            autosize
            minRows={2}
            value={recommendations}
            onChange={(e) => setRecommendations(e.currentTarget.value)}
          />

          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t('progress.evidence')}
            </Text>
            <EvidenceList evidence={report?.evidence ?? []} onRemove={onRemove} />
            {uploads.map((u) => (
              <div key={u.key} data-testid="upload-progress">
                <Group justify="space-between">
                  <Text size="sm">{u.name}</Text>
                  <Text size="xs" c={u.error ? 'red' : 'dimmed'}>
                    {u.error ?? `${Math.round(u.fraction * 100)}%`}
                  </Text>
                </Group>
                <Progress value={u.fraction * 100} color={u.error ? 'red' : undefined} size="sm" aria-label={u.name} />
              </div>
            ))}
            <Dropzone
              onDrop={onDrop}
              onReject={() => setError(t('progress.fileRejected'))}
              accept={{ 'application/octet-stream': ACCEPTED }}
              multiple
              loading={busy === 'draft' && uploads.length > 0}
              aria-label={t('progress.dropzone')}
              data-testid="evidence-dropzone"
            >
              <Group justify="center" gap="sm" mih={70} style={{ pointerEvents: 'none' }}>
                <IconUpload size={28} aria-hidden />
                <div>
                  <Text size="sm">{t('progress.dropzone')}</Text>
                  <Text size="xs" c="dimmed">
                    {t('progress.dropzoneHint')}
                  </Text>
                </div>
              </Group>
            </Dropzone>
            <Group align="flex-end" gap="xs" wrap="wrap">
              <TextInput
                label={t('progress.linkUrl')}
                placeholder="https://"
                type="url"
                value={linkUrl}
                onChange={(e) => setLinkUrl(e.currentTarget.value)}
                style={{ flex: 2, minWidth: 200 }}
              />
              <TextInput
                label={t('progress.linkTitle')}
                value={linkTitle}
                onChange={(e) => setLinkTitle(e.currentTarget.value)}
                style={{ flex: 1, minWidth: 150 }}
              />
              <Button variant="default" onClick={onAddLink} disabled={!linkUrl.trim()} loading={busy === 'link'}>
                {t('progress.addLink')}
              </Button>
            </Group>
          </Stack>

          {error !== null && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {typeof error === 'string' ? error : errorMessage(t, error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onSaveDraft} loading={busy === 'draft'} disabled={busy !== null}>
              {t('progress.saveDraft')}
            </Button>
            <Button
              type="submit"
              leftSection={<IconSend size={16} />}
              loading={busy === 'submit'}
              disabled={busy !== null}
            >
              {t('progress.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
