// Extracts every corpus file, writes the CLI's JSON shape to a temp file and runs the scorer on it.
// Run from the repository root: npx tsx packages/extraction/scripts/score-corpus.ts [--verbose] [--own] [NAME]
// --own scores the library's own test documents (test/documents: other document types, written for
// the tests, with gold files in the same format) instead of the shared corpus.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDirectives } from '../src/extract.ts';
import { toJson } from '../src/json.ts';

const sharedDir = fileURLToPath(new URL('../../../../shared', import.meta.url));
const corpusDir = join(sharedDir, 'corpus');
export const ownDocumentsDir = fileURLToPath(new URL('../test/documents', import.meta.url));
const scorer = join(sharedDir, 'eval', 'score-extraction.mjs');

export const scorerPath = scorer;

export function scoreCorpus(
  verbose: boolean,
  only?: string,
  dir: string = corpusDir,
): Array<{ file: string; output: string }> {
  if (!existsSync(dir)) throw new Error(`corpus not found at ${dir}`);
  const out = mkdtempSync(join(tmpdir(), 'giamsat-score-'));
  const results: Array<{ file: string; output: string }> = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.txt'))
    .sort()) {
    if (only && !f.includes(only)) continue;
    const gold = join(dir, f.replace(/\.txt$/, '.gold.json'));
    if (!existsSync(gold)) continue;
    const result = extractDirectives(readFileSync(join(dir, f), 'utf8'));
    const pred = join(out, f.replace(/\.txt$/, '.pred.json'));
    writeFileSync(pred, JSON.stringify(toJson(result), null, 1));
    const args = [scorer, gold, pred, ...(verbose ? ['--verbose'] : [])];
    results.push({ file: f, output: execFileSync(process.execPath, args, { encoding: 'utf8' }) });
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const verbose = process.argv.includes('--verbose');
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const own = process.argv.includes('--own');
  for (const r of scoreCorpus(verbose, only, own ? ownDocumentsDir : corpusDir)) {
    const lines = r.output.trim().split('\n');
    if (verbose) console.log(`── ${r.file}\n${lines.slice(0, -1).join('\n')}`);
    console.log(`${r.file}: ${lines[lines.length - 1]}`);
  }
}
