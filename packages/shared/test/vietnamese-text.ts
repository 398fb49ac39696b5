// Generated Vietnamese text for property tests of the normaliser (here) and of SQL search_norm()
// (server/src/db/search-norm.test.ts): syllables built from onsets, vowels, codas and the five tone
// marks placed on either vowel, in lower, title and upper case, NFC or NFD, joined by the spacing and
// punctuation directives use.
import fc from 'fast-check';

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh'];
const MORE_ONSETS = ['p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
const NUCLEI = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uy', 'uê', 'ia', 'iê'];
const MORE_NUCLEI = ['ua', 'uô', 'ưa', 'ươ', 'oă', 'uơ', 'yê', 'uyê', 'oo'];
const CODAS = ['', '', '', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'i', 'o', 'u', 'y'];
/** Sắc, huyền, hỏi, ngã, nặng as combining marks. */
export const TONE_MARKS = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;
const SEPARATORS = [' ', ' ', ' ', '  ', ', ', '. ', '; ', ': ', '-', ' - ', '/', ' (', ') ', '\n', '\t', '\u00a0'];
const TYPOGRAPHY = ['“', '”', '‘', '’', '–', '—', '…', '«', '»', '\u00ad', '−'];

const syllable = fc
  .record({
    onset: fc.constantFrom(...ONSETS, ...MORE_ONSETS),
    nucleus: fc.constantFrom(...NUCLEI, ...MORE_NUCLEI),
    coda: fc.constantFrom(...CODAS),
    tone: fc.option(fc.constantFrom(...TONE_MARKS), { nil: undefined }),
    toneOnLast: fc.boolean(),
    letterCase: fc.constantFrom('lower', 'title', 'upper'),
  })
  .map(({ onset, nucleus, coda, tone, toneOnLast, letterCase }) => {
    // The tone mark on the first or the last vowel of the nucleus: both placements, and some no one writes.
    const at = toneOnLast ? nucleus.length : 1;
    const vowels = tone ? `${nucleus.slice(0, at)}${tone}${nucleus.slice(at)}` : nucleus;
    const word = `${onset}${vowels}${coda}`.normalize('NFC');
    if (letterCase === 'upper') return word.toUpperCase();
    if (letterCase === 'title') return word.charAt(0).toUpperCase() + word.slice(1);
    return word;
  });

const separator = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 2, arbitrary: fc.constantFrom(...TYPOGRAPHY) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2030 }).map((n) => ` ${n}/`) },
);

/** A run of Vietnamese words with spacing and punctuation, as NFC or as NFD (files arrive in both). */
export const vietnameseText = fc
  .tuple(fc.array(fc.tuple(syllable, separator), { maxLength: 12 }), fc.constantFrom('NFC', 'NFD'))
  .map(([words, form]) => words.flat().join('').normalize(form));

/** Every letter of the alphabet with every tone, lower and upper case, NFC and NFD. */
export function everyVietnameseLetter(): string[] {
  const letters: string[] = ['đ', 'Đ'];
  for (const base of 'aăâeêioôơuưy'.split('')) {
    for (const tone of ['', ...TONE_MARKS]) {
      const lower = `${base}${tone}`.normalize('NFC');
      letters.push(lower, lower.toUpperCase());
    }
  }
  for (const c of 'bcdghklmnpqrstvx') letters.push(c, c.toUpperCase());
  return [...letters, ...letters.map((l) => l.normalize('NFD'))];
}

/** Punctuation and spacing directives contain, one character each. */
export const PUNCTUATION = [...SEPARATORS, ...TYPOGRAPHY, '&', '%', '"', "'", '.', ',', '0', '9'];
