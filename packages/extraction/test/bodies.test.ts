import { describe, expect, it } from 'vitest';
import { findSubject, parseBodyList } from '../src/bodies/parse-bodies.ts';
import { indexFor, loadDefaultRegistry } from '../src/bodies/registry.ts';
import type { BodyRegistry } from '../src/types.ts';

const registry = loadDefaultRegistry();
const ix = indexFor(registry);
const names = (s: string) => parseBodyList(s, ix).names;

describe('the default registry', () => {
  it('holds the 34 provinces of July 2025, each one body with its people’s committee, and its departments', () => {
    const provinces = registry.bodies.filter(
      (b) => b.level === 'province' && !b.parent && /^(Tỉnh|Thành phố) /.test(b.name),
    );
    expect(provinces).toHaveLength(34);
    for (const p of provinces) {
      const committee = `Ủy ban nhân dân ${p.name.charAt(0).toLowerCase()}${p.name.slice(1)}`;
      expect(p.aliases).toContain(committee);
      expect(registry.bodies.some((b) => b.name === committee)).toBe(false);
      const children = registry.bodies.filter((b) => b.parent === p.id);
      expect(children.some((c) => c.name.startsWith('Sở Khoa học và Công nghệ'))).toBe(true);
    }
  });

  it('has unique ids and the merged ministries', () => {
    const ids = registry.bodies.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const n of [
      'Bộ Nông nghiệp và Môi trường',
      'Bộ Dân tộc và Tôn giáo',
      'Bộ Khoa học và Công nghệ',
      'Bộ Tài chính',
    ]) {
      expect(registry.bodies.some((b) => b.name === n)).toBe(true);
    }
  });
});

describe('body names', () => {
  it('maps abbreviations to the canonical name', () => {
    expect(names('Bộ KH&CN')).toEqual(['Bộ Khoa học và Công nghệ']);
    expect(names('Sở KH&CN')).toEqual(['Sở Khoa học và Công nghệ']);
    expect(names('VPCP')).toEqual(['Văn phòng Chính phủ']);
    expect(names('UBND cấp xã')).toEqual(['Ủy ban nhân dân cấp xã']);
    expect(names('UBND tỉnh Quảng Ninh')).toEqual(['Ủy ban nhân dân tỉnh Quảng Ninh']);
  });

  it('treats both tone-mark placements as one body', () => {
    expect(names('Đảng uỷ Chính phủ')).toEqual(['Đảng ủy Chính phủ']);
    expect(names('Uỷ ban Kiểm tra Trung ương')).toEqual(['Ủy ban Kiểm tra Trung ương']);
    expect(names('Sở Văn hoá, Thể thao và Du lịch tỉnh Thanh Hoá')).toEqual([
      'Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa',
    ]);
  });

  it('splits lists but keeps names that contain commas and "và"', () => {
    expect(names('Bộ Văn hóa, Thể thao và Du lịch, Bộ Y tế và Bộ Giáo dục và Đào tạo')).toEqual([
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Bộ Y tế',
      'Bộ Giáo dục và Đào tạo',
    ]);
  });

  it('expands "các bộ: A, B" and "Sở: A, B" lists with the shared head', () => {
    expect(names('Các bộ: Tài chính, Công an')).toEqual(['Bộ Tài chính', 'Bộ Công an']);
    expect(names('Sở: Nội vụ, Y tế')).toEqual(['Sở Nội vụ', 'Sở Y tế']);
  });

  it('expands a group whose members are listed in brackets', () => {
    expect(names('Các bộ chuyên ngành (Tư pháp, Ngoại giao)')).toEqual(['Bộ Tư pháp', 'Bộ Ngoại giao']);
  });

  it('keeps groups as one addressee', () => {
    expect(names('các bộ, ngành, địa phương liên quan')).toEqual(['Các bộ, ngành, địa phương']);
    expect(names('Bộ Y tế và các bộ, ngành')).toEqual(['Bộ Y tế', 'Các bộ, ngành']);
  });

  it('keeps the same unit of every body of a group as one addressee', () => {
    expect(
      names('Văn phòng các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Văn phòng Ủy ban nhân dân tỉnh Lào Cai'),
    ).toEqual([
      'Văn phòng các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ',
      'Văn phòng Ủy ban nhân dân tỉnh Lào Cai',
    ]);
    // The list's later items may be capitalised; a named body still starts another addressee.
    expect(names('Thanh tra các Sở, Cơ quan ngang Sở, Cơ quan thuộc Ủy ban nhân dân tỉnh; Sở Y tế')).toEqual([
      'Thanh tra các Sở, Cơ quan ngang Sở, Cơ quan thuộc Ủy ban nhân dân tỉnh',
      'Sở Y tế',
    ]);
    expect(names('Văn phòng các Bộ, Cơ quan ngang Bộ, Cơ quan thuộc Chính phủ')).toEqual([
      'Văn phòng các Bộ, Cơ quan ngang Bộ, Cơ quan thuộc Chính phủ',
    ]);
  });

  it('gives each place named after "Ủy ban nhân dân các tỉnh:" its own people’s committee, as the text names it (one body with its province)', () => {
    expect(names('Ủy ban nhân dân các tỉnh: Lai Châu, Điện Biên')).toEqual([
      'Ủy ban nhân dân tỉnh Lai Châu',
      'Ủy ban nhân dân tỉnh Điện Biên',
    ]);
  });

  it('names a people’s committee as the committee, spelled out, and the place as the place; both are the one body', () => {
    expect(names('Chủ tịch UBND tỉnh Phú Thọ')).toEqual(['Ủy ban nhân dân tỉnh Phú Thọ']);
    expect(names('Uỷ ban nhân dân thành phố Cần Thơ')).toEqual(['Ủy ban nhân dân thành phố Cần Thơ']);
    expect(names('tỉnh Phú Thọ')).toEqual(['Tỉnh Phú Thọ']);
    // The app resolves either name to the province's one record (the committee is its alias).
    const province = ix.lookup('Tỉnh Phú Thọ')?.body;
    expect(province).toBeDefined();
    expect(ix.lookup('Ủy ban nhân dân tỉnh Phú Thọ')?.body).toBe(province);
    expect(province?.aliases).toContain('Ủy ban nhân dân tỉnh Phú Thọ');
  });

  it('keeps a department named through the body it belongs to as one name', () => {
    expect(names('Cục Quản trị, Văn phòng Chính phủ')).toEqual(['Cục Quản trị, Văn phòng Chính phủ']);
  });

  it('returns an unknown body as written and lists it as unknown', () => {
    const p = parseBodyList('Bộ Tài chính, Ban Quản lý Khu công nghệ cao Hòa Lạc', ix);
    expect(p.names).toEqual(['Bộ Tài chính', 'Ban Quản lý Khu công nghệ cao Hòa Lạc']);
    expect(p.unknown).toEqual(['Ban Quản lý Khu công nghệ cao Hòa Lạc']);
  });

  it('uses the registry it is given', () => {
    const custom: BodyRegistry = {
      bodies: [{ id: 'x', name: 'Sở Thử nghiệm', aliases: ['STN'], level: 'province', kind: 'state' }],
      groups: [],
    };
    expect(parseBodyList('STN', indexFor(custom)).names).toEqual(['Sở Thử nghiệm']);
  });
});

describe('the assignee of an item', () => {
  it('is the body before the verb', () => {
    const s = findSubject('Bộ Tư pháp chủ trì, phối hợp với Bộ Công an rà soát thủ tục.', ix);
    expect(s?.bodies.names).toEqual(['Bộ Tư pháp']);
    expect(s?.headingOnly).toBe(false);
  });

  it('is the body the writer asks, not the writer ("X đề nghị Y …")', () => {
    expect(findSubject('Văn phòng Chính phủ đề nghị Bộ Y tế chuẩn bị báo cáo.', ix)?.bodies.names).toEqual(['Bộ Y tế']);
    expect(findSubject('Sở Tài chính trân trọng đề nghị Sở Y tế rà soát danh mục.', ix)?.bodies.names).toEqual([
      'Sở Y tế',
    ]);
  });

  it('follows "Đề nghị" and "Giao"', () => {
    expect(findSubject('Đề nghị Bộ Ngoại giao nghiên cứu cơ chế thị thực.', ix)?.bodies.names).toEqual([
      'Bộ Ngoại giao',
    ]);
    expect(findSubject('Giao Bộ Xây dựng hướng dẫn các địa phương.', ix)?.bodies.names).toEqual(['Bộ Xây dựng']);
  });

  it('is a heading when the item is only a name', () => {
    expect(findSubject('Bộ Y tế', ix)).toMatchObject({ headingOnly: true, bodies: { names: ['Bộ Y tế'] } });
  });

  it('is absent when the item opens with a verb or reports the past', () => {
    expect(findSubject('Tổ chức thực hiện việc đánh giá độc lập.', ix)).toBeNull();
    expect(findSubject('Bộ Tài chính đã ban hành hướng dẫn.', ix)).toBeNull();
  });
});
