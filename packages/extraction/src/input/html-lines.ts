// Turns the HTML mammoth makes from a .docx into the line format of the corpus .txt files:
// one paragraph per line, one table row per line with its cells joined by a TAB, bold and italic
// kept as Markdown ** and * (the extractor reads them as hints). A single pass over the tags,
// so the time is linear in the HTML whatever the nesting.

const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'blockquote',
  'pre',
  'dt',
  'dd',
  'caption',
]);
const BOLD_TAGS = new Set(['strong', 'b']);
const ITALIC_TAGS = new Set(['em', 'i']);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function trimEndIndex(text: string): number {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0xa0)) end--;
  return end;
}

/** One line being written, with Markdown markers opened lazily and closed before trailing spaces. */
export class StyledLine {
  private text = '';
  private bold = false;
  private italic = false;

  write(chunk: string, bold: boolean, italic: boolean): void {
    if (chunk.trim() === '') {
      if (this.text !== '' && chunk !== '') this.text += ' ';
      return;
    }
    if (bold !== this.bold || italic !== this.italic) {
      this.close();
      if (bold) this.text += '**';
      if (italic) this.text += '*';
      this.bold = bold;
      this.italic = italic;
    }
    this.text += chunk;
  }

  private close(): void {
    if (!this.bold && !this.italic) return;
    const end = trimEndIndex(this.text);
    const trailing = this.text.slice(end);
    this.text = this.text.slice(0, end) + (this.italic ? '*' : '') + (this.bold ? '**' : '') + trailing;
    this.bold = false;
    this.italic = false;
  }

  finish(): string {
    this.close();
    const line = this.text.replace(/ {2,}/g, ' ').trim();
    this.text = '';
    return line;
  }

  get isEmpty(): boolean {
    return this.text.trim() === '';
  }
}

interface CellBuilder {
  paragraphs: string[];
  colspan: number;
  rowspan: number;
}

interface TableBuilder {
  rows: string[][];
  row: string[] | null;
  cell: CellBuilder | null;
  /** For each column, how many more rows a cell above still covers (a vertically merged cell). */
  covered: number[];
}

function attribute(tag: string, name: string): string | undefined {
  const at = tag.indexOf(`${name}="`);
  if (at === -1) return undefined;
  const start = at + name.length + 2;
  const end = tag.indexOf('"', start);
  return end === -1 ? undefined : tag.slice(start, end);
}

function spanOf(tag: string, name: string): number {
  const value = Number.parseInt(attribute(tag, name) ?? '1', 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 1000) : 1;
}

/**
 * A cell's paragraphs on one line. A paragraph that ends without punctuation and a next one that
 * opens with a capital are two entries ("Sở Y tế" / "Sở Tài chính" in a lead cell): a "; " keeps
 * them apart; otherwise a space joins a paragraph that goes on.
 */
function joinCellParagraphs(cell: string): string {
  if (!cell.includes('\n')) return cell;
  const parts = cell.split('\n');
  let out = parts[0] ?? '';
  for (let k = 1; k < parts.length; k++) {
    const next = parts[k] ?? '';
    const separate = /[\p{L}\p{N})*]$/u.test(out) && /^[*_]*[\p{Lu}]/u.test(next);
    out += (separate ? '; ' : ' ') + next;
  }
  return out;
}

/** Tables of at most two columns are layout (the header block, the signature block), not task tables. */
function renderTable(rows: string[][]): string[] {
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const lines: string[] = [];
  for (const row of rows) {
    if (row.every((cell) => cell === '')) continue;
    if (width <= 2) {
      for (const cell of row) if (cell !== '') lines.push(...cell.split('\n'));
    } else {
      while (row.length < width) row.push('');
      lines.push(row.map(joinCellParagraphs).join('\t'));
    }
  }
  return lines;
}

export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  const tables: TableBuilder[] = [];
  const lists: Array<{ ordered: boolean; count: number }> = [];
  const line = new StyledLine();
  let boldDepth = 0;
  let italicDepth = 0;
  let skipDepth = 0; // inside a footnote back-link or other text that is not the document's
  let pendingPrefix = '';
  /** Inside a <p> outside tables that has written no line yet: an empty paragraph keeps its line. */
  let emptyParagraph = false;

  const emit = (text: string): void => {
    if (text !== '') emptyParagraph = false;
    const table = tables[tables.length - 1];
    if (table?.cell) {
      if (text !== '') table.cell.paragraphs.push(text);
    } else if (table) {
      // Text between cells (rare in mammoth output): keep it in the row's last cell.
      if (text !== '' && table.row) table.row.push(text);
    } else if (text !== '') {
      lines.push(text);
    }
  };
  const flush = (): void => {
    if (line.isEmpty) {
      line.finish();
      return;
    }
    emit(line.finish());
  };
  const writeText = (raw: string): void => {
    if (skipDepth > 0 || raw === '') return;
    const text = decodeEntities(raw).replace(/[\t\r\n\u00a0]+/g, ' ');
    if (pendingPrefix !== '' && text.trim() !== '') {
      line.write(pendingPrefix, false, false);
      pendingPrefix = '';
    }
    line.write(text, boldDepth > 0, italicDepth > 0);
  };
  const fillCovered = (table: TableBuilder, row: string[]): void => {
    while ((table.covered[row.length] ?? 0) > 0) {
      table.covered[row.length] = (table.covered[row.length] ?? 1) - 1;
      row.push('');
    }
  };
  const endCell = (table: TableBuilder): void => {
    if (!table.cell || !table.row) return;
    flush();
    const cell = table.cell;
    table.cell = null;
    const column = table.row.length;
    table.row.push(cell.paragraphs.join('\n'));
    if (cell.rowspan > 1) table.covered[column] = cell.rowspan - 1;
    for (let i = 1; i < cell.colspan; i++) {
      if (cell.rowspan > 1) table.covered[column + i] = cell.rowspan - 1;
      table.row.push('');
    }
  };
  const endRow = (table: TableBuilder): void => {
    endCell(table);
    if (!table.row) return;
    fillCovered(table, table.row);
    for (let col = table.row.length; col < table.covered.length; col++) {
      if ((table.covered[col] ?? 0) > 0) {
        while (table.row.length < col) table.row.push('');
        table.covered[col] = (table.covered[col] ?? 1) - 1;
        table.row.push('');
      }
    }
    table.rows.push(table.row);
    table.row = null;
  };

  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) {
      writeText(html.slice(i));
      break;
    }
    if (open > i) writeText(html.slice(i, open));
    const close = html.indexOf('>', open + 1);
    if (close === -1) {
      writeText(html.slice(open));
      break;
    }
    const tag = html.slice(open + 1, close);
    i = close + 1;
    const closing = tag.startsWith('/');
    const nameEnd = tag.search(/[\s/>]|$/);
    const name = (closing ? tag.slice(1).trim() : tag.slice(0, nameEnd === 0 ? tag.length : nameEnd)).toLowerCase();

    if (BOLD_TAGS.has(name)) boldDepth = Math.max(0, boldDepth + (closing ? -1 : 1));
    else if (ITALIC_TAGS.has(name)) italicDepth = Math.max(0, italicDepth + (closing ? -1 : 1));
    else if (name === 'a') {
      if (closing) skipDepth = Math.max(0, skipDepth - (skipDepth > 0 ? 1 : 0));
      else if (/href="#(footnote|endnote|comment)-ref-/.test(tag)) skipDepth++;
    } else if (name === 'br') {
      flush();
    } else if (BLOCK_TAGS.has(name)) {
      flush();
      if (name === 'p' && tables.length === 0 && lists.length === 0) {
        if (!closing) emptyParagraph = true;
        else if (emptyParagraph) {
          lines.push('');
          emptyParagraph = false;
        }
      }
    } else if (name === 'ul' || name === 'ol') {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
    } else if (name === 'li') {
      flush();
      pendingPrefix = '';
      if (!closing) {
        const list = lists[lists.length - 1];
        const id = attribute(tag, 'id') ?? '';
        if (list) list.count++;
        // Footnotes become "[1] …", never "1. …", which would read as a numbered task.
        if (/^(footnote|endnote)-/.test(id)) pendingPrefix = `[${list?.count ?? 1}] `;
        else if (list?.ordered) pendingPrefix = `${list.count}. `;
        else pendingPrefix = '- ';
      }
    } else if (name === 'table') {
      flush();
      if (!closing) {
        tables.push({ rows: [], row: null, cell: null, covered: [] });
      } else {
        const table = tables.pop();
        if (table) {
          endRow(table);
          const rendered = renderTable(table.rows);
          const outer = tables[tables.length - 1];
          if (outer?.cell) outer.cell.paragraphs.push(...rendered.map((row) => row.replace(/\t/g, ' ')));
          else lines.push(...rendered);
        }
      }
    } else if (name === 'tr') {
      const table = tables[tables.length - 1];
      if (table) {
        endRow(table);
        if (!closing) table.row = [];
      }
    } else if (name === 'td' || name === 'th') {
      const table = tables[tables.length - 1];
      if (table) {
        endCell(table);
        if (!closing) {
          if (!table.row) table.row = [];
          fillCovered(table, table.row);
          table.cell = { paragraphs: [], colspan: spanOf(tag, 'colspan'), rowspan: spanOf(tag, 'rowspan') };
        }
      }
    }
    // Other tags (img, sup, sub, u, s, span, thead, tbody) carry no structure worth keeping.
  }
  flush();
  while (tables.length > 0) {
    const table = tables.pop();
    if (table) {
      endRow(table);
      lines.push(...renderTable(table.rows));
    }
  }
  return lines;
}
