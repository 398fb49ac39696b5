// Zip archives written byte by byte, so a test can make a "zip bomb" that is small on disk and in
// memory: a run of deflate blocks of zeros, each block repeating the first (a full flush resets the
// compressor), 1037 bytes per unpacked MiB.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Stored as is, or already deflated (method 8). */
  data: Uint8Array;
  deflated?: boolean;
  /** What the directory claims the entry unpacks to (defaults to the truth for stored entries). */
  declaredSize?: number;
}

const MIB = 1024 * 1024;
const block = deflateRawSync(Buffer.alloc(MIB), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });

/** A raw deflate stream that unpacks to `mib` MiB of zero bytes. */
export function deflatedZeros(mib: number): Uint8Array {
  return Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
}

export function deflated(text: string): Uint8Array {
  return deflateRawSync(Buffer.from(text, 'utf8'));
}

/**
 * The fields an entry's local header and its central directory record share, in the same order
 * from "version needed" to the name's length; `at` is where they start (the central record has
 * "version made by" before them).
 */
function writeEntryFields(
  header: Buffer,
  at: number,
  fields: { deflated: boolean; crc: number; packed: number; size: number; nameLength: number },
): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(fields.deflated ? 8 : 0, at + 4);
  header.writeUInt32LE(fields.crc, at + 10);
  header.writeUInt32LE(fields.packed, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(fields.nameLength, at + 22);
}

/** A zip archive of the entries, with a central directory the way JSZip and LibreOffice read it. */
export function zipArchive(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data);
    const size = entry.declaredSize ?? data.length;
    const crc = entry.deflated ? 0 : crc32(data);
    const fields = { deflated: entry.deflated ?? false, crc, packed: data.length, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    writeEntryFields(central, 6, fields);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A .docx-shaped archive whose word/document.xml unpacks to `mib` MiB of zeros; `honest` says so in
 * the directory, otherwise the directory claims a few hundred bytes.
 */
export function docxBomb(mib: number, { honest }: { honest: boolean }): Uint8Array {
  return zipArchive([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    {
      name: 'word/document.xml',
      data: deflatedZeros(mib),
      deflated: true,
      declaredSize: honest ? mib * MIB : 400,
    },
  ]);
}
