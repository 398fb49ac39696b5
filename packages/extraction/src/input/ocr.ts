// Scanned PDFs (pages with no text layer, as most signed directives arrive) through OCR: each page is
// rendered to an image with poppler's pdftoppm and read by Tesseract with its Vietnamese model
// (Debian's poppler-utils, tesseract-ocr and tesseract-ocr-vie). Slow — seconds per page — so it
// reports progress page by page; the server runs it as a background job. Each page's image comes
// back with its text, for a review page that shows the scan beside what was read.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ExtractionInputError } from './errors.ts';
import { normalizeText } from './text.ts';

const run = promisify(execFile);

export interface OcrPage {
  /** 1-based page number. */
  page: number;
  /** The text Tesseract read on the page (NFC, "\n" line ends). */
  text: string;
  /** The page as a PNG image, as it was read. */
  image: Uint8Array;
  /** 1-based line of the extraction text where this page's text starts. */
  startsAtLine: number;
}

export interface OcrResult {
  /** The pages' text joined, the text the extractor reads and line numbers refer to. */
  text: string;
  pages: OcrPage[];
}

export interface OcrOptions {
  /** Called after each page is read (page 1..pages): a job writes it as its progress. */
  onProgress?: (page: number, pages: number) => void | Promise<void>;
  /** Rendering resolution; 300 dpi reads small print better, 200 is twice as fast. */
  dpi?: number;
  /** Tesseract language(s), "vie" by default. */
  language?: string;
}

const PAGE_TIMEOUT_MS = 120_000;

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** Whether this machine can OCR (tesseract with the Vietnamese model, and pdftoppm). */
export async function ocrAvailable(language = 'vie'): Promise<boolean> {
  try {
    const { stdout, stderr } = await run('tesseract', ['--list-langs'], { timeout: 20_000 });
    await run('pdftoppm', ['-v'], { timeout: 20_000 });
    return `${stdout}\n${stderr}`.split(/\s+/).includes(language);
  } catch {
    return false;
  }
}

async function pageCount(pdf: string): Promise<number> {
  try {
    const { stdout } = await run('pdfinfo', [pdf], { timeout: 60_000 });
    const m = /^Pages:\s+(\d+)/m.exec(stdout);
    if (!m?.[1]) throw new ExtractionInputError('UNREADABLE_FILE', 'PDF without pages');
    return Number(m[1]);
  } catch (error) {
    if (error instanceof ExtractionInputError) throw error;
    if (missing(error)) throw new ExtractionInputError('OCR_UNAVAILABLE', 'pdfinfo (poppler-utils) not installed');
    throw new ExtractionInputError('UNREADABLE_FILE', 'damaged PDF', { cause: error });
  }
}

/** Reads a scanned PDF page by page. */
export async function ocrPdf(bytes: Uint8Array, options: OcrOptions = {}): Promise<OcrResult> {
  const language = options.language ?? 'vie';
  if (!(await ocrAvailable(language)))
    throw new ExtractionInputError(
      'OCR_UNAVAILABLE',
      `tesseract with the "${language}" model, or pdftoppm, not installed`,
    );
  const dir = await mkdtemp(join(tmpdir(), 'giamsat-ocr-'));
  try {
    const pdf = join(dir, 'scan.pdf');
    await writeFile(pdf, bytes);
    const pages = await pageCount(pdf);
    const out: OcrPage[] = [];
    let line = 1;
    for (let page = 1; page <= pages; page++) {
      const prefix = join(dir, `page-${page}`);
      await run(
        'pdftoppm',
        ['-f', String(page), '-l', String(page), '-r', String(options.dpi ?? 300), '-gray', '-png', pdf, prefix],
        {
          timeout: PAGE_TIMEOUT_MS,
        },
      );
      // pdftoppm pads the page number to the width of the page count: find the file it wrote.
      const file = (await readdir(dir)).find((f) => f.startsWith(`page-${page}-`) && f.endsWith('.png'));
      if (!file) throw new ExtractionInputError('UNREADABLE_FILE', `page ${page} could not be rendered`);
      const image = join(dir, file);
      const { stdout } = await run('tesseract', [image, 'stdout', '-l', language], {
        timeout: PAGE_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      });
      const text = normalizeText(stdout)
        .replace(/\f/g, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      out.push({ page, text, image: new Uint8Array(await readFile(image)), startsAtLine: line });
      line += text.split('\n').length + 1;
      await options.onProgress?.(page, pages);
    }
    return { text: out.map((p) => p.text).join('\n\n'), pages: out };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
