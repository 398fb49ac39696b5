import { foldForSearch } from '@giamsat/shared/text';

/**
 * A tile-grid map (a schematic cartogram, as newsrooms draw one) of the 34 provinces since July 2025:
 * one tile per province on a grid that follows the country north to south. No boundaries, so no
 * geographic data is needed; the merged provinces sit where most of their land is (Tuyên Quang with Hà
 * Giang at the top, Gia Lai and Đắk Lắk reaching the coast, Cà Mau at the tip).
 */
export interface ProvinceTilePosition {
  /** provinceKey() of the province's name. */
  key: string;
  /** The tile's label: the name without "Tỉnh"/"Thành phố", shortened where a tile is too narrow. */
  label: string;
  row: number;
  col: number;
}

export const GRID_COLUMNS = 6;
export const GRID_ROWS = 17;

const tile = (name: string, row: number, col: number, label = name): ProvinceTilePosition => ({
  key: provinceKey(name),
  label,
  row,
  col,
});

export const PROVINCE_TILES: readonly ProvinceTilePosition[] = [
  tile('Lai Châu', 0, 1),
  tile('Lào Cai', 0, 2),
  tile('Tuyên Quang', 0, 3),
  tile('Cao Bằng', 0, 4),
  tile('Điện Biên', 1, 0),
  tile('Sơn La', 1, 1),
  tile('Phú Thọ', 1, 2),
  tile('Thái Nguyên', 1, 3),
  tile('Lạng Sơn', 1, 4),
  tile('Hà Nội', 2, 2),
  tile('Bắc Ninh', 2, 3),
  tile('Quảng Ninh', 2, 4),
  tile('Ninh Bình', 3, 2),
  tile('Hưng Yên', 3, 3),
  tile('Hải Phòng', 3, 4),
  tile('Thanh Hóa', 4, 2),
  tile('Nghệ An', 5, 2),
  tile('Hà Tĩnh', 6, 3),
  tile('Quảng Trị', 7, 3),
  tile('Huế', 8, 3),
  tile('Đà Nẵng', 9, 4),
  tile('Quảng Ngãi', 10, 4),
  tile('Gia Lai', 11, 4),
  tile('Đắk Lắk', 12, 4),
  tile('Tây Ninh', 13, 1),
  tile('Đồng Nai', 13, 2),
  tile('Lâm Đồng', 13, 3),
  tile('Khánh Hòa', 13, 4),
  tile('An Giang', 14, 0),
  tile('Đồng Tháp', 14, 1),
  tile('Hồ Chí Minh', 14, 2, 'TP HCM'),
  tile('Cần Thơ', 15, 1),
  tile('Vĩnh Long', 15, 2),
  tile('Cà Mau', 16, 0),
];

/** Empty sea cells (rows and columns, inclusive) where the legend and the archipelagos' labels go. */
export const LEGEND_AREA = { rowStart: 4, rowEnd: 7, colStart: 4, colEnd: 5 };
export const HOANG_SA_AREA = { row: 8, colStart: 5, colEnd: 5 };
export const TRUONG_SA_AREA = { row: 14, colStart: 4, colEnd: 5 };

/**
 * The key a province is matched by: its name without the "Tỉnh"/"Thành phố"/"TP." prefix, without
 * diacritics, lower case ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh" → "ho chi minh"). Both tone-mark
 * placements ("Hoá"/"Hóa") fold to the same key.
 */
export function provinceKey(name: string): string {
  return foldForSearch(name)
    .replace(/^\s*(tinh|thanh pho|tp\.?)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
