import { Box, ScrollArea, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui/states.tsx';

/** Lines `from` (1-based) up to but not including `to`; `to` null means to the end of the text. */
export interface LineSpan {
  from: number;
  to: number | null;
}

/**
 * The directive's text as the extractor read it, line-numbered, with the selected task's span
 * highlighted and scrolled into view; clicking a line picks the task that line belongs to.
 */
export function SourceView({
  text,
  highlight,
  onLineClick,
  height,
}: {
  text: string | null;
  highlight: LineSpan | null;
  onLineClick?: (line: number) => void;
  height: number | string;
}) {
  const { t } = useTranslation();
  const lines = useMemo(() => sourceLines(text), [text]);
  const viewport = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!highlight || !viewport.current) return;
    const target = viewport.current.querySelector<HTMLElement>(`[data-line="${highlight.from}"]`);
    if (target) {
      viewport.current.scrollTo({ top: Math.max(0, target.offsetTop - 48), behavior: 'smooth' });
    }
  }, [highlight]);

  if (!text) return <EmptyState>{t('directives.review.noSource')}</EmptyState>;
  const inSpan = (line: number) =>
    highlight !== null && line >= highlight.from && (highlight.to === null || line < highlight.to);

  return (
    <ScrollArea h={height} viewportRef={viewport} type="auto" data-testid="source-view">
      <Box component="ol" m={0} p={0} style={{ listStyle: 'none', position: 'relative' }}>
        {lines.map((content, index) => {
          const line = index + 1;
          const marked = inSpan(line);
          return (
            <Box
              component="li"
              key={line}
              data-line={line}
              data-highlighted={marked || undefined}
              onClick={onLineClick ? () => onLineClick(line) : undefined}
              style={{
                display: 'grid',
                gridTemplateColumns: '3.2em 1fr',
                gap: 8,
                padding: '1px 6px',
                cursor: onLineClick ? 'pointer' : undefined,
                background: marked ? 'var(--mantine-color-yellow-1)' : undefined,
                borderLeft: marked ? '3px solid var(--mantine-color-yellow-6)' : '3px solid transparent',
              }}
            >
              <Text component="span" size="xs" c="dimmed" ta="right" style={{ userSelect: 'none' }} aria-hidden>
                {line}
              </Text>
              <Text component="span" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {content || '\u00a0'}
              </Text>
            </Box>
          );
        })}
      </Box>
    </ScrollArea>
  );
}

/** A task runs at most this far: past it, the lines before the next task are headings and background. */
const MAX_SPAN_LINES = 40;

/** What a source line and a task's text have in common once markup, bullets and spacing are set aside. */
function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[*_`#|<>]/g, ' ')
    .replace(/^\s*(?:[-+•]|\(?\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVX]+[.)])\s*/iu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The lines of the task starting at `line`: that line, then each following one whose words are part of
 * the task's own text, never past the next task's start. Lines between the task and the next one that
 * are not in its text (the next section's heading, its background) stay unmarked.
 */
export function spanOf(
  line: number | null,
  allLines: (number | null)[],
  taskText: string,
  lines: readonly string[],
): LineSpan | null {
  if (line === null) return null;
  const later = allLines.filter((l): l is number => l !== null && l > line);
  const limit = Math.min(later.length ? Math.min(...later) : line + MAX_SPAN_LINES, line + MAX_SPAN_LINES);
  const text = comparable(taskText);
  let end = line + 1;
  while (end < limit) {
    const probe = comparable(lines[end - 1] ?? '').slice(0, 40);
    if (probe.length < 4 || !text.includes(probe)) break;
    end++;
  }
  return { from: line, to: end };
}

/** The text as SourceView numbers its lines. */
export function sourceLines(text: string | null): string[] {
  return (text ?? '').replace(/\r\n?/g, '\n').split('\n');
}
