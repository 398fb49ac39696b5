import { foldForSearch } from '@giamsat/shared/text';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyVietnameseLetter, PUNCTUATION, vietnameseText } from '../../../packages/shared/test/vietnamese-text.ts';
import { useTestDb } from '../../test/app.ts';
import { sql } from './sql.ts';

// Search folds text twice: in SQL (search_norm(), behind the indexed search columns and every query)
// and in TypeScript (foldForSearch, in the browser and the extraction library). They must agree, or a
// name found one way is missed the other.

describe('SQL search_norm() folds Vietnamese text as foldForSearch() does', () => {
  const db = useTestDb();

  async function searchNorm(texts: readonly string[]): Promise<string[]> {
    const rows = await db.query<{ folded: string }>(sql`
      SELECT search_norm(x.text) AS folded FROM unnest(${texts}::text[]) WITH ORDINALITY AS x(text, ord) ORDER BY ord`);
    return rows.map((r) => r.folded);
  }

  async function expectSameFold(texts: readonly string[]) {
    const folded = await searchNorm(texts);
    const mismatches = texts
      .map((text, i) => ({ text, sql: folded[i], typescript: foldForSearch(text) }))
      .filter((m) => m.sql !== m.typescript);
    expect(mismatches).toEqual([]);
  }

  it('on every letter of the alphabet with every tone, NFC and NFD, and the punctuation directives use', async () => {
    await expectSameFold([...everyVietnameseLetter(), ...PUNCTUATION, '', ' ']);
  });

  it('on names in both tone-mark placements', async () => {
    await expectSameFold([
      'Uỷ ban nhân dân tỉnh Thanh Hóa',
      'Ủy ban nhân dân tỉnh Thanh Hoá',
      'Sở Văn hoá, Thể thao và Du lịch',
      'ĐẢNG UỶ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG',
      'Kế hoạch số 01-KH/BCĐ về “chuyển đổi số” – giai đoạn 2025–2030…',
    ]);
  });

  it('on generated Vietnamese text', async () => {
    await fc.assert(fc.asyncProperty(fc.array(vietnameseText, { minLength: 1, maxLength: 40 }), expectSameFold), {
      numRuns: 50,
    });
  });
});
