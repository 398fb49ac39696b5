import type { ReportState } from '@giamsat/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  type MantineColor,
  Progress,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import { IconArrowBackUp, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatPercent } from '../ui/format.ts';
import { ActionError } from '../ui/states.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { ProgressLowered } from './ProgressLowered.tsx';
import { type Report, useReportActions } from './useReports.ts';

export const STATE_COLORS: Record<ReportState, MantineColor> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};

function Paragraph({ label, text }: { label: string; text: string }) {
  if (!text) return null;
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </div>
  );
}

/**
 * One report as the task's readers see it; the reviewer accepts or returns it here. `managesTask`: the
 * reader manages the task's directive — but a report of the reader's own body goes to someone else.
 */
export function ReportCard({ report, managesTask }: { report: Report; managesTask: boolean }) {
  const { t, i18n } = useTranslation();
  const { review } = useReportActions(report.taskId);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  // The evidence the reviewer makes public on acceptance: none unless switched on, item by item.
  const [publicIds, setPublicIds] = useState<ReadonlySet<number>>(new Set());
  const togglePublic = (id: number, on: boolean) =>
    setPublicIds((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const decide = (decision: 'accept' | 'return') => {
    if (decision === 'return' && !comment.trim()) {
      setCommentError(t('progress.returnCommentRequired'));
      return;
    }
    setCommentError(null);
    review.mutate(
      {
        id: report.id,
        decision,
        comment: comment.trim() || undefined,
        version: report.version,
        ...(decision === 'accept' && publicIds.size ? { publicEvidenceIds: [...publicIds] } : {}),
      },
      {
        onSuccess: () => {
          setComment('');
          setPublicIds(new Set());
        },
      },
    );
  };

  return (
    <Card withBorder data-testid={`report-${report.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Badge color={STATE_COLORS[report.state]} variant="light">
              {t(`reportState.${report.state}`)}
            </Badge>
            <Text size="sm" fw={600}>
              {report.agency.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`tasks.roles.${report.agencyRole}`)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {report.author?.name} · {formatDateTime(report.submittedAt ?? report.updatedAt)}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Progress
            value={report.percent}
            style={{ flex: 1 }}
            aria-label={formatPercent(report.percent / 100, i18n.language)}
          />
          <Text size="sm" fw={600}>
            {formatPercent(report.percent / 100, i18n.language)}
          </Text>
        </Group>
        <ProgressLowered report={report} />
        <Paragraph label={t('progress.narrative')} text={report.narrative} />
        <Paragraph label={t('progress.difficulties')} text={report.difficulties} />
        <Paragraph label={t('progress.recommendations')} text={report.recommendations} />
        <EvidenceList evidence={report.evidence} />
        {report.reviewComment && (
          <Alert color={report.state === 'accepted' ? 'green' : 'orange'} title={t('progress.reviewComment')}>
            <Text size="sm">{report.reviewComment}</Text>
            <Text size="xs" c="dimmed">
              {report.reviewer?.name} · {formatDateTime(report.reviewedAt)}
            </Text>
          </Alert>
        )}
        {managesTask && !report.abilities.canReview && report.state === 'submitted' && (
          <Text size="sm" c="dimmed" data-testid="own-body-report">
            {t('progress.ownBodyReport')}
          </Text>
        )}
        {report.abilities.canReview && report.state === 'submitted' && (
          <Stack gap="xs">
            {report.evidence.length > 0 && (
              <Stack gap={6} data-testid="public-evidence">
                <Text size="sm" fw={600}>
                  {t('progress.publicEvidence.title')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('progress.publicEvidence.hint')}
                </Text>
                {report.evidence.map((item) => (
                  <Switch
                    key={item.id}
                    size="sm"
                    checked={publicIds.has(item.id)}
                    onChange={(e) => togglePublic(item.id, e.currentTarget.checked)}
                    label={t('progress.publicEvidence.switch', {
                      name: item.file?.filename ?? (item.title || item.url),
                    })}
                  />
                ))}
              </Stack>
            )}
            <Textarea
              label={t('progress.reviewCommentLabel')}
              autosize
              minRows={2}
              value={comment}
              error={commentError}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <ActionError error={review.error} />
            <Group justify="flex-end">
              <Button
                variant="default"
                color="orange"
                leftSection={<IconArrowBackUp size={16} />}
                onClick={() => decide('return')}
                loading={review.isPending && review.variables?.decision === 'return'}
              >
                {t('progress.return')}
              </Button>
              <Button
                color="green"
                leftSection={<IconCheck size={16} />}
                onClick={() => decide('accept')}
                loading={review.isPending && review.variables?.decision === 'accept'}
              >
                {t('progress.accept')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
