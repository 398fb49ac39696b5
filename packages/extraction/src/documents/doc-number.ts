// Document numbers ("Số 01 -KH/BCĐ" → "01-KH/BCĐ"): no spaces around '-' and '/'.

export function normalizeDocNumber(s: string): string {
  return s
    .normalize('NFC')
    .replace(/^số\s*/iu, '')
    .replace(/\s*([-–/])\s*/g, (_m, sep: string) => (sep === '–' ? '-' : sep))
    .replace(/\s+/g, '')
    .replace(/[.,;:)]+$/, '');
}

/** "số 07-TB/CQTTBCĐ", "Kế hoạch số 02 KH/BCĐTW": a number with a code and an issuer part. */
export const DOC_NUMBER_IN_TEXT = /số\s*(\d[\p{L}\d.]*\s?[-–]?\s?\p{L}[\p{L}\d]*(?:\s?\/\s?[\p{L}\d][\p{L}\d-]*){1,3})/giu;
