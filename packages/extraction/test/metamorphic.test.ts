// Tests that catch rules fitted to one shape: the same document written another way must give the
// same tasks. Each corpus file and each of the library's own test documents is rewritten — as
// Markdown, with its table headers reworded by synonyms, its table columns reordered, its numbering
// in another style, all of these at once, and (own documents) as a .docx — and the tasks of each form
// are scored against the tasks of the plain text by the shared scorer: F1 ≥ 0.98, and the same leads
// and deadlines.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownDocumentsDir, scorerPath } from '../scripts/score-corpus.ts';
import { extractDirectives } from '../src/extract.ts';
import { extractFromFile } from '../src/input/index.ts';
import { toJson } from '../src/json.ts';
import type { ExtractionResult } from '../src/types.ts';
import { buildDocx, corpusFiles } from './input-fixtures.ts';

/** The plain text's extraction as a gold file: what every other form must give. */
function asGold(result: ExtractionResult) {
  return {
    documents: result.documents.map((d) => ({
      number: d.number,
      date: d.date,
      level: d.level,
      implements: d.implements,
      tasks: d.tasks.map((t) => ({
        ref: t.ref,
        line: t.line,
        text_start: t.text.replace(/^\(\w+\)\s*/, '').slice(0, 60),
        lead: t.lead,
        coordinating: t.coordinating,
        deadline: t.deadline,
      })),
    })),
  };
}

const out = mkdtempSync(join(tmpdir(), 'giamsat-metamorphic-'));
let n = 0;
function score(gold: unknown, predicted: ExtractionResult): Record<string, number> {
  const g = join(out, `${++n}.gold.json`);
  const p = join(out, `${n}.pred.json`);
  writeFileSync(g, JSON.stringify(gold));
  writeFileSync(p, JSON.stringify(toJson(predicted)));
  const summary =
    execFileSync(process.execPath, [scorerPath, g, p], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  const figure = (name: string) => Number(new RegExp(`${name} (\\d+\\.\\d+)`).exec(summary)?.[1] ?? Number.NaN);
  return {
    f1: figure('tasks F1'),
    lead: figure('lead'),
    deadline: figure('deadline'),
    coordinating: figure('coordinating'),
  };
}

// ── The rewritings ─────────────────────────────────────────────────────────────────────────────
const isRow = (line: string) => line.includes('\t') && line.split('\t').length >= 3;

/** TAB tables as Markdown pipe tables (a separator under each table's first row), Roman headings as "##". */
function asMarkdown(text: string): string {
  const lines = text.split('\n');
  const md: string[] = [];
  lines.forEach((line, i) => {
    if (line.includes('\t')) {
      const cells = line.split('\t');
      md.push(`| ${cells.join(' | ')} |`);
      if (!lines[i - 1]?.includes('\t')) md.push(`|${cells.map(() => ' --- ').join('|')}|`);
    } else md.push(/^(I|II|III|IV|V|VI)\.\s/u.test(line) ? `## ${line}` : line);
  });
  return md.join('\n');
}

const SYNONYMS: Array<[RegExp, string]> = [
  [/^STT$/u, 'TT'],
  [/^Nội dung nhiệm vụ$/u, 'Tên nhiệm vụ'],
  [/^Nội dung$/u, 'Nội dung công việc'],
  [/^Nhiệm vụ$/u, 'Công việc'],
  [/^Tên nhiệm vụ$/u, 'Nội dung nhiệm vụ'],
  [/^Cơ quan chủ trì$/u, 'Đơn vị chủ trì thực hiện'],
  [/^Cơ quan phối hợp$/u, 'Đơn vị phối hợp'],
  [/^Đơn vị thực hiện$/u, 'Cơ quan chủ trì'],
  [/^Đơn vị phối hợp$/u, 'Cơ quan phối hợp'],
  [/^Hạn hoàn thành$/u, 'Thời hạn'],
  [/^Thời gian hoàn thành$/u, 'Hạn hoàn thành'],
  [/^Thời gian thực hiện$/u, 'Thời hạn hoàn thành'],
  [/^Thời hạn$/u, 'Thời gian hoàn thành'],
  [/^Ghi chú$/u, 'Chú thích'],
  [/^Sản phẩm$/u, 'Kết quả đầu ra'],
  [/^Kết quả đầu ra$/u, 'Sản phẩm'],
];
/** Header cells reworded: every cell of a row is tried against the synonyms; data cells never match. */
function withSynonyms(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      isRow(line)
        ? line
            .split('\t')
            .map((cell) => {
              const plain = cell.replace(/\*\*/g, '').trim();
              const hit = SYNONYMS.find(([re]) => re.test(plain));
              return hit ? hit[1] : cell;
            })
            .join('\t')
        : line,
    )
    .join('\n');
}

/** Every table's columns after the first in reverse order. */
function reordered(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!isRow(line)) return line;
      const [first = '', ...rest] = line.split('\t');
      return [first, ...rest.reverse()].join('\t');
    })
    .join('\n');
}

/** "I." → "I-", "1." → "1)", "- " → "– ": the other numbering styles of the same levels. */
function renumbered(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.includes('\t')
        ? line
        : line
            .replace(/^(\*\*|#+\s*)?(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s/u, '$1$2- ')
            .replace(/^(\*\*)?(\d{1,2})\.\s/u, '$1$2) ')
            .replace(/^- /u, '– '),
    )
    .join('\n');
}

const FORMS: Array<[string, (text: string) => string]> = [
  ['Markdown', asMarkdown],
  ['header synonyms', withSynonyms],
  ['columns reordered', reordered],
  ['numbering restyled', renumbered],
  ['all at once', (t) => asMarkdown(renumbered(reordered(withSynonyms(t))))],
];

const own = existsSync(ownDocumentsDir)
  ? readdirSync(ownDocumentsDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(ownDocumentsDir, f))
  : [];
const documents = [...corpusFiles(), ...own];

describe.skipIf(!existsSync(scorerPath))('the same document in other forms gives the same tasks', () => {
  for (const path of documents) {
    const name = basename(path);
    const text = readFileSync(path, 'utf8');
    const gold = asGold(extractDirectives(text));
    for (const [form, rewrite] of FORMS) {
      it(`${name}: ${form}`, () => {
        const s = score(gold, extractDirectives(rewrite(text)));
        expect(s.f1, `${form}: ${JSON.stringify(s)}`).toBeGreaterThanOrEqual(0.98);
        expect(s.lead, `${form}: ${JSON.stringify(s)}`).toBeGreaterThanOrEqual(0.98);
        expect(s.deadline, `${form}: ${JSON.stringify(s)}`).toBeGreaterThanOrEqual(0.98);
      });
    }
  }
  for (const path of own) {
    it(`${basename(path)}: as a .docx`, { timeout: 60_000 }, async () => {
      const text = readFileSync(path, 'utf8');
      const gold = asGold(extractDirectives(text));
      const docx = await extractFromFile(await buildDocx(text), basename(path).replace(/\.txt$/, '.docx'));
      const s = score(gold, docx.result);
      expect(s.f1, JSON.stringify(s)).toBeGreaterThanOrEqual(0.98);
      expect(s.lead, JSON.stringify(s)).toBeGreaterThanOrEqual(0.98);
      expect(s.deadline, JSON.stringify(s)).toBeGreaterThanOrEqual(0.98);
    });
  }
});
