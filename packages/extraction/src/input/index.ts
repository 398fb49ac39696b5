export { type DirectiveFormat, detectFormat } from './detect.ts';
export { ExtractionInputError, type ExtractionInputErrorCode, isExtractionInputError } from './errors.ts';
export { type OcrOptions, type OcrPage, type OcrResult, ocrAvailable, ocrPdf } from './ocr.ts';
export {
  type DirectiveText,
  extractFromFile,
  type FileExtraction,
  MAX_INPUT_BYTES,
  type ReadOptions,
  readDirectiveFile,
} from './read.ts';
export { looksLikeDirective, normalizeText } from './text.ts';
export { checkZipArchive, MAX_UNPACKED_BYTES } from './zip.ts';
