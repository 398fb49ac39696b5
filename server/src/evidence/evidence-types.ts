import { removeDiacritics } from '@giamsat/shared/text';

/**
 * The evidence file types we accept, each checked twice: by its extension (allowlist) and by its first
 * bytes (magic numbers). A file is stored with the content type of the type it proved to be, never the
 * type the browser claimed, so an HTML page renamed ".pdf" can neither be stored nor served as HTML.
 */
export interface EvidenceType {
  extension: string;
  contentType: string;
  matches(bytes: Buffer): boolean;
}

const startsWith = (bytes: Buffer, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
// Old Office formats (.doc, .xls) are OLE2 compound files.
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

const isZip = (bytes: Buffer) => startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP);
// Entry names in a zip are stored uncompressed, so an OOXML package shows its main folder in the bytes.
const zipWithEntry = (folder: string) => (bytes: Buffer) =>
  startsWith(bytes, ZIP) && bytes.includes(folder, 0, 'latin1');
// OpenDocument puts an uncompressed "mimetype" entry first: its name at offset 30, its content right after.
const ODT_MIMETYPE = ascii('mimetypeapplication/vnd.oasis.opendocument.text');

const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|link|style)\b/i;

/** Plain text: valid UTF-8, no NUL bytes, and nothing a browser would take for a page or a script. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0 || bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !MARKUP.test(text.slice(0, 64 * 1024));
}

const OOXML = 'application/vnd.openxmlformats-officedocument';

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { extension: 'pdf', contentType: 'application/pdf', matches: (b) => startsWith(b, PDF) },
  { extension: 'docx', contentType: `${OOXML}.wordprocessingml.document`, matches: zipWithEntry('word/') },
  { extension: 'xlsx', contentType: `${OOXML}.spreadsheetml.sheet`, matches: zipWithEntry('xl/') },
  { extension: 'pptx', contentType: `${OOXML}.presentationml.presentation`, matches: zipWithEntry('ppt/') },
  { extension: 'doc', contentType: 'application/msword', matches: (b) => startsWith(b, OLE2) },
  { extension: 'xls', contentType: 'application/vnd.ms-excel', matches: (b) => startsWith(b, OLE2) },
  {
    extension: 'odt',
    contentType: 'application/vnd.oasis.opendocument.text',
    matches: (b) => startsWith(b, ZIP) && startsWith(b, ODT_MIMETYPE, 30),
  },
  { extension: 'png', contentType: 'image/png', matches: (b) => startsWith(b, PNG) },
  { extension: 'jpg', contentType: 'image/jpeg', matches: (b) => startsWith(b, JPEG) },
  { extension: 'jpeg', contentType: 'image/jpeg', matches: (b) => startsWith(b, JPEG) },
  { extension: 'zip', contentType: 'application/zip', matches: isZip },
  { extension: 'txt', contentType: 'text/plain; charset=utf-8', matches: isPlainText },
  { extension: 'csv', contentType: 'text/csv; charset=utf-8', matches: isPlainText },
];

export const ALLOWED_EXTENSIONS = EVIDENCE_TYPES.map((t) => t.extension);

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot >= 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/** The allowed type for this file name, or undefined when the extension is not on the list. */
export function evidenceTypeFor(filename: string): EvidenceType | undefined {
  const extension = extensionOf(filename);
  return EVIDENCE_TYPES.find((t) => t.extension === extension);
}

/** The name as the user gave it, without folders or control characters, at most 200 characters. */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned.length <= 200) return cleaned || 'tep-minh-chung';
  const extension = extensionOf(cleaned);
  return `${cleaned.slice(0, 190)}.${extension}`.slice(0, 200);
}

/** Never let a stored type make a browser render or run the file, whatever wrote the row. */
export function safeContentType(contentType: string): string {
  return /html|xml|javascript|ecmascript|svg/i.test(contentType) ? 'application/octet-stream' : contentType;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachmentDisposition(filename: string): string {
  const fallback =
    removeDiacritics(filename)
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
