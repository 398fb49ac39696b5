// Text normalisation shared by every stage. Vietnamese has two accepted tone-mark placements
// ("hoá"/"hóa", "uỷ"/"ủy"): comparisons put every one in the old style (toOldToneMarks), so "Đảng uỷ"
// and "Đảng ủy" are the same body.
import { toOldToneMarks } from '@giamsat/shared/text';

/** Key for comparing words: NFC, lower case, one tone placement, single spaces. */
export function fold(s: string): string {
  // The extractor's input is already NFC; decompose-and-compose only when combining marks are present.
  const nfc = COMBINING.test(s) ? s.normalize('NFC') : s;
  const lower = toOldToneMarks(nfc.toLowerCase());
  // Most text is already single-spaced: collapse only when a run or a tab/newline is present.
  return (ODD_SPACE.test(lower) ? lower.replace(/\s+/g, ' ') : lower).trim();
}

const COMBINING = /[\u0300-\u036f]/;
const ODD_SPACE = /\s\s|[^\S ]/;

/**
 * fold() of the first `chars` characters of `s` (whole words, at least `chars` of the input when
 * it is that long): exactly a prefix of fold(s), cut where `s` has white space. A pattern anchored
 * at the start that looks at no more than that many characters answers the same on it as on
 * fold(s), without folding a long sentence to read its first words.
 */
export function foldHead(s: string, chars = 120): string {
  let cut = chars;
  while (cut < s.length && !SPACE.test(s.charAt(cut))) cut++;
  return fold(cut < s.length ? s.slice(0, cut) : s);
}

/** fold() of the last `chars` characters of `s` (whole words): exactly a suffix of fold(s), for patterns anchored at the end. */
export function foldTail(s: string, chars = 120): string {
  let cut = s.length - chars;
  while (cut > 0 && !SPACE.test(s.charAt(cut))) cut--;
  return fold(cut > 0 ? s.slice(cut) : s);
}

const SPACE = /\s/;

/** Markdown and stray HTML removed, spacing kept readable. Linear: no nested quantifiers. */
export function stripMarkup(s: string): string {
  // Most lines carry no markup at all.
  if (!/[*_<#\\&\t\u00a0]|\s\s/.test(s)) return s.trim();
  // Each rewrite runs only when its character is present (a rewrite that cannot match changes nothing).
  let t = s.includes('<') ? s.replace(/<[^<>]{0,300}>/g, ' ') : s;
  if (t.includes('\\')) t = t.replace(/\\([*_#-])/g, '$1');
  if (t.includes('*') || t.includes('_')) {
    t = t.replace(/\*\*|__/g, '');
    // A single '*' or '_' wrapping words is italics; a lone '*' (an ornament line) is dropped too.
    t = t.replace(/(^|[\s(“"'])[*_](?=\S)/g, '$1').replace(/(\S)[*_](?=$|[\s).,;:”"'])/g, '$1');
  }
  if (t.charAt(0) === '#') t = t.replace(/^#{1,6}\s+/, '');
  if (t.includes('&')) t = t.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
  return t.replace(/[ \t\u00a0]+/g, ' ').trim();
}

/** Upper-cases the first letter (bodies are written "Các bộ, ngành" at the head of a list). */
export function capitalizeFirst(s: string): string {
  if (!s) return s;
  const first = s.charAt(0);
  return first.toUpperCase() + s.slice(1);
}

const LETTER = /\p{L}/u;
/** True when the line has letters and none of them is lower case (a header line such as "THÔNG BÁO"). */
export function isUpperLine(s: string): boolean {
  let letters = 0;
  for (const ch of s) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (ch !== ch.toUpperCase()) return false;
  }
  return letters >= 2;
}

export function startsLower(s: string): boolean {
  const ch = s.charAt(0);
  return LETTER.test(ch) && ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}
