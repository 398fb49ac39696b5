import { extractDirectives } from '../extract.ts';
import type { ExtractionResult, ExtractOptions } from '../types.ts';
import { convertToDocx } from './convert.ts';
import { type DirectiveFormat, detectFormat } from './detect.ts';
import { readDocx } from './docx.ts';
import { ExtractionInputError } from './errors.ts';
import { type OcrOptions, type OcrResult, ocrPdf } from './ocr.ts';
import { readPdf } from './pdf.ts';
import { readCsv, readXlsx } from './spreadsheet.ts';
import { decodeTextFile, looksLikeDirective, normalizeText } from './text.ts';
import { checkZipArchive } from './zip.ts';

/** Larger than any directive bundle; beyond it the upload is a mistake, not a document. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export interface DirectiveText {
  /** The text line numbers refer to: NFC, "\n" line ends, tables as TAB-separated rows. */
  text: string;
  format: DirectiveFormat;
  /** Set when the text was read by OCR from a scanned PDF: each page's image and text. */
  ocr?: OcrResult;
}

export interface ReadOptions {
  /**
   * A PDF without a text layer (a scan) is read by OCR when this is set (true, or progress and
   * resolution options); otherwise it is refused with EMPTY_DOCUMENT. OCR takes seconds per page.
   */
  ocr?: boolean | OcrOptions;
}

async function readAs(format: DirectiveFormat, bytes: Uint8Array, options: ReadOptions): Promise<DirectiveText> {
  switch (format) {
    case 'pdf':
      try {
        return { text: normalizeText(await readPdf(bytes)), format };
      } catch (error) {
        const scanned = error instanceof ExtractionInputError && error.code === 'EMPTY_DOCUMENT';
        if (!scanned || !options.ocr) throw error;
        const ocr = await ocrPdf(bytes, options.ocr === true ? {} : options.ocr);
        return { text: ocr.text, format, ocr };
      }
    case 'docx':
      return { text: normalizeText(await readDocx(bytes)), format };
    case 'doc':
    case 'odt':
      return { text: normalizeText(await readDocx(await convertToDocx(bytes, format))), format };
    case 'xlsx':
      return { text: normalizeText(await readXlsx(bytes)), format };
    case 'csv':
      return { text: readCsv(decodeTextFile(bytes)), format };
    default:
      return { text: decodeTextFile(bytes), format };
  }
}

export async function readDirectiveFile(
  bytes: Uint8Array,
  filename?: string,
  mediaType?: string,
  options: ReadOptions = {},
): Promise<DirectiveText> {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new ExtractionInputError('FILE_TOO_LARGE', `${bytes.length} bytes > ${MAX_INPUT_BYTES}`);
  }
  if (bytes.length === 0) throw new ExtractionInputError('EMPTY_DOCUMENT', 'empty file');
  const format = detectFormat(bytes, filename, mediaType);
  // Every zip input (.docx, .xlsx, .odt) is measured before a reader unpacks it.
  await checkZipArchive(bytes);
  const read = await readAs(format, bytes, options);
  if (read.text.trim() === '') throw new ExtractionInputError('EMPTY_DOCUMENT', 'no text');
  if (!looksLikeDirective(read.text)) throw new ExtractionInputError('NOT_A_DIRECTIVE');
  return read;
}

export interface FileExtraction extends DirectiveText {
  result: ExtractionResult;
}

/** Read an uploaded or pasted file and extract its documents and tasks. */
export async function extractFromFile(
  bytes: Uint8Array,
  filename?: string,
  options: ExtractOptions & ReadOptions = {},
): Promise<FileExtraction> {
  const read = await readDirectiveFile(bytes, filename, undefined, { ocr: options.ocr });
  const result = extractDirectives(read.text, options);
  // OCR'd text is less certain than a text layer: every field says so.
  if (read.ocr)
    for (const d of result.documents)
      for (const t of d.tasks) {
        for (const f of Object.values(t.confidence)) f.score = Math.min(f.score, 0.6);
        t.confidence.text = { score: Math.min(t.confidence.text.score, 0.5), reason: 'ocr' };
      }
  return { ...read, result };
}
