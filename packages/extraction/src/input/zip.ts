// .docx, .xlsx and .odt are zip archives, and the readers behind them (mammoth and ExcelJS through
// JSZip, LibreOffice) unpack whole entries into memory. A 2 MB archive can unpack to gigabytes (a
// "zip bomb"), so every zip input is measured here first, entry by entry as the central directory
// lists them (the readers' own map), without keeping what it unpacks.
import { createInflateRaw } from 'node:zlib';
import { ExtractionInputError } from './errors.ts';

/**
 * What all entries of one archive may unpack to. A long directive with tables is a few MB of XML;
 * photos inside a .docx are stored or barely compressed, so they unpack to about the upload's size.
 */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const MAX32 = 0xffffffff;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const damaged = (detail: string) => new ExtractionInputError('UNREADABLE_FILE', `zip archive: ${detail}`);
const tooLarge = (detail: string) => new ExtractionInputError('ARCHIVE_TOO_LARGE', detail);

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Refuses a zip archive whose entries declare, or actually unpack to, more than `limit` bytes in all
 * (ARCHIVE_TOO_LARGE), or whose directory cannot be read (UNREADABLE_FILE). Bytes that are not a zip
 * archive pass untouched. Unpacking is streamed and counted, never kept: memory stays flat however
 * large the archive claims to be, and an entry is cut off one byte past what it declared.
 */
export async function checkZipArchive(bytes: Uint8Array, limit = MAX_UNPACKED_BYTES): Promise<void> {
  if (!isZip(bytes)) return;
  const entries = readCentralDirectory(bytes);
  let declared = 0;
  for (const entry of entries) {
    declared += entry.declaredSize;
    if (declared > limit) throw tooLarge(`entries declare more than ${limit} bytes unpacked`);
  }
  for (const entry of entries) {
    const unpacked = await unpackedSize(bytes, entry);
    if (unpacked > entry.declaredSize)
      throw tooLarge(`${entry.name} unpacks to more than the ${entry.declaredSize} bytes it declares`);
  }
}

function readCentralDirectory(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65535.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged('no central directory');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === MAX32) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw damaged('no zip64 directory');
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_EOCD) throw damaged('bad zip64 record');
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_ENTRY) throw damaged('bad directory entry');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('utf8');
    const entry: Entry = {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      declaredSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64Sizes(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order, when flagged. */
function readZip64Sizes(view: DataView, start: number, length: number, entry: Entry): void {
  const fields = (['declaredSize', 'compressedSize', 'localOffset'] as const).filter((f) => entry[f] === MAX32);
  if (fields.length === 0) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      fields.forEach((field, i) => {
        if (8 * (i + 1) > size) throw damaged('short zip64 field');
        entry[field] = Number(view.getBigUint64(at + 4 + 8 * i, true));
      });
      return;
    }
    at += 4 + size;
  }
  throw damaged('missing zip64 sizes');
}

/** How many bytes the entry unpacks to, counting at most one byte past what it declares. */
async function unpackedSize(bytes: Uint8Array, entry: Entry): Promise<number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_ENTRY) throw damaged('bad entry header');
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = Math.min(bytes.length, start + entry.compressedSize);
  if (start > end) throw damaged('entry past the end');
  if (entry.method === STORED) return end - start;
  if (entry.method !== DEFLATED) throw damaged(`compression method ${entry.method}`);
  const cap = entry.declaredSize + 1;
  return new Promise<number>((resolve, reject) => {
    // Large output chunks: counting, not keeping, so fewer callbacks is all that matters.
    const inflate = createInflateRaw({ chunkSize: 1024 * 1024 });
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total >= cap) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('error', () => reject(damaged(`${entry.name} is not valid deflate data`)));
    inflate.on('end', () => resolve(total));
    inflate.end(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start));
  });
}
