// The corpus bar: on every real directive in ../shared/corpus, the scorer must report
// tasks F1 ≥ 0.95, lead ≥ 0.90 and deadline ≥ 0.95.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreCorpus } from '../scripts/score-corpus.ts';

const corpusDir = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const scorer = fileURLToPath(new URL('../../../../shared/eval/score-extraction.mjs', import.meta.url));
const present = existsSync(corpusDir) && existsSync(scorer);

function metric(line: string, name: string): number {
  const m = new RegExp(`${name} (\\d+\\.\\d+)`).exec(line);
  if (!m?.[1]) throw new Error(`no ${name} in: ${line}`);
  return Number(m[1]);
}

describe.skipIf(!present)('corpus scores (../shared/corpus)', () => {
  const results = present ? scoreCorpus(false) : [];

  it('has gold files to score', () => {
    expect(results.length).toBeGreaterThan(0);
  });

  for (const r of results) {
    it(`${r.file} meets the bar`, () => {
      const summary = r.output.trim().split('\n').pop() ?? '';
      expect(metric(summary, 'tasks F1'), summary).toBeGreaterThanOrEqual(0.95);
      expect(metric(summary, 'lead'), summary).toBeGreaterThanOrEqual(0.9);
      expect(metric(summary, 'deadline'), summary).toBeGreaterThanOrEqual(0.95);
    });
  }
});

if (!present) {
  describe('corpus scores', () => {
    it.skip(`skipped: ${corpusDir} or the scorer is absent (the shared corpus is not checked out)`, () => {});
  });
}
