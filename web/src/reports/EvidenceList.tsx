import { ActionIcon, Anchor, Badge, Group, List, Text } from '@mantine/core';
import { IconFile, IconLink, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../ui/format.ts';
import type { Report } from './useReports.ts';

export function EvidenceList({
  evidence,
  onRemove,
}: {
  evidence: Report['evidence'];
  onRemove?: (evidenceId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  if (evidence.length === 0) return null;
  return (
    <List spacing={4} size="sm" listStyleType="none" aria-label={t('progress.evidence')}>
      {evidence.map((item) => (
        <List.Item key={item.id}>
          <Group gap={6} wrap="nowrap">
            {item.kind === 'file' ? <IconFile size={16} aria-hidden /> : <IconLink size={16} aria-hidden />}
            {item.kind === 'file' && item.downloadUrl ? (
              <Anchor href={item.downloadUrl} size="sm">
                {item.file?.filename ?? item.title}
              </Anchor>
            ) : (
              <Anchor href={item.url ?? '#'} target="_blank" rel="noopener noreferrer" size="sm">
                {item.title || item.url}
              </Anchor>
            )}
            {item.file && (
              <Text size="xs" c="dimmed">
                {formatFileSize(item.file.sizeBytes, i18n.language)}
              </Text>
            )}
            {item.public && (
              <Badge size="xs" variant="light" color="teal" tt="none">
                {t('progress.publicEvidence.badge')}
              </Badge>
            )}
            {onRemove && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t('progress.removeEvidence', { name: item.file?.filename ?? item.title })}
                onClick={() => onRemove(item.id)}
              >
                <IconTrash size={14} />
              </ActionIcon>
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
