import { Image, Pagination, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The page (1-based) a line of the recognised text was read from. */
export function pageOfLine(pages: readonly { page: number; startsAtLine: number }[], line: number | null): number {
  if (line === null) return pages[0]?.page ?? 1;
  return [...pages].reverse().find((p) => p.startsAtLine <= line)?.page ?? pages[0]?.page ?? 1;
}

/**
 * One page of a scanned source, as the image OCR read, shown beside the text recognised from it so the
 * reviewer can check a doubtful word against the paper. The image is served only to who may see the draft.
 */
export function ScanPageView({
  directiveId,
  pages,
  page,
  onPage,
  height,
}: {
  directiveId: number;
  pages: readonly { page: number; startsAtLine: number }[];
  page: number;
  onPage: (page: number) => void;
  height: number | string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="scan-page" data-page={page}>
      <Text size="xs" c="dimmed">
        {t('extraction.scan.page', { page, total: pages.length })} · {t('extraction.scan.hint')}
      </Text>
      {pages.length > 1 && <Pagination size="xs" total={pages.length} value={page} onChange={onPage} />}
      <div style={{ height, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)' }}>
        <Image
          src={`/api/directives/${directiveId}/source/pages/${page}`}
          alt={t('extraction.scan.alt', { page })}
          fit="contain"
          w="100%"
        />
      </div>
    </Stack>
  );
}
