// Text in → documents and tasks out. Pure: no clock, no I/O beyond reading the default registry.
import { indexFor, loadDefaultRegistry } from './bodies/registry.ts';
import { implementedNumbers } from './documents/implements.ts';
import { splitDocuments } from './documents/split-documents.ts';
import { tasksFromProse, tasksFromTables } from './tasks/extract-tasks.ts';
import { toLines } from './text/lines.ts';
import type { ExtractedDocument, ExtractedTask, ExtractionResult, ExtractOptions } from './types.ts';

const CLOSING_LINE = /^(Nơi nhận|Kính gửi)\s*:?/u;

export function extractDirectives(text: string, options: ExtractOptions = {}): ExtractionResult {
  const registry = options.registry ?? loadDefaultRegistry();
  const ix = indexFor(registry);
  const lines = toLines(String(text ?? ''));
  const regions = splitDocuments(lines);
  const warnings: string[] = [];
  const refYear = options.referenceDate ? Number(options.referenceDate.slice(0, 4)) : undefined;
  const documents: ExtractedDocument[] = regions.map((r) => {
    const year = r.date ? Number(r.date.slice(0, 4)) : refYear;
    const scope =
      r.level === 'province'
        ? /THÀNH PHỐ|THÀNH ỦY|THÀNH UỶ/u.test(
            lines
              .slice(r.headerFrom, r.headerTo)
              .map((l) => l.text)
              .join(' '),
          )
          ? 'Thành phố'
          : 'tỉnh'
        : undefined;
    const ctx = { ix, year, scope };
    const tasks: ExtractedTask[] = [];
    const implementsSet: string[] = [];
    r.bodyRanges.forEach(([from, to], k) => {
      // The body ends at "Nơi nhận:" (the addressees and the signature follow).
      let end = to;
      for (let i = from; i < to; i++) {
        const t = lines[i]?.text.trim() ?? '';
        if (CLOSING_LINE.test(t) && /^Nơi nhận/u.test(t)) {
          end = i;
          break;
        }
      }
      // The addressees ("Kính gửi: - …" and the dashes under it) are not items of the document.
      const slice: typeof lines = [];
      let inAddress = false;
      for (const l of lines.slice(from, end)) {
        const t = l.text.trim();
        if (/^Kính gửi/u.test(t)) inAddress = true;
        else if (!t || !/^[-–]/u.test(t)) inAddress = false;
        if (!inAddress) slice.push(l);
      }
      if (k === 0) {
        // The opening "Thực hiện …/Triển khai …" paragraphs, before the first numbered part.
        for (const l of lines.slice(Math.max(0, r.headerFrom), end).slice(0, 40)) {
          for (const n of implementedNumbers(l.text))
            if (!implementsSet.includes(n) && n !== r.number) implementsSet.push(n);
        }
      }
      const prefix = k === 0 ? '' : 'Phụ lục';
      tasks.push(...tasksFromProse(slice, ctx, prefix), ...tasksFromTables(slice, ctx, prefix));
    });
    tasks.sort((a, b) => a.line - b.line);
    return {
      number: r.number,
      type: r.type,
      date: r.date,
      issuer: r.issuer,
      level: r.level,
      title: r.title,
      implements: implementsSet,
      startsAtLine: r.startsAtLine,
      tasks,
    };
  });
  if (documents.every((d) => d.tasks.length === 0)) warnings.push('no tasks found');
  return { documents, warnings };
}
