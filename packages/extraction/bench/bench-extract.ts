// npm run bench:extract — extraction throughput on the corpus .txt files, one core, a few seconds.
// MB = 1e6 bytes of UTF-8 input. Prints exactly one line `extract throughput MB/s: X` on stdout.
// Throughput is measured in CPU time (process.cpuUsage(), user + system, of this process), not wall
// time: on a shared, loaded machine wall time mostly measures how long we waited for a core. The loop
// runs for BENCH_SECONDS of CPU time; the wall-clock figure is printed on stderr for comparison.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDirectives } from '../src/extract.ts';
import { normalizeText } from '../src/input/text.ts';

const corpusDir =
  process.env.GIAMSAT_CORPUS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');
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

/** CPU seconds (user + system) this process has used since `since`. */
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

// The first round, with a cold JIT and empty memo caches (what a single upload sees), for stderr only.
const firstStart = process.cpuUsage();
round();
const first = cpuSeconds(firstStart);

// Warm up the JIT before measuring.
const warmStart = process.cpuUsage();
while (cpuSeconds(warmStart) < 0.5) round();

let rounds = 0;
const wallStart = performance.now();
const cpuStart = process.cpuUsage();
while (cpuSeconds(cpuStart) < seconds || rounds === 0) {
  round();
  rounds++;
}
const cpu = cpuSeconds(cpuStart);
const wall = (performance.now() - wallStart) / 1000;
const throughput = (bytesPerRound * rounds) / 1e6 / cpu;
process.stderr.write(
  `bench-extract: ${texts.length} files, ${bytesPerRound} bytes × ${rounds} rounds in ${cpu.toFixed(2)} s CPU ` +
    `(${wall.toFixed(2)} s wall, ${((bytesPerRound * rounds) / 1e6 / wall).toFixed(2)} MB/s by wall clock; ${sink} documents); ` +
    `first round ${(bytesPerRound / 1e6 / first).toFixed(2)} MB/s CPU\n`,
);
process.stdout.write(`extract throughput MB/s: ${throughput.toFixed(2)}\n`);
