// Vietnamese writes the tone mark of the open rhymes "oa", "oe" and "uy" in two accepted places:
// the traditional style on the first vowel ("hóa", "khỏe", "ủy", "thủy") and the newer style on the
// second ("hoá", "khoẻ", "uỷ", "thuỷ"). Both appear in directives, often mixed in one name
// ("Uỷ ban nhân dân tỉnh Thanh Hóa"). A body is one record, so its name is stored with its other
// spellings as aliases: every such syllable in one style, and every one in the other.
//
// The rule applies only when the rhyme ends the syllable ("hoàn", "thuyết" have one placement) and
// "u" is a vowel, not part of "qu" ("quý" has one placement).

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const CONSONANT_BEFORE = /[bcdđghklmnprstvx]$/iu;
const OPEN_RHYME = /^(.*?)([oO][aAeE]|[uU][yY])$/u;

type Style = 'first' | 'second';

function respellSyllable(word: string, style: Style): string {
  const decomposed = word.normalize('NFD');
  const tones = decomposed.match(TONE_MARKS) ?? [];
  const tone = tones[0];
  if (tones.length !== 1 || tone === undefined) return word;
  const base = decomposed.replace(TONE_MARKS, '');
  const match = OPEN_RHYME.exec(base);
  if (!match) return word;
  const onset = match[1]!;
  const rhyme = match[2]!;
  if (onset !== '' && !CONSONANT_BEFORE.test(onset)) return word;
  if (/^[qQ]$/u.test(onset.slice(-1)) && /^[uU]/u.test(rhyme)) return word;
  const [first, second] = [rhyme[0]!, rhyme[1]!];
  const respelled = style === 'first' ? `${onset}${first}${tone}${second}` : `${onset}${first}${second}${tone}`;
  return respelled.normalize('NFC');
}

function respell(text: string, style: Style): string {
  return text.normalize('NFC').replace(/[\p{L}\p{M}]+/gu, (word) => respellSyllable(word, style));
}

/** The text with every movable tone mark on the first vowel ("Thanh Hóa", "Ủy ban"). */
export const traditionalTones = (text: string) => respell(text, 'first');

/** The text with every movable tone mark on the second vowel ("Thanh Hoá", "Uỷ ban"). */
export const modernTones = (text: string) => respell(text, 'second');

/** The other ways the same words are written with the tone marks moved (empty when there are none). */
export function otherToneSpellings(text: string): string[] {
  const written = text.normalize('NFC');
  return [...new Set([traditionalTones(written), modernTones(written)])].filter((s) => s !== written);
}
