// npm run bench:extract — extraction throughput on the corpus .txt files, one core, a few seconds.
// MB = 1e6 bytes of UTF-8 input. Prints exactly one line `extract throughput MB/s: X` on stdout.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDirectives } from '../src/extract.ts';
import { normalizeText } from '../src/input/text.ts';

const corpusDir = process.env.GIAMSAT_CORPUS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');
const seconds = Number(process.env.BENCH_SECONDS ?? 3);

if (!existsSync(corpusDir)) {
  process.stderr.write(`bench-extract: corpus not found at ${corpusDir} (set GIAMSAT_CORPUS)\n`);
  process.exit(1);
}
const texts = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => normalizeText(readFileSync(join(corpusDir, name), 'utf8')));
if (texts.length === 0) {
  process.stderr.write(`bench-extract: no .txt files in ${corpusDir}\n`);
  process.exit(1);
}
const bytesPerRound = texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);

let sink = 0;
const round = (): void => {
  for (const text of texts) sink += extractDirectives(text).documents.length;
};

// Warm up the JIT before measuring.
const warmUntil = performance.now() + 500;
while (performance.now() < warmUntil) round();

let rounds = 0;
const start = performance.now();
const stop = start + seconds * 1000;
while (performance.now() < stop || rounds === 0) {
  round();
  rounds++;
}
const elapsed = (performance.now() - start) / 1000;
const throughput = (bytesPerRound * rounds) / 1e6 / elapsed;
process.stderr.write(`bench-extract: ${texts.length} files, ${bytesPerRound} bytes × ${rounds} rounds in ${elapsed.toFixed(2)} s (${sink} documents)\n`);
process.stdout.write(`extract throughput MB/s: ${throughput.toFixed(2)}\n`);
