import mammoth from 'mammoth';
import { ExtractionInputError } from './errors.ts';
import { htmlToLines } from './html-lines.ts';

/** .docx through mammoth's HTML (tables, lists, bold and italic survive), then to corpus-style lines. */
export async function readDocx(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    html = (
      await mammoth.convertToHtml(
        { buffer },
        {
          // An empty paragraph is an empty line: line numbers then count the document's paragraphs as
          // they stand, as a .txt saved from it counts its lines.
          ignoreEmptyParagraphs: false,
          externalFileAccess: false,
          // Images carry no tasks: skip base64-encoding them.
          convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        },
      )
    ).value;
  } catch (error) {
    throw new ExtractionInputError('UNREADABLE_FILE', 'damaged .docx', { cause: error });
  }
  return htmlToLines(html).join('\n');
}
