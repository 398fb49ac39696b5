import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDocx, corpusFiles } from './input-fixtures.ts';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/giamsat.mjs');
const work = mkdtempSync(join(tmpdir(), 'giamsat-cli-'));

function giamsat(args: string[], input?: string | Uint8Array) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A failure is a message, not a stack: no "at file:line" frames, no "Error:" dump. */
function expectCleanFailure(run: ReturnType<typeof giamsat>, code: number, messageCode: string): void {
  expect(run.code).toBe(code);
  expect(run.stderr).toContain(messageCode);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+/);
  expect(run.stdout).toBe('');
}

const DIRECTIVE = 'Số 12-KH/UBND\nKẾ HOẠCH\n1. Sở Tài chính chủ trì, hoàn thành trong tháng 6/2025.\n';
const corpus = corpusFiles();

describe('giamsat extract', () => {
  it.skipIf(corpus.length === 0)(
    'prints one JSON object in the contract shape for a corpus file',
    { timeout: 60_000 },
    () => {
      const run = giamsat(['extract', corpus[0] ?? '', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const output = JSON.parse(run.stdout) as { documents: Array<Record<string, unknown>> };
      expect(Array.isArray(output.documents)).toBe(true);
      for (const document of output.documents) {
        for (const key of ['number', 'type', 'date', 'issuer', 'level', 'implements', 'tasks'])
          expect(document).toHaveProperty(key);
        for (const task of document.tasks as Array<Record<string, unknown>>) {
          for (const key of ['text', 'line', 'ref', 'lead', 'coordinating', 'deadline', 'deliverable'])
            expect(task).toHaveProperty(key);
          for (const key of ['raw', 'kind', 'due', 'period']) expect(task.deadline).toHaveProperty(key);
        }
      }
    },
  );

  it('reads pasted text from stdin ("-" or no file) and prints a table without --json', () => {
    for (const args of [
      ['extract', '-', '--json'],
      ['extract', '--json'],
    ]) {
      const run = giamsat(args, DIRECTIVE);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toHaveProperty('documents');
    }
    const table = giamsat(['extract'], DIRECTIVE);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.length).toBeGreaterThan(0);
  });

  it('--text prints the text line numbers refer to, for a .docx', { timeout: 60_000 }, async () => {
    const path = join(work, 'ke-hoach.docx');
    writeFileSync(path, await buildDocx('Số 12-KH/UBND\nSTT\tNội dung\tCơ quan chủ trì\n1.\tRà soát\tSở Tài chính'));
    const run = giamsat(['extract', path, '--text']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Số 12-KH/UBND\nSTT\tNội dung\tCơ quan chủ trì\n1.\tRà soát\tSở Tài chính\n');
  });

  it('--registry takes a registry file and rejects a malformed one', () => {
    const registry = join(work, 'registry.json');
    writeFileSync(
      registry,
      JSON.stringify({
        bodies: [{ id: 'so-tc', name: 'Sở Tài chính', aliases: ['STC'], level: 'province', kind: 'state' }],
        groups: [],
      }),
    );
    const ok = giamsat(['extract', '-', '--json', '--registry', registry], DIRECTIVE);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{ "bodies": 3 }');
    expectCleanFailure(giamsat(['extract', '-', '--json', '--registry', bad], DIRECTIVE), 1, 'REGISTRY_INVALID');
  });

  it('fails cleanly on a missing, a binary, an empty and a non-directive file', () => {
    expectCleanFailure(giamsat(['extract', join(work, 'nothing-here.pdf'), '--json']), 1, 'FILE_NOT_FOUND');
    const binary = join(work, 'random.bin');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    expectCleanFailure(giamsat(['extract', binary, '--json']), 1, 'UNREADABLE_FILE');
    const empty = join(work, 'empty.txt');
    writeFileSync(empty, '');
    expectCleanFailure(giamsat(['extract', empty, '--json']), 1, 'EMPTY_DOCUMENT');
    const prose = join(work, 'prose.txt');
    writeFileSync(prose, 'Lorem ipsum dolor sit amet.\n');
    expectCleanFailure(giamsat(['extract', prose]), 1, 'NOT_A_DIRECTIVE');
    expectCleanFailure(giamsat(['extract', work]), 1, 'NOT_A_FILE');
  });

  it('usage errors exit 2; --help exits 0', () => {
    expect(giamsat(['--help']).code).toBe(0);
    expect(giamsat(['extract', '--help']).stdout).toContain('--registry');
    expect(giamsat(['frobnicate']).code).toBe(2);
    expect(giamsat(['extract', '--no-such-flag']).code).toBe(2);
    expect(giamsat(['extract', 'a.txt', 'b.txt']).code).toBe(2);
    expect(readFileSync(BIN, 'utf8')).toContain('register()');
  });
});
