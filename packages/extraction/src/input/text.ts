import { foldForSearch } from '@giamsat/shared/text';
import { ExtractionInputError } from './errors.ts';

/**
 * Text as the extractor and the line numbers see it: NFC (files arrive in NFC or NFD, and the
 * tone mark of "hoá" must compare equal either way), "\n" line ends, no BOM. Nothing else is
 * rewritten, so a line number still points at the same line of the original file.
 */
export function normalizeText(raw: string): string {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  text = text.normalize('NFC');
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes('\u2028') || text.includes('\u2029')) text = text.replace(/[\u2028\u2029]/g, '\n');
  return text;
}

function isBinaryControl(code: number): boolean {
  // Tab, line feed, vertical tab, form feed and carriage return occur in real text files.
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d;
}

/** A NUL, or many other control characters, means the bytes are not a text file. */
function assertNotBinary(text: string): void {
  const sample = Math.min(text.length, 1 << 16);
  let controls = 0;
  for (let i = 0; i < sample; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw new ExtractionInputError('UNREADABLE_FILE', 'binary data, not text');
    if (isBinaryControl(code)) controls++;
  }
  if (controls > 8 && controls * 100 > sample)
    throw new ExtractionInputError('UNREADABLE_FILE', 'binary data, not text');
}

/** Decode a .txt/.md upload: UTF-8 (BOM optional), or UTF-16 when it starts with a UTF-16 BOM. */
export function decodeTextFile(bytes: Uint8Array): string {
  let raw: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    raw = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    raw = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    raw = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
    // A stray invalid byte (a truncated copy) is tolerated; a file of them is another encoding
    // (TCVN3, VNI, Windows-1258) or not text at all.
    let replaced = 0;
    for (let i = raw.indexOf('\uFFFD'); i !== -1; i = raw.indexOf('\uFFFD', i + 1)) replaced++;
    if (replaced > 3 && replaced * 1000 > raw.length) {
      throw new ExtractionInputError('UNREADABLE_FILE', 'not UTF-8 text; save the file as UTF-8');
    }
  }
  assertNotBinary(raw);
  return normalizeText(raw);
}

// Words every directive uses somewhere: its type, its verbs of assignment, its bodies.
const DIRECTIVE_WORDS = [
  'nhiem vu',
  'chu tri',
  'phoi hop',
  'ke hoach',
  'thong bao',
  'cong van',
  'chi thi',
  'nghi quyet',
  'quyet dinh',
  'ket luan',
  'trien khai',
  'thuc hien',
  'bao cao',
  'hoan thanh',
  'chi dao',
  'ubnd',
  'uy ban',
  'so hieu',
  'to chuc',
  'giao ',
];

/** How far into the text the check looks: a directive says what it is early on. */
const DIRECTIVE_CHECK_CHARS = 200_000;

/**
 * A deliberately lenient test: rejecting a real directive is worse than letting a stray text
 * through (the extractor then simply finds no tasks), so one administrative word is enough.
 */
export function looksLikeDirective(text: string): boolean {
  const folded = foldForSearch(text.slice(0, DIRECTIVE_CHECK_CHARS));
  return DIRECTIVE_WORDS.some((word) => folded.includes(word));
}
