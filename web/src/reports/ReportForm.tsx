import { hasContent } from '@giamsat/server/reports/report.rules.ts';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Progress,
  Slider,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconInfoCircle, IconSend, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, upload } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { useMe } from '../auth/useMe.ts';
import { formatDateTime, formatPercent, percentSuffix } from '../ui/format.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { ProgressLowered } from './ProgressLowered.tsx';
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
 *
 * Sending asks first, showing what will be sent: a draft may have been filled by someone else (a
 * colleague, the demo data) and must not go to the office unread. What the server would refuse (no
 * content; lower progress without a reason) is said at the field before that.
 */
export function ReportForm({
  taskId,
  existing,
  acceptedPercent,
}: {
  taskId: number;
  existing: Report | null;
  /** The progress last accepted for this body (going below it needs a reason); null: none yet. */
  acceptedPercent: number | null;
}) {
  const { t, i18n } = useTranslation();
  const maxUploadBytes = useMe().data?.limits.maxUploadBytes;
  const actions = useReportActions(taskId);
  const [report, setReport] = useState<Report | null>(existing);
  const [percent, setPercent] = useState(existing?.percent ?? acceptedPercent ?? 0);
  const [narrative, setNarrative] = useState(existing?.narrative ?? '');
  const [difficulties, setDifficulties] = useState(existing?.difficulties ?? '');
  const [recommendations, setRecommendations] = useState(existing?.recommendations ?? '');
  const [loweredReason, setLoweredReason] = useState(existing?.progressLoweredReason ?? '');
  const [linkUrl, setLinkUrl] = useState('');
  const [linkTitle, setLinkTitle] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'draft' | 'submit' | 'link' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [checked, setChecked] = useState(false);

  // Mirrors the server's progress_lowered_from (server/db/functions/accepted_progress.sql), which decides.
  const lowered = acceptedPercent !== null && percent < acceptedPercent;
  const evidence = report?.evidence ?? [];
  const contentMissing = !hasContent({ narrative, evidenceCount: evidence.length });
  const reasonMissing = lowered && loweredReason.trim() === '';
  const fields = {
    percent,
    narrative,
    difficulties,
    recommendations,
    progressLoweredReason: lowered ? loweredReason : '',
  };

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

  /** Why the dropzone refused files: too large (named, with the limit in MB), or not a kind of evidence. */
  const rejectionMessage = (rejections: FileRejection[]): string => {
    const tooLarge = rejections.filter((r) => r.errors.some((e) => e.code === 'file-too-large'));
    if (tooLarge.length === 0) return t('progress.fileRejected');
    return tooLarge.map((r) => t('progress.fileTooLarge', { name: r.file.name, maxBytes: maxUploadBytes })).join(' ');
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

  /** "Gửi báo cáo" (or Enter in a field): say what is missing, else show what will be sent and ask. */
  const onSubmit = () => {
    setChecked(true);
    if (contentMissing || reasonMissing) return;
    setError(null);
    setConfirming(true);
  };

  const onConfirm = () =>
    void run('submit', async () => {
      if (!report) {
        await actions.create.mutateAsync({ ...fields, submit: true });
      } else {
        const saved = await save();
        await actions.submit.mutateAsync({ id: saved.id, version: saved.version });
      }
      setReport(null);
      notifications.show({ color: 'green', message: t('progress.submitted') });
      // A refusal (someone changed the report meanwhile) is shown in the form, beside what to fix.
    }).finally(() => setConfirming(false));

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
          {existing?.state === 'draft' && (
            <Alert color="blue" icon={<IconInfoCircle />} data-testid="draft-notice">
              {t('progress.draftNotice', {
                author: existing.author?.name ?? '',
                at: formatDateTime(existing.updatedAt),
              })}
            </Alert>
          )}
          <div>
            <NumberInput
              label={t('progress.percent')}
              min={0}
              max={100}
              suffix={percentSuffix(i18n.language)}
              value={percent}
              onChange={(v) => setPercent(typeof v === 'number' ? Math.max(0, Math.min(100, Math.round(v))) : 0)}
              w={140}
            />
            <Slider mt="xs" value={percent} onChange={setPercent} step={5} aria-label={t('progress.percent')} />
          </div>
          {lowered && (
            <Textarea
              label={t('progress.lowered.reason')}
              description={t('progress.lowered.hint', { from: acceptedPercent, to: percent })}
              withAsterisk
              autosize
              minRows={2}
              value={loweredReason}
              error={checked && reasonMissing ? t('progress.lowered.reasonRequired') : null}
              onChange={(e) => setLoweredReason(e.currentTarget.value)}
            />
          )}
          <Textarea
            label={t('progress.narrative')}
            description={t('progress.narrativeHint')}
            autosize
            minRows={3}
            value={narrative}
            error={checked && contentMissing ? t('errors.REPORT_CONTENT_REQUIRED') : null}
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
            <EvidenceList evidence={evidence} onRemove={onRemove} />
            {uploads.map((u) => (
              <div key={u.key} data-testid="upload-progress">
                <Group justify="space-between">
                  <Text size="sm">{u.name}</Text>
                  <Text size="xs" c={u.error ? 'red' : 'dimmed'}>
                    {u.error ?? formatPercent(u.fraction, i18n.language)}
                  </Text>
                </Group>
                <Progress value={u.fraction * 100} color={u.error ? 'red' : undefined} size="sm" aria-label={u.name} />
              </div>
            ))}
            <Dropzone
              onDrop={onDrop}
              onReject={(rejections) => setError(rejectionMessage(rejections))}
              accept={{ 'application/octet-stream': ACCEPTED }}
              // Refused here, before a byte is sent, rather than by the server after the whole upload.
              maxSize={maxUploadBytes}
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
                    {t('progress.dropzoneHint', { maxBytes: maxUploadBytes })}
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
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('progress.confirm.title')}
        size="lg"
        centered
      >
        <Stack gap="sm" data-testid="report-confirm">
          <Text size="sm" c="dimmed">
            {t('progress.confirm.intro')}
          </Text>
          <Text size="sm">
            <Text span fw={600}>
              {t('progress.percent')}:
            </Text>{' '}
            {formatPercent(percent / 100, i18n.language)}
          </Text>
          <ProgressLowered
            report={{
              percent,
              progressLoweredFrom: lowered ? acceptedPercent : null,
              progressLoweredReason: loweredReason.trim(),
            }}
          />
          {[
            [t('progress.narrative'), narrative],
            [t('progress.difficulties'), difficulties],
            [t('progress.recommendations'), recommendations],
          ]
            .filter(([, text]) => text?.trim())
            .map(([label, text]) => (
              <div key={label}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {label}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={8}>
                  {text}
                </Text>
              </div>
            ))}
          <div>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('progress.evidence')}
            </Text>
            {evidence.length > 0 ? (
              <EvidenceList evidence={evidence} />
            ) : (
              <Text size="sm">{t('progress.confirm.noEvidence')}</Text>
            )}
          </div>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={busy === 'submit'}>
              {t('progress.confirm.back')}
            </Button>
            <Button leftSection={<IconSend size={16} />} onClick={onConfirm} loading={busy === 'submit'}>
              {t('progress.confirm.send')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
