// Input errors carry a stable code (the server and the web app map it to their own text) and a
// bilingual message for the CLI. They never carry a stack worth printing: the cause is the file.

export type ExtractionInputErrorCode =
  | 'UNSUPPORTED_FORMAT'
  | 'UNREADABLE_FILE'
  | 'EMPTY_DOCUMENT'
  | 'NOT_A_DIRECTIVE'
  | 'FILE_TOO_LARGE'
  | 'ARCHIVE_TOO_LARGE'
  | 'CONVERTER_MISSING'
  | 'OCR_UNAVAILABLE';

const MESSAGES: Record<ExtractionInputErrorCode, { vi: string; en: string }> = {
  UNSUPPORTED_FORMAT: {
    vi: 'Định dạng tệp không được hỗ trợ (nhận .docx, .doc, .odt, .pdf, .txt, .md, .xlsx, .csv).',
    en: 'Unsupported file format (accepted: .docx, .doc, .odt, .pdf, .txt, .md, .xlsx, .csv).',
  },
  UNREADABLE_FILE: {
    vi: 'Không đọc được tệp: tệp hỏng, bị mã hoá hoặc không phải văn bản.',
    en: 'The file cannot be read: it is damaged, encrypted or not text.',
  },
  EMPTY_DOCUMENT: {
    vi: 'Tệp không có nội dung văn bản.',
    en: 'The file contains no text.',
  },
  NOT_A_DIRECTIVE: {
    vi: 'Nội dung không phải là văn bản chỉ đạo bằng tiếng Việt.',
    en: 'The content is not a Vietnamese directive document.',
  },
  FILE_TOO_LARGE: {
    vi: 'Tệp quá lớn.',
    en: 'The file is too large.',
  },
  ARCHIVE_TOO_LARGE: {
    vi: 'Tệp nén (.docx, .xlsx, .odt) giải nén ra quá lớn: tệp hỏng hoặc không phải văn bản thật.',
    en: 'The archive (.docx, .xlsx, .odt) unpacks to too much data: it is damaged or not a real document.',
  },
  CONVERTER_MISSING: {
    vi: 'Máy chủ không có LibreOffice để đọc tệp Word cũ (.doc) hoặc .odt: hãy mở tệp và lưu lại thành .docx.',
    en: 'LibreOffice is not installed to read old Word (.doc) or .odt files: open the file and save it as .docx.',
  },
  OCR_UNAVAILABLE: {
    vi: 'Tệp PDF là bản quét (không có lớp chữ) và máy chủ không có Tesseract (tesseract-ocr-vie) để nhận dạng chữ.',
    en: 'The PDF is a scan (no text layer) and Tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed to read it.',
  },
};

export class ExtractionInputError extends Error {
  override readonly name = 'ExtractionInputError';
  readonly code: ExtractionInputErrorCode;
  readonly messageVi: string;
  readonly messageEn: string;
  /** What was found, for the person reading the message ("PNG image", "not UTF-8"). */
  readonly detail: string | undefined;

  constructor(code: ExtractionInputErrorCode, detail?: string, options?: { cause?: unknown }) {
    const { vi, en } = MESSAGES[code];
    const suffix = detail ? ` (${detail})` : '';
    super(`${code}: ${vi} / ${en}${suffix}`, options);
    this.code = code;
    this.messageVi = vi;
    this.messageEn = en;
    this.detail = detail;
  }
}

export function isExtractionInputError(error: unknown): error is ExtractionInputError {
  return error instanceof ExtractionInputError;
}
