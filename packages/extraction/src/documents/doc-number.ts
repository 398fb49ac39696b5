// Document numbers ("Số 01 -KH/BCĐ" → "01-KH/BCĐ"): no spaces around '-' and '/'.

export function normalizeDocNumber(s: string): string {
  return s
    .normalize('NFC')
    .replace(/^số\s*/iu, '')
    .replace(/\s*([-–/])\s*/g, (_m, sep: string) => (sep === '–' ? '-' : sep))
    .replace(/\s+/g, '')
    .replace(/[.,;:)]+$/, '');
}
