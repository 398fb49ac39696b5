// Text normalisation shared by every stage. Vietnamese has two accepted tone-mark placements
// ("hoá"/"hóa", "uỷ"/"ủy"): comparisons fold both to one so "Đảng uỷ" and "Đảng ủy" are the same body.

const TONE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['oá', 'óa'],
  ['oà', 'òa'],
  ['oả', 'ỏa'],
  ['oã', 'õa'],
  ['oạ', 'ọa'],
  ['oé', 'óe'],
  ['oè', 'òe'],
  ['oẻ', 'ỏe'],
  ['oẽ', 'õe'],
  ['oẹ', 'ọe'],
  ['uý', 'úy'],
  ['uỳ', 'ùy'],
  ['uỷ', 'ủy'],
  ['uỹ', 'ũy'],
  ['uỵ', 'ụy'],
];

/**
 * One tone-mark placement (the "new" style, óa/ủy), case preserved, length-preserving. Only open
 * syllables have two spellings ("hoá"/"hóa", "uỷ"/"ủy"); "hoàn", "toàn" and "quý" have one and are left alone.
 */
export function unifyTones(s: string): string {
  if (!OLD_STYLE.test(s)) return s;
  return s.replace(TONE_RE, (m, offset: number, whole: string) => {
    const prev = whole.charAt(offset - 1);
    if ((m.charAt(0) === 'u' || m.charAt(0) === 'U') && (prev === 'q' || prev === 'Q')) return m;
    const target = TONE_MAP.get(m.toLowerCase());
    if (!target) return m;
    const upperFirst = m.charAt(0) !== m.charAt(0).toLowerCase();
    const upperSecond = m.charAt(1) !== m.charAt(1).toLowerCase();
    return (
      (upperFirst ? target.charAt(0).toUpperCase() : target.charAt(0)) +
      (upperSecond ? target.charAt(1).toUpperCase() : target.charAt(1))
    );
  });
}

const OLD_STYLE = /[oOuU][áàảãạéèẻẽẹýỳỷỹỵÁÀẢÃẠÉÈẺẼẸÝỲỶỸỴ]/;
const TONE_MAP = new Map<string, string>(TONE_PAIRS.map(([a, b]) => [a, b]));
const TONE_RE = new RegExp(
  `(?:${TONE_PAIRS.map(([a]) => `${a}|${a.toUpperCase()}|${a.charAt(0).toUpperCase()}${a.slice(1)}`).join('|')})(?!\\p{L})`,
  'gu',
);

/** Key for comparing words: NFC, lower case, one tone placement, single spaces. */
export function fold(s: string): string {
  // The extractor's input is already NFC; decompose-and-compose only when combining marks are present.
  const nfc = COMBINING.test(s) ? s.normalize('NFC') : s;
  const lower = unifyTones(nfc.toLowerCase());
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
