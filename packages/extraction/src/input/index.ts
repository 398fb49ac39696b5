export { type DirectiveFormat, detectFormat } from './detect.ts';
export { ExtractionInputError, type ExtractionInputErrorCode, isExtractionInputError } from './errors.ts';
export {
  type DirectiveText,
  extractFromFile,
  type FileExtraction,
  MAX_INPUT_BYTES,
  readDirectiveFile,
} from './read.ts';
export { looksLikeDirective, normalizeText } from './text.ts';
