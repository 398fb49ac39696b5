// How Vietnamese text is normalised, everywhere: tone-mark placement, diacritic folding, slugs.
// The server, the web app and the extraction library import it as '@giamsat/shared/text' (no
// dependencies, so the browser and the library take it without zod).

// ── Tone-mark placement ──────────────────────────────────────────────────────────────────────
// The open rhymes "oa", "oe" and "uy" carry their tone mark in one of two accepted places:
// - the old style (kiểu cũ), on the first vowel: "hòa", "khỏe", "thủy", "Ủy ban";
// - the new style (kiểu mới, taught in schools), on the main vowel: "hoà", "khoẻ", "thuỷ", "Uỷ ban".
// Both appear in directives, often mixed in one name ("Uỷ ban nhân dân tỉnh Thanh Hóa").
// Only a rhyme that ends the syllable moves ("hoàn", "thuyết" have one placement), and only when
// what comes before it is a consonant or nothing: in "quý" the "u" belongs to "qu" and "ý" is the
// vowel, so "quý" has one placement too.

const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // sắc, huyền, hỏi, ngã, nặng
const MOVABLE_RHYMES = ['oa', 'oe', 'uy'] as const;

/** Old-style spelling of each movable rhyme → new-style spelling, and back, in every letter case. */
const OLD_TO_NEW = new Map<string, string>();
const NEW_TO_OLD = new Map<string, string>();
for (const rhyme of MOVABLE_RHYMES) {
  for (const tone of TONES) {
    for (const [first, second] of [
      [rhyme[0]!, rhyme[1]!],
      [rhyme[0]!.toUpperCase(), rhyme[1]!],
      [rhyme[0]!, rhyme[1]!.toUpperCase()],
      [rhyme[0]!.toUpperCase(), rhyme[1]!.toUpperCase()],
    ]) {
      const old = `${first}${tone}${second}`.normalize('NFC');
      const recent = `${first}${second}${tone}`.normalize('NFC');
      OLD_TO_NEW.set(old, recent);
      NEW_TO_OLD.set(recent, old);
    }
  }
}

const chars = (keys: Iterable<string>, at: 0 | 1) => [...new Set([...keys].map((k) => k.charAt(at)))].join('');
const movable = (map: Map<string, string>) => ({
  map,
  // Cheap test first: most text has no such pair at all.
  present: new RegExp(`[${chars(map.keys(), 0)}][${chars(map.keys(), 1)}]`),
  // The rhyme at the end of a word; what comes before it is checked on each match (cheaper than a lookbehind).
  pattern: new RegExp(`(?:${[...map.keys()].join('|')})(?![\\p{L}\\p{M}])`, 'gu'),
});
const OLD_STYLE = movable(OLD_TO_NEW);
const NEW_STYLE = movable(NEW_TO_OLD);
// A rhyme moves at the start of a word or after a consonant of the onset ("h" of "hoà", "th" of "thuỷ"),
// not after "q" or a vowel.
const ONSET_END = /[bcdđghklmnprstvxBCDĐGHKLMNPRSTVX]/;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
// The combining marks NFD Vietnamese is written with (a Unicode-property test would cost ten times more).
const COMBINING_MARK = /[\u0300-\u036f]/;

function respell(text: string, from: ReturnType<typeof movable>): string {
  // Precomposed (NFC) text is the rule; decompose-and-compose only when combining marks are present.
  const nfc = COMBINING_MARK.test(text) ? text.normalize('NFC') : text;
  if (!from.present.test(nfc)) return nfc;
  return nfc.replace(from.pattern, (rhyme: string, offset: number) => {
    const before = nfc.charAt(offset - 1);
    const startsSyllable = before === '' || ONSET_END.test(before) || !LETTER_OR_MARK.test(before);
    return startsSyllable ? (from.map.get(rhyme) ?? rhyme) : rhyme;
  });
}

/** The text (NFC) with every movable tone mark in the old style, on the first vowel: "Thanh Hóa", "Ủy ban". */
export function toOldToneMarks(text: string): string {
  return respell(text, NEW_STYLE);
}

/** The text (NFC) with every movable tone mark in the new style, on the main vowel: "Thanh Hoá", "Uỷ ban". */
export function toNewToneMarks(text: string): string {
  return respell(text, OLD_STYLE);
}

/** The other ways the same words are written with the tone marks moved, NFC (empty when there are none). */
export function toneMarkVariants(text: string): string[] {
  const written = text.normalize('NFC');
  return [...new Set([toOldToneMarks(written), toNewToneMarks(written)])].filter((s) => s !== written);
}

// ── Spacing ──────────────────────────────────────────────────────────────────────────────────

/** A name as it is stored and compared: NFC, runs of white space as one space, trimmed. */
export function tidyText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// ── Diacritics ───────────────────────────────────────────────────────────────────────────────

/**
 * The letters without their diacritics, case kept: "Đà Nẵng" → "Da Nang". "đ" is a letter of its
 * own, not "d" with a combining mark, so it is replaced by name.
 */
export function removeDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * Typography that PostgreSQL's unaccent() also writes plainly, limited to what Vietnamese documents
 * use: dashes, curly quotes, the ellipsis, guillemets, the soft hyphen.
 */
const TYPOGRAPHY: Record<string, string> = {
  '\u00ad': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '‘': "'",
  '’': "'",
  '‛': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '‟': '"',
  '″': '"',
  '…': '...',
  '«': '<<',
  '»': '>>',
};
const TYPOGRAPHY_CHARS = new RegExp(`[${Object.keys(TYPOGRAPHY).join('')}]`, 'g');

/**
 * What search compares: no diacritics, plain punctuation, lower case ("Thành phố Hồ Chí Minh" →
 * "thanh pho ho chi minh"; "hoá" and "hóa" both → "hoa"). The SQL function search_norm()
 * (server/db/functions/search_norm.sql) computes the same for Vietnamese text, in indexes and
 * queries; server/src/db/search-norm.test.ts keeps the two equal.
 */
export function foldForSearch(text: string): string {
  return removeDiacritics(text)
    .replace(TYPOGRAPHY_CHARS, (c) => TYPOGRAPHY[c] ?? c)
    .toLowerCase();
}

/**
 * A name a document wrote, as two writings of it are compared: its spacing tidied, then folded as
 * search folds it ("Sở TT&TT  Tỉnh" and "sở TT&TT tỉnh" are one name).
 */
export function writtenNameKey(text: string): string {
  return foldForSearch(tidyText(text));
}

// ── Slugs ────────────────────────────────────────────────────────────────────────────────────

/**
 * An ASCII identifier made from a name: "Sở Khoa học và Công nghệ tỉnh Thanh Hóa" →
 * "so-khoa-hoc-va-cong-nghe-tinh-thanh-hoa". Lower-case letters and digits joined by single hyphens,
 * at most `maxLength` characters (no hyphen left at the cut); empty when the name has no letter or
 * digit. Slugs are stored (bodies, registry ids), so this must not change for names already slugged.
 */
export function slugify(text: string, maxLength = 80): string {
  return removeDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
