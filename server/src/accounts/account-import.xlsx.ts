import type { Role } from '@giamsat/shared';
import { foldForSearch } from '@giamsat/shared/text';
import ExcelJS from 'exceljs';

// The spreadsheet of accounts to create: one row per account (body, full name, e-mail, role, and the
// body's parent when its name alone is shared by several bodies). Its first row is the header; the
// columns are read by position, so the template's words may be translated or changed.

export const ACCOUNT_IMPORT_COLUMNS = {
  vi: ['Cơ quan, đơn vị', 'Họ và tên', 'Thư điện tử', 'Vai trò', 'Trực thuộc (khi tên cơ quan bị trùng)'],
  en: ['Body', 'Full name', 'E-mail', 'Role', 'Under (when the body name is shared)'],
} as const;

/** At most this many accounts per file: every commune of the country fits in one. */
export const MAX_ACCOUNT_ROWS = 5000;

export interface WrittenAccountRow {
  line: number;
  body: string;
  fullName: string;
  email: string;
  role: string;
  under: string;
}

/**
 * The words a spreadsheet may write for a role, folded (no diacritics, lower case): the role's code and
 * its names in Vietnamese and English. Only the roles a file may create are here; the others are known to
 * be refused (role_not_in_bulk) rather than unknown.
 */
const ROLE_WORDS: Record<string, Role> = {
  focal: 'focal',
  'dau moi': 'focal',
  'can bo dau moi': 'focal',
  'focal point': 'focal',
  head: 'head',
  'lanh dao': 'head',
  'lanh dao co quan': 'head',
  inspector: 'inspector',
  'kiem tra': 'inspector',
  'kiem tra, giam sat': 'inspector',
  'kiem tra giam sat': 'inspector',
  'thanh tra': 'inspector',
  admin: 'admin',
  'quan tri': 'admin',
  'quan tri vien': 'admin',
  administrator: 'admin',
  office: 'office',
  'co quan thuong truc': 'office',
  'van phong thuong truc': 'office',
  'standing office': 'office',
};

/** A role as a spreadsheet wrote it → the role, or null when the words name none. */
export function readRole(written: string): Role | null {
  const key = foldForSearch(written).replace(/\s+/g, ' ').trim();
  return ROLE_WORDS[key] ?? null;
}

/** Thrown when the bytes are not a spreadsheet ExcelJS can read. */
export class UnreadableSpreadsheet extends Error {}

const cellText = (row: ExcelJS.Row, column: number): string => {
  const cell = row.getCell(column);
  // A hyperlinked e-mail cell's text is its label; a formula's, its result.
  const text = cell.text ?? '';
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
};

/**
 * The account rows of the first worksheet, the header skipped and blank rows left out. Returns more than
 * MAX_ACCOUNT_ROWS rows only up to one past it (the caller refuses the file).
 */
export async function readAccountRows(bytes: Uint8Array): Promise<WrittenAccountRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableSpreadsheet(error instanceof Error ? error.message : String(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: WrittenAccountRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1 || rows.length > MAX_ACCOUNT_ROWS) return;
    const written = {
      line,
      body: cellText(row, 1),
      fullName: cellText(row, 2),
      email: cellText(row, 3),
      role: cellText(row, 4),
      under: cellText(row, 5),
    };
    if (written.body || written.fullName || written.email || written.role) rows.push(written);
  });
  return rows;
}

/** The template to fill in: the header in the chosen language, column widths, and no example rows. */
export async function accountImportTemplate(language: 'vi' | 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(language === 'en' ? 'Accounts' : 'Tai khoan');
  sheet.columns = ACCOUNT_IMPORT_COLUMNS[language].map((header, i) => ({
    header,
    width: [40, 28, 32, 16, 36][i] ?? 20,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // The role column offers the roles a file may create.
  const roles = language === 'en' ? '"focal,head,inspector"' : '"Đầu mối,Lãnh đạo,Kiểm tra"';
  for (let line = 2; line <= 200; line++) {
    sheet.getCell(line, 4).dataValidation = { type: 'list', allowBlank: true, formulae: [roles] };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
