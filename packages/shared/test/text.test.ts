import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  removeDiacritics,
  slugify,
  tidyText,
  toNewToneMarks,
  toneMarkVariants,
  toOldToneMarks,
} from '../src/text.ts';
import { everyVietnameseLetter, vietnameseText } from './vietnamese-text.ts';

// Words spelt both ways in directives: [old style, tone on the first vowel; new style, on the main vowel].
const BOTH_PLACEMENTS: [string, string][] = [
  ['hòa', 'hoà'],
  ['Thanh Hóa', 'Thanh Hoá'],
  ['Khánh Hòa', 'Khánh Hoà'],
  ['xóa', 'xoá'],
  ['họa', 'hoạ'],
  ['khỏe', 'khoẻ'],
  ['nhòe', 'nhoè'],
  ['thủy', 'thuỷ'],
  ['Ủy ban', 'Uỷ ban'],
  ['ỦY BAN', 'UỶ BAN'],
  ['tùy', 'tuỳ'],
  ['lũy', 'luỹ'],
  ['Thúy', 'Thuý'],
];

// Syllables with one placement only: a closed rhyme ("hoàn", "hoạch", "thuyết") or "qu" ("quý", "quả").
const ONE_PLACEMENT = ['hoàn', 'toàn', 'kế hoạch', 'thuyết', 'khuyến', 'quý', 'Quỳnh', 'quả', 'quà', 'Hà Nội'];

describe('tone-mark placement', () => {
  it('moves the tone mark of open "oa", "oe", "uy" to the first vowel (old style) or the main vowel (new style)', () => {
    for (const [old, recent] of BOTH_PLACEMENTS) {
      expect(toOldToneMarks(recent)).toBe(old);
      expect(toOldToneMarks(old)).toBe(old);
      expect(toNewToneMarks(old)).toBe(recent);
      expect(toNewToneMarks(recent)).toBe(recent);
    }
  });

  it('leaves syllables that have one placement as they are', () => {
    for (const word of ONE_PLACEMENT) {
      expect(toOldToneMarks(word)).toBe(word);
      expect(toNewToneMarks(word)).toBe(word);
      expect(toneMarkVariants(word)).toEqual([]);
    }
  });

  it('respells every syllable of a name written in both styles at once', () => {
    const mixed = 'Uỷ ban nhân dân tỉnh Thanh Hóa';
    expect(toOldToneMarks(mixed)).toBe('Ủy ban nhân dân tỉnh Thanh Hóa');
    expect(toNewToneMarks(mixed)).toBe('Uỷ ban nhân dân tỉnh Thanh Hoá');
    expect(toneMarkVariants(mixed)).toEqual(['Ủy ban nhân dân tỉnh Thanh Hóa', 'Uỷ ban nhân dân tỉnh Thanh Hoá']);
    expect(toneMarkVariants('Thanh Hóa')).toEqual(['Thanh Hoá']);
  });

  it('reads NFD as NFC and answers in NFC', () => {
    for (const [old, recent] of BOTH_PLACEMENTS) {
      expect(toOldToneMarks(recent.normalize('NFD'))).toBe(old);
      expect(toNewToneMarks(old.normalize('NFD'))).toBe(recent);
      expect(toneMarkVariants(old.normalize('NFD'))).toEqual([recent]);
    }
  });

  it('on any text: NFC, the same length, idempotent, one style undoes the other, the letters unchanged', () => {
    fc.assert(
      fc.property(vietnameseText, (text) => {
        const nfc = text.normalize('NFC');
        const old = toOldToneMarks(text);
        const recent = toNewToneMarks(text);
        expect(old).toBe(old.normalize('NFC'));
        expect(old.length).toBe(nfc.length);
        expect(recent.length).toBe(nfc.length);
        expect(toOldToneMarks(old)).toBe(old);
        expect(toNewToneMarks(recent)).toBe(recent);
        expect(toOldToneMarks(recent)).toBe(old);
        expect(toNewToneMarks(old)).toBe(recent);
        expect(foldForSearch(old)).toBe(foldForSearch(text));
        expect(foldForSearch(recent)).toBe(foldForSearch(text));
        expect(toneMarkVariants(text)).not.toContain(nfc);
      }),
      { numRuns: 500 },
    );
  });
});

describe('diacritic folding', () => {
  it('writes Vietnamese without diacritics, đ as d, case kept or lowered for search', () => {
    expect(removeDiacritics('Đà Nẵng, Đắk Lắk, Thừa Thiên Huế')).toBe('Da Nang, Dak Lak, Thua Thien Hue');
    expect(foldForSearch('Chuyển đổi số')).toBe('chuyen doi so');
    expect(foldForSearch('ĐƯỜNG ỐNG')).toBe('duong ong');
  });

  it('folds both tone-mark placements, NFC and NFD, to the same key', () => {
    for (const [old, recent] of BOTH_PLACEMENTS) {
      const key = foldForSearch(old);
      expect(foldForSearch(recent)).toBe(key);
      expect(foldForSearch(old.normalize('NFD'))).toBe(key);
      expect(foldForSearch(recent.normalize('NFD'))).toBe(key);
    }
  });

  it('leaves every letter of the alphabet as one ASCII letter', () => {
    for (const letter of everyVietnameseLetter()) {
      expect(removeDiacritics(letter)).toMatch(/^[a-zA-Z]$/);
      expect(foldForSearch(letter)).toMatch(/^[a-z]$/);
    }
  });

  it('writes curly quotes, dashes and the ellipsis plainly', () => {
    expect(foldForSearch('“Chuyển đổi số” – năm 2025…')).toBe('"chuyen doi so" - nam 2025...');
  });
});

describe('slugs', () => {
  it('are the name in lower-case ASCII words joined by hyphens', () => {
    expect(slugify('Sở Khoa học và Công nghệ tỉnh Thanh Hóa')).toBe('so-khoa-hoc-va-cong-nghe-tinh-thanh-hoa');
    expect(slugify('Bộ Tài chính')).toBe('bo-tai-chinh');
    expect(slugify('  Đảng ủy (Khối) — 2025  ')).toBe('dang-uy-khoi-2025');
    expect(slugify('…')).toBe('');
  });

  it('do not depend on the tone-mark placement or the Unicode form', () => {
    for (const [old, recent] of BOTH_PLACEMENTS) {
      expect(slugify(recent)).toBe(slugify(old));
      expect(slugify(old.normalize('NFD'))).toBe(slugify(old));
    }
  });

  it('on any text: letters and digits joined by single hyphens, at most the length asked', () => {
    fc.assert(
      fc.property(vietnameseText, fc.integer({ min: 1, max: 80 }), (text, maxLength) => {
        const slug = slugify(text, maxLength);
        expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
        expect(slug.length).toBeLessThanOrEqual(maxLength);
        expect(slugify(text).startsWith(slug)).toBe(true);
        expect(slugify(toNewToneMarks(text))).toBe(slugify(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('tidyText', () => {
  it('stores a name in NFC with single spaces', () => {
    expect(tidyText('  Ủy ban\tnhân\n dân  '.normalize('NFD'))).toBe('Ủy ban nhân dân');
  });
});
