// The library's own test documents (test/documents): document types the shared corpus does not have —
// a Prime Minister's telegram and directive (Chỉ thị), a Government resolution with its action programme
// and appendix, a province's decision with its plan, a
// Government Office conclusion notice, a commune's and a province's letters, a Party committee's plan,
// a province's action programme with a table of targets, a province Party standing committee's plan,
// two telegrams as the press prints them (no title block), a Government Office letter to the offices of
// ministries and provinces, a commune's notice with no number —
// written in the official formats, with gold files in the corpus format, scored by the shared scorer.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownDocumentsDir, scoreCorpus, scorerPath } from '../scripts/score-corpus.ts';

function metric(line: string, name: string): number {
  const m = new RegExp(`${name} (\\d+\\.\\d+)`).exec(line);
  if (!m?.[1]) throw new Error(`no ${name} in: ${line}`);
  return Number(m[1]);
}

describe.skipIf(!existsSync(scorerPath))('own test documents of other types', () => {
  const results = existsSync(scorerPath) ? scoreCorpus(false, undefined, ownDocumentsDir) : [];

  it('has fourteen documents with gold files', () => {
    expect(results.length).toBe(14);
  });

  for (const r of results) {
    it(`${r.file}: tasks, leads, deadlines and the document header`, () => {
      const summary = r.output.trim().split('\n').pop() ?? '';
      expect(metric(summary, 'tasks F1'), summary).toBeGreaterThanOrEqual(0.95);
      expect(metric(summary, 'lead'), summary).toBeGreaterThanOrEqual(0.85);
      expect(metric(summary, 'deadline'), summary).toBeGreaterThanOrEqual(0.95);
      expect(metric(summary, 'documents'), summary).toBe(1);
    });
  }
});
