import { extractDirectives } from '../extract.ts';
import type { ExtractionResult, ExtractOptions } from '../types.ts';
import { type DirectiveFormat, detectFormat } from './detect.ts';
import { readDocx } from './docx.ts';
import { ExtractionInputError } from './errors.ts';
import { readPdf } from './pdf.ts';
import { decodeTextFile, looksLikeDirective, normalizeText } from './text.ts';

/** Larger than any directive bundle; beyond it the upload is a mistake, not a document. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export interface DirectiveText {
  /** The text line numbers refer to: NFC, "\n" line ends, tables as TAB-separated rows. */
  text: string;
  format: DirectiveFormat;
}

export async function readDirectiveFile(
  bytes: Uint8Array,
  filename?: string,
  mediaType?: string,
): Promise<DirectiveText> {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new ExtractionInputError('FILE_TOO_LARGE', `${bytes.length} bytes > ${MAX_INPUT_BYTES}`);
  }
  if (bytes.length === 0) throw new ExtractionInputError('EMPTY_DOCUMENT', 'empty file');
  const format = detectFormat(bytes, filename, mediaType);
  let text: string;
  if (format === 'pdf') text = normalizeText(await readPdf(bytes));
  else if (format === 'docx') text = normalizeText(await readDocx(bytes));
  else text = decodeTextFile(bytes);
  if (text.trim() === '') throw new ExtractionInputError('EMPTY_DOCUMENT', 'no text');
  if (!looksLikeDirective(text)) throw new ExtractionInputError('NOT_A_DIRECTIVE');
  return { text, format };
}

export interface FileExtraction extends DirectiveText {
  result: ExtractionResult;
}

/** Read an uploaded or pasted file and extract its documents and tasks. */
export async function extractFromFile(
  bytes: Uint8Array,
  filename?: string,
  options: ExtractOptions = {},
): Promise<FileExtraction> {
  const { text, format } = await readDirectiveFile(bytes, filename);
  return { text, format, result: extractDirectives(text, options) };
}
