import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  type FileChild,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

// The administrative layout of Decree 30/2020 (Nghị định 30/2020/NĐ-CP, Phụ lục I), written once for every
// .docx the app produces: A4 with margins 20/20/30/15 mm, Times New Roman, the issuing body at the top left
// and the national name and motto at the top right (a Party body's carries "ĐẢNG CỘNG SẢN VIỆT NAM"), then
// the body of the document, then "Nơi nhận" and the signature block side by side.

export const FONT = 'Times New Roman';

export interface LineStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  center?: boolean;
  /** Points; 14 by default, the size of the body text. */
  size?: number;
  /** Space before the paragraph, in points. */
  before?: number;
}

export const run = (text: string, style: LineStyle = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: (style.size ?? 14) * 2,
    bold: style.bold,
    italics: style.italics,
    ...(style.underline ? { underline: {} } : {}),
  });

/** One paragraph: justified body text, or centred. */
export const line = (text: string, style: LineStyle = {}) =>
  new Paragraph({
    alignment: style.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: (style.before ?? 0) * 20, after: 60 },
    children: [run(text, style)],
  });

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const cellOf = (children: Paragraph[], width: number, bordered: boolean) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(bordered ? {} : { borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } }),
  });

/** Two columns without borders: the heading and the signature block are laid out this way. */
function twoColumns(rows: Array<[Paragraph[], Paragraph[]]>, widths: [number, number]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: rows.map(
      ([left, right]) => new TableRow({ children: [cellOf(left, widths[0], false), cellOf(right, widths[1], false)] }),
    ),
  });
}

export interface Heading {
  /** The issuing body, printed in capitals. */
  issuer: string;
  party: boolean;
  /** "Số:      /BC", or null where the document carries no number. */
  numberLine: string | null;
  /** "Hà Nội, ngày 02 tháng 12 năm 2026" — already in the document's language. */
  placeAndDate: string;
  /** The national name and motto, in the document's language. */
  country?: { name: string; motto: string };
}

const VIETNAM = { name: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' };

/** The top of the first page: issuer and number on the left, national name, motto and date on the right. */
export function heading(h: Heading): Table {
  const country = h.country ?? VIETNAM;
  const right = h.party
    ? [line('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, center: true })]
    : [
        line(country.name, { bold: true, center: true, size: 13 }),
        line(country.motto, { bold: true, center: true, underline: true }),
      ];
  const issuer = [line(h.issuer.toUpperCase(), { bold: true, center: true, size: 13 })];
  const date = [line(h.placeAndDate, { italics: true, center: true })];
  return h.numberLine
    ? twoColumns(
        [
          [issuer, right],
          [[line(h.numberLine, { center: true, size: 13 })], date],
        ],
        [40, 60],
      )
    : twoColumns([[issuer, [...right, ...date]]], [40, 60]);
}

/** "Hà Nội, ngày 02 tháng 12 năm 2026" from an ISO day. */
export function placeAndDate(place: string, day: string): string {
  const [year, month, date] = day.split('-');
  return `${place}, ngày ${date} tháng ${month} năm ${year}`;
}

const FIGURE = /^[\d\s.,%/+—–-]*$/u;

/** A table with a bold header row repeated on each page; `widths` are percentages of the text width. */
export function grid(header: string[], rows: (string | number)[][], widths: number[], size = 13): Table {
  const row = (cells: (string | number)[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((text, i) => {
        // Header and figures centred; words left-aligned, since justified words in a narrow cell spread apart.
        const centred = bold || typeof text === 'number' || FIGURE.test(text);
        const paragraph = new Paragraph({
          alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { after: 40 },
          children: [run(String(text), { bold, size })],
        });
        return cellOf([paragraph], widths[i] ?? 10, true);
      }),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

/** "Nơi nhận" on the left, the signature block on the right. */
export function recipientsAndSignature(recipients: { title: string; lines: string[] }, signature: string[]): Table {
  return twoColumns(
    [
      [
        [
          line(recipients.title, { bold: true, italics: true, size: 12 }),
          ...recipients.lines.map((l) => line(l, { size: 11 })),
        ],
        signature.map((l, i) => line(l, { bold: i === 0, italics: i > 0, center: true })),
      ],
    ],
    [50, 50],
  );
}

/** The whole document on A4 with Decree 30's margins. */
export async function administrativeDocx(title: string, children: FileChild[]): Promise<Buffer> {
  const document = new Document({
    creator: 'giamsat',
    title,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
            },
          },
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}
