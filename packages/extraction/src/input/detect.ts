import { ExtractionInputError } from './errors.ts';

/** What a file is; 'doc' and 'odt' (and RTF, read as 'doc') go through LibreOffice to .docx. */
export type DirectiveFormat = 'txt' | 'md' | 'docx' | 'pdf' | 'xlsx' | 'csv' | 'doc' | 'odt';

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const WORD_DOCUMENT = Array.from('word/document.xml', (c) => c.charCodeAt(0));
const WORKBOOK = Array.from('xl/workbook.xml', (c) => c.charCodeAt(0));
const ODT_MIMETYPE = Array.from('application/vnd.oasis.opendocument.text', (c) => c.charCodeAt(0));
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66];

/** A PDF header may sit anywhere in the first 1024 bytes (after a BOM or mail junk). */
function findPdfHeader(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF.length, 1024);
  for (let i = 0; i <= limit; i++) if (bytes[i] === 0x25 && startsWith(bytes, PDF, i)) return true;
  return false;
}

/** Zip entry names (and an ODF's first, stored "mimetype" entry) are uncompressed: a byte scan finds them in linear time. */
function zipHas(bytes: Uint8Array, name: readonly number[]): boolean {
  const first = name[0];
  const last = bytes.length - name.length;
  for (let i = 0; i <= last; i++) if (bytes[i] === first && startsWith(bytes, name, i)) return true;
  return false;
}

/** Binary formats people upload by mistake: named so the message says what was found. */
const KNOWN_BINARY: ReadonlyArray<{ magic: readonly number[]; name: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'PNG image' },
  { magic: [0xff, 0xd8, 0xff], name: 'JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], name: 'GIF image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], name: 'TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], name: 'TIFF image' },
  { magic: [0x1f, 0x8b], name: 'gzip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21], name: 'RAR archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], name: '7z archive' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], name: 'executable' },
  { magic: [0x4d, 0x5a], name: 'executable' },
];

function extensionOf(filename: string | undefined): string {
  if (!filename) return '';
  const base = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const TEXT_EXTENSIONS = new Set(['txt', 'text', 'md', 'markdown']);
const BINARY_EXTENSIONS = new Set(['xls', 'ppt', 'pptx', 'png', 'jpg', 'jpeg', 'gif', 'zip', 'rar', '7z']);

/**
 * The bytes decide first (a .pdf renamed .txt is still a PDF); the name and media type only
 * tell text from Markdown and reject a damaged .docx/.pdf rather than read it as text.
 */
export function detectFormat(bytes: Uint8Array, filename?: string, mediaType?: string): DirectiveFormat {
  if (findPdfHeader(bytes)) return 'pdf';
  if (startsWith(bytes, ZIP)) {
    if (zipHas(bytes, WORD_DOCUMENT)) return 'docx';
    if (zipHas(bytes, WORKBOOK)) return 'xlsx';
    if (zipHas(bytes, ODT_MIMETYPE)) return 'odt';
    throw new ExtractionInputError('UNSUPPORTED_FORMAT', 'zip archive that is no .docx, .xlsx or .odt');
  }
  // Word 97-2003 (an OLE file; an old .xls is one too, and is not read) and RTF: LibreOffice reads them.
  if (startsWith(bytes, OLE)) {
    if (extensionOf(filename) === 'xls') throw new ExtractionInputError('UNSUPPORTED_FORMAT', '.xls: save as .xlsx');
    return 'doc';
  }
  if (startsWith(bytes, RTF)) return 'doc';
  for (const known of KNOWN_BINARY) {
    if (startsWith(bytes, known.magic)) throw new ExtractionInputError('UNSUPPORTED_FORMAT', known.name);
  }
  const ext = extensionOf(filename);
  const media = (mediaType ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  if (ext === 'csv' || media === 'text/csv') return 'csv';
  if (ext === 'pdf' || ext === 'docx' || ext === 'xlsx' || ext === 'doc' || ext === 'odt') {
    // The name promised a binary format the bytes do not have: damaged or mislabelled.
    throw new ExtractionInputError('UNREADABLE_FILE', `.${ext} without a valid ${ext.toUpperCase()} header`);
  }
  if (BINARY_EXTENSIONS.has(ext)) throw new ExtractionInputError('UNSUPPORTED_FORMAT', `.${ext}`);
  if (ext === 'md' || ext === 'markdown' || media === 'text/markdown' || media === 'text/x-markdown') return 'md';
  if (TEXT_EXTENSIONS.has(ext) || media.startsWith('text/') || ext === '' || media === '') return 'txt';
  if (media === 'application/pdf' || media.includes('wordprocessingml')) {
    throw new ExtractionInputError('UNREADABLE_FILE', `${media} without a valid header`);
  }
  // An unknown extension: read it as text if the bytes are text (the text reader rejects binary).
  return 'txt';
}
