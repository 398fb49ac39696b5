// Old Word (.doc), OpenDocument (.odt) and RTF files through LibreOffice's headless converter, when the
// machine has it (Debian's libreoffice-writer-nogui): the result is read as any .docx. Without it the
// person is told to save the file as .docx.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ExtractionInputError } from './errors.ts';

const run = promisify(execFile);

/** How long one conversion may take: a 50 MB .doc converts in well under a minute. */
const CONVERT_TIMEOUT_MS = 120_000;

/**
 * LibreOffice keeps a profile; making one costs most of a conversion's time. One profile per process,
 * used by one conversion at a time (LibreOffice locks it), so the second file converts quickly.
 */
const profile = join(tmpdir(), `giamsat-libreoffice-${process.pid}`);
let queue: Promise<unknown> = Promise.resolve();

export function convertToDocx(bytes: Uint8Array, extension: string): Promise<Uint8Array> {
  const next = queue.then(() => convertOne(bytes, extension));
  queue = next.catch(() => undefined);
  return next;
}

async function convertOne(bytes: Uint8Array, extension: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'giamsat-convert-'));
  try {
    const input = join(dir, `input.${extension}`);
    await writeFile(input, bytes);
    try {
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'docx',
          '--outdir',
          dir,
          input,
        ],
        { timeout: CONVERT_TIMEOUT_MS, env: { ...process.env, HOME: profile } },
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ExtractionInputError('CONVERTER_MISSING', `.${extension}`, { cause: error });
      throw new ExtractionInputError('UNREADABLE_FILE', `LibreOffice could not read the .${extension}`, {
        cause: error,
      });
    }
    try {
      return new Uint8Array(await readFile(join(dir, 'input.docx')));
    } catch (error) {
      throw new ExtractionInputError('UNREADABLE_FILE', `LibreOffice could not read the .${extension}`, {
        cause: error,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
