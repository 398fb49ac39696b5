// Property and size tests over the whole path (reader + extractor). Linear time is checked by
// size, not by stopwatch: each input is large enough that a quadratic step (a backtracking regex,
// a rescan per line) would run far past the test's timeout, while a linear pass ends in seconds.
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDirectives } from '../src/extract.ts';
import { ExtractionInputError, extractFromFile } from '../src/input/index.ts';
import { expectWellFormed } from './input-check.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Seconds any one large input may take: 10 MB at the 2 MB/s target is 5 s; quadratic is hours. */
const LIMIT = 30;

/** A result that is well formed, or a typed input error: never anything else. */
async function resultOrInputError(bytes: Uint8Array, filename?: string): Promise<void> {
  try {
    const { text, result } = await extractFromFile(bytes, filename);
    expectWellFormed(result, text);
  } catch (error) {
    if (!(error instanceof ExtractionInputError)) throw error;
    expect(error.code).toMatch(/^[A-Z_]+$/);
  }
}

/**
 * The same check in a worker thread with a hard deadline: a quadratic extractor fails this test
 * at `seconds` instead of blocking the whole run for minutes.
 */
async function finishesInTime(bytes: Uint8Array, filename: string, seconds: number): Promise<void> {
  const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { workerData: { bytes, filename } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await new Promise<{ ok: boolean; problems?: string[]; code?: string; crash?: string }>(
      (resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${filename}: no result within ${seconds} s (not linear?)`)),
          seconds * 1000,
        );
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    expect(outcome.crash, `${filename} crashed`).toBeUndefined();
    if (outcome.ok) expect(outcome.problems).toEqual([]);
    else expect(outcome.code).toMatch(/^[A-Z_]+$/);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

// Directive-shaped text written for these tests (no corpus text): a header, items at several
// levels, a table, deadlines of every kind, body names in short and long form.
const HEADER =
  'UBND TỈNH MẪU\nSố 12-KH/UBND\nHà Nội, ngày 17 tháng 10 năm 2025\nKẾ HOẠCH\nThực hiện Thông báo số 07-TB/CQTTBCĐ\n';
const ITEMS = [
  '1. Về hạ tầng số',
  'a) Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính xây dựng đề án; hoàn thành trong tháng 6/2025.',
  '- Bộ KH&CN chủ trì, **hoàn thành trước ngày 20/6/2025**.',
  '+ *Văn phòng UBND tỉnh*: tổng hợp, báo cáo định kỳ hằng tháng.',
  '(1) Các sở, ngành, địa phương thực hiện thường xuyên.',
  'STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tHạn hoàn thành',
  '3.\tRà soát <ul><li>thủ tục</li></ul> hành chính\tUBND cấp xã\tCông an tỉnh\tQuý IV/2025',
  '4.\tXây dựng cơ sở dữ liệu\tSở Tư pháp\t\t2025-2026',
  '| 5 | Số hoá hồ sơ | Sở Nội vụ | | 31/12/2025 |',
  'II. Tồn tại, hạn chế: số liệu 15/2020/NĐ-CP chưa cập nhật.',
];

function directiveText(targetBytes: number): string {
  const parts: string[] = [HEADER];
  let size = HEADER.length;
  for (let i = 0; size < targetBytes; i++) {
    const line = ITEMS[i % ITEMS.length] ?? '';
    parts.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return parts.join('\n');
}

describe('random input', () => {
  it('extractDirectives returns a well-formed result for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => {
        expectWellFormed(extractDirectives(text), text);
      }),
      { numRuns: 300 },
    );
  });

  it('extractDirectives survives random mixes of directive fragments', () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        ...ITEMS,
        ...HEADER.split('\n'),
        '',
        '**',
        '*',
        '<ul><li>',
        '</li></ul>',
        '\t',
        'ngày 31/02/2025',
        'tháng 13/2025',
        'quý V/2025',
        'trước ngày 1/1/2025',
        'năm 0000',
      ),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 200 }), fc.constantFrom('\n', ' ', '\t', ''), (fragments, glue) => {
        const text = fragments.join(glue);
        expectWellFormed(extractDirectives(text), text);
      }),
      { numRuns: 300 },
    );
  });

  it('extractFromFile gives a result or an ExtractionInputError for any string or bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 3000 }),
        fc.constantFrom('a.txt', 'a.md', undefined),
        async (text, name) => {
          await resultOrInputError(utf8(text), name);
        },
      ),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 5000 }),
        fc.constantFrom('a.txt', 'a.pdf', 'a.docx', undefined),
        async (bytes, name) => {
          await resultOrInputError(bytes, name);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random bytes behind a PDF or ZIP header are a typed error, not a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom('%PDF-1.7\n', 'PK\u0003\u0004word/document.xml'),
        async (bytes, header) => {
          await resultOrInputError(new Uint8Array([...utf8(header), ...bytes]));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('empty input', async () => {
    expectWellFormed(extractDirectives(''), '');
    await expect(extractFromFile(new Uint8Array(), 'a.txt')).rejects.toMatchObject({ code: 'EMPTY_DOCUMENT' });
  });
});

describe('large and deep input finishes (a quadratic step would time out)', () => {
  it('a 10 MB directive-shaped text', { timeout: 90_000 }, async () => {
    await finishesInTime(utf8(directiveText(10_000_000)), 'big.txt', LIMIT);
  });

  it('a 100,000-line text', { timeout: 90_000 }, async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      i % 7 === 0 ? `${i}. Sở Tài chính chủ trì, hoàn thành năm 2025` : `- nội dung ${i}`,
    );
    await finishesInTime(utf8(HEADER + lines.join('\n')), 'lines.txt', LIMIT);
  });

  it('100,000 lines of a single character and 1 MB without a line break', { timeout: 90_000 }, async () => {
    await finishesInTime(utf8(`${HEADER}${'-\n'.repeat(100_000)}`), 'dashes.txt', LIMIT);
    await finishesInTime(utf8(`${HEADER}${'Sở Tài chính chủ trì, '.repeat(50_000)}`), 'long.txt', LIMIT);
  });

  it('numbering 10,000 levels deep, and 2,000 lines of growing depth', { timeout: 90_000 }, async () => {
    const deep = `${Array.from({ length: 10_000 }, () => '1').join('.')}. Bộ Tài chính chủ trì, hoàn thành tháng 6/2025`;
    const growing = Array.from({ length: 2_000 }, (_, i) => `${'1.'.repeat(i + 1)} Sở Nội vụ thực hiện`).join('\n');
    await finishesInTime(utf8(`${HEADER}${deep}\n${growing}`), 'deep.txt', LIMIT);
  });

  it('10,000 nested <ul><li>, ** and ( with no closers, in a table cell and on a line', {
    timeout: 90_000,
  }, async () => {
    const n = 10_000;
    const nested = `${'<ul><li>'.repeat(n)}Sở Y tế chủ trì${'</li></ul>'.repeat(n)}`;
    const unclosed = `${'<ul><li>'.repeat(n)}${'**'.repeat(n + 1)}${'*'.repeat(n)}${'('.repeat(n)}${'[['.repeat(n)}`;
    const text = `${HEADER}1.\t${nested}\tSở Y tế\t\tQuý I/2026\n${unclosed}\n2. ${'**a '.repeat(n)}hoàn thành ${'ngày '.repeat(n)}20/6/2025`;
    await finishesInTime(utf8(text), 'nested.md', LIMIT);
  });

  it('many tabs and many deadline-like words', { timeout: 90_000 }, async () => {
    const tabs = `1.${'\t'.repeat(100_000)}x`;
    const dates = `Bộ Tư pháp chủ trì ${'trước ngày 20/6/2025, quý IV/2025, 2025-2026, '.repeat(20_000)}`;
    await finishesInTime(utf8(`${HEADER}${tabs}\n${dates}`), 'words.txt', LIMIT);
  });
});
