// Generates registry/default-registry.json: the body registry the extractor reads and the server
// seeds its agency table from. Run: npx tsx packages/extraction/scripts/build-registry.ts
// Bodies are listed by their official names as of July 2025 (after the ministry mergers and the
// 63 → 34 provinces reform); provincial departments are generated for every province.
import { writeFileSync } from 'node:fs';
import { committeeName } from '@giamsat/shared/bodies';
import { slugify } from '@giamsat/shared/text';
import type { BodyRegistry, RegistryBody, RegistryGroup } from '../src/types.ts';

const bodies: RegistryBody[] = [];
const groups: RegistryGroup[] = [];

function add(
  name: string,
  level: RegistryBody['level'],
  kind: RegistryBody['kind'],
  aliases: string[] = [],
  parent?: string,
  id?: string,
  generic = false,
): string {
  const bodyId = id ?? slugify(name);
  const body: RegistryBody = { id: bodyId, name, aliases, level, kind };
  if (parent) body.parent = parent;
  if (generic) body.generic = true;
  bodies.push(body);
  return bodyId;
}

// ── Party (central) ───────────────────────────────────────────────────────────
add('Ban Chấp hành Trung ương Đảng', 'central', 'party', ['Ban Chấp hành Trung ương', 'BCHTW']);
add('Bộ Chính trị', 'central', 'party');
add('Ban Bí thư', 'central', 'party', ['Ban Bí thư Trung ương Đảng']);
add('Văn phòng Trung ương Đảng', 'central', 'party', ['VPTW', 'Văn phòng Trung ương']);
add('Ban Tổ chức Trung ương', 'central', 'party', ['BTCTW']);
add('Ban Tuyên giáo và Dân vận Trung ương', 'central', 'party');
add('Ban Chính sách, chiến lược Trung ương', 'central', 'party', ['Ban Chính sách Chiến lược Trung ương']);
add('Ban Nội chính Trung ương', 'central', 'party');
add('Ban Đối ngoại Trung ương', 'central', 'party');
add('Ủy ban Kiểm tra Trung ương', 'central', 'party', ['UBKTTW']);
add('Đảng ủy Chính phủ', 'central', 'party');
add('Đảng ủy Quốc hội', 'central', 'party');
add('Đảng ủy các cơ quan Đảng Trung ương', 'central', 'party');
add('Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương', 'central', 'party');
add('Đảng ủy Công an Trung ương', 'central', 'party');
add('Quân ủy Trung ương', 'central', 'party');
add('Văn phòng Tổng Bí thư', 'central', 'party');
add('Học viện Chính trị quốc gia Hồ Chí Minh', 'central', 'party');
add('Báo Nhân Dân', 'central', 'party');
add('Tạp chí Cộng sản', 'central', 'party');

// ── The Central Steering Committee (Resolution 57) and its bodies ──────────────
const bcd = add(
  'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
  'central',
  'party',
  ['Ban Chỉ đạo Trung ương', 'BCĐTW', 'BCĐ Trung ương'],
  undefined,
  'bcd-tw',
);
add('Thường trực Ban Chỉ đạo', 'central', 'party', ['Thường trực Ban Chỉ đạo Trung ương'], bcd, 'bcd-tw-thuong-truc');
add(
  'Văn phòng Trung ương Đảng - Cơ quan Thường trực Ban Chỉ đạo',
  'central',
  'party',
  ['Cơ quan Thường trực Ban Chỉ đạo', 'Cơ quan Thường trực Ban Chỉ đạo Trung ương', 'Cơ quan Thường trực', 'CQTTBCĐ'],
  bcd,
  'bcd-tw-co-quan-thuong-truc',
);
add(
  'Tổ Giúp việc Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
  'central',
  'party',
  ['Tổ Giúp việc Ban Chỉ đạo', 'Tổ Giúp việc', 'TGV'],
  bcd,
  'bcd-tw-to-giup-viec',
);
add(
  'Thường trực Tổ Giúp việc',
  'central',
  'party',
  ['Thường trực Tổ Giúp việc Ban Chỉ đạo'],
  bcd,
  'bcd-tw-thuong-truc-to-giup-viec',
);
add(
  'Hội đồng Tư vấn Quốc gia',
  'central',
  'other',
  ['Hội đồng Tư vấn Quốc gia về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số'],
  bcd,
  'bcd-tw-hoi-dong-tu-van',
);

// ── State: Quốc hội, Chủ tịch nước ─────────────────────────────────────────────
const qh = add('Quốc hội', 'central', 'state');
add('Ủy ban Thường vụ Quốc hội', 'central', 'state', ['UBTVQH'], qh);
add('Văn phòng Quốc hội', 'central', 'state', ['VPQH'], qh);
add('Hội đồng Dân tộc', 'central', 'state', ['Hội đồng Dân tộc của Quốc hội'], qh);
for (const c of [
  'Pháp luật và Tư pháp',
  'Kinh tế và Tài chính',
  'Quốc phòng, An ninh và Đối ngoại',
  'Văn hóa và Xã hội',
  'Khoa học, Công nghệ và Môi trường',
]) {
  add(`Ủy ban ${c} của Quốc hội`, 'central', 'state', [`Ủy ban ${c}`], qh);
}
add('Ban Công tác đại biểu', 'central', 'state', [], qh);
add('Ban Dân nguyện và Giám sát', 'central', 'state', [], qh);
add('Chủ tịch nước', 'central', 'state');
add('Văn phòng Chủ tịch nước', 'central', 'state');

// ── Government, ministries and ministerial-level agencies (July 2025) ──────────
const cp = add('Chính phủ', 'central', 'state');
add('Thủ tướng Chính phủ', 'central', 'state', ['Thủ tướng'], cp);
const ministries: Array<[string, string[]]> = [
  ['Bộ Quốc phòng', ['BQP']],
  ['Bộ Công an', ['BCA']],
  ['Bộ Ngoại giao', ['BNG']],
  ['Bộ Nội vụ', ['BNV']],
  ['Bộ Tư pháp', ['BTP']],
  ['Bộ Tài chính', ['BTC']],
  ['Bộ Công Thương', []],
  ['Bộ Nông nghiệp và Môi trường', ['Bộ NN&MT', 'Bộ NNMT']],
  ['Bộ Xây dựng', ['BXD']],
  ['Bộ Văn hóa, Thể thao và Du lịch', ['Bộ VHTTDL']],
  ['Bộ Khoa học và Công nghệ', ['Bộ KH&CN', 'Bộ KHCN', 'BKHCN', 'Bộ khoa học, công nghệ']],
  ['Bộ Giáo dục và Đào tạo', ['Bộ GD&ĐT', 'Bộ GDĐT', 'Bộ Giáo dục']],
  ['Bộ Y tế', ['BYT']],
  ['Bộ Dân tộc và Tôn giáo', []],
];
for (const [name, aliases] of ministries) add(name, 'central', 'state', aliases, cp);
add('Ngân hàng Nhà nước Việt Nam', 'central', 'state', ['Ngân hàng Nhà nước', 'NHNN'], cp);
add('Thanh tra Chính phủ', 'central', 'state', ['TTCP'], cp);
add('Văn phòng Chính phủ', 'central', 'state', ['VPCP'], cp);
// Agencies of the Government and bodies under ministries that directives assign work to.
add('Đài Truyền hình Việt Nam', 'central', 'state', ['VTV'], cp);
add('Đài Tiếng nói Việt Nam', 'central', 'state', ['VOV'], cp);
add('Thông tấn xã Việt Nam', 'central', 'state', ['TTXVN'], cp);
add('Viện Hàn lâm Khoa học và Công nghệ Việt Nam', 'central', 'state', ['Viện Hàn lâm KH&CN Việt Nam'], cp);
add('Viện Hàn lâm Khoa học xã hội Việt Nam', 'central', 'state', [], cp);
add('Bảo hiểm xã hội Việt Nam', 'central', 'state', ['BHXH Việt Nam'], 'bo-tai-chinh');
add('Ban Cơ yếu Chính phủ', 'central', 'state', [], 'bo-quoc-phong');
add('Trung tâm Đổi mới sáng tạo Quốc gia', 'central', 'state', ['NIC'], 'bo-tai-chinh');
add('Cục Sở hữu trí tuệ', 'central', 'state', [], 'bo-khoa-hoc-va-cong-nghe');
add('Cục Chuyển đổi số quốc gia', 'central', 'state', [], 'bo-khoa-hoc-va-cong-nghe');
add('Cục Chuyển đổi số - Cơ yếu', 'central', 'party', [], 'van-phong-trung-uong-dang');
add('Ủy ban Quản lý vốn nhà nước tại doanh nghiệp', 'central', 'state', [], 'bo-tai-chinh');
// Judiciary and audit.
add('Tòa án nhân dân tối cao', 'central', 'state', ['TANDTC']);
add('Viện kiểm sát nhân dân tối cao', 'central', 'state', ['VKSNDTC']);
add('Kiểm toán nhà nước', 'central', 'state', ['KTNN']);
// Front and mass organisations.
const mttq = add('Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', 'central', 'front', [
  'Mặt trận Tổ quốc Việt Nam',
  'MTTQ Việt Nam',
  'Ủy ban Trung ương MTTQ Việt Nam',
]);
add('Tổng Liên đoàn Lao động Việt Nam', 'central', 'front', [], mttq);
add(
  'Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh',
  'central',
  'front',
  ['Trung ương Đoàn', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh'],
  mttq,
);
add('Hội Liên hiệp Phụ nữ Việt Nam', 'central', 'front', [], mttq);
add('Hội Nông dân Việt Nam', 'central', 'front', [], mttq);
add('Hội Cựu chiến binh Việt Nam', 'central', 'front', [], mttq);
add('Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam', 'central', 'front', ['VUSTA']);
add('Liên đoàn Thương mại và Công nghiệp Việt Nam', 'central', 'other', ['VCCI']);
// Universities.
add('Đại học Quốc gia Hà Nội', 'central', 'university', ['ĐHQGHN']);
add('Đại học Quốc gia Thành phố Hồ Chí Minh', 'central', 'university', ['ĐHQG-HCM', 'Đại học Quốc gia TP.HCM']);
add('Đại học Bách khoa Hà Nội', 'central', 'university', []);
add('Đại học Đà Nẵng', 'central', 'university', []);
add('Đại học Huế', 'central', 'university', []);
add('Đại học Thái Nguyên', 'central', 'university', []);
// State enterprises.
add('Tập đoàn Công nghiệp - Viễn thông Quân đội', 'central', 'enterprise', ['Viettel', 'Tập đoàn Viettel']);
add('Tập đoàn Bưu chính Viễn thông Việt Nam', 'central', 'enterprise', ['VNPT', 'Tập đoàn VNPT']);
add('Tổng công ty Viễn thông MobiFone', 'central', 'enterprise', ['MobiFone']);
add('Tập đoàn Điện lực Việt Nam', 'central', 'enterprise', ['EVN']);
add('Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam', 'central', 'enterprise', ['Petrovietnam', 'PVN']);
add('Tổng công ty Bưu điện Việt Nam', 'central', 'enterprise', ['Vietnam Post']);

// ── Provinces (34, from 1 July 2025) and their standard bodies ─────────────────
const cities = ['Hà Nội', 'Huế', 'Hải Phòng', 'Đà Nẵng', 'Hồ Chí Minh', 'Cần Thơ'];
const provinces = [
  'Tuyên Quang',
  'Cao Bằng',
  'Lai Châu',
  'Lào Cai',
  'Thái Nguyên',
  'Điện Biên',
  'Lạng Sơn',
  'Sơn La',
  'Phú Thọ',
  'Bắc Ninh',
  'Quảng Ninh',
  'Hưng Yên',
  'Ninh Bình',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Quảng Trị',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hòa',
  'Lâm Đồng',
  'Đắk Lắk',
  'Đồng Nai',
  'Tây Ninh',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
];
/** Departments (sở) and other standard provincial bodies, as named after the 2025 reorganisation. */
const departments: Array<[string, string[]]> = [
  ['Sở Nội vụ', []],
  ['Sở Tư pháp', []],
  ['Sở Tài chính', []],
  ['Sở Công Thương', []],
  ['Sở Nông nghiệp và Môi trường', ['Sở NN&MT']],
  ['Sở Xây dựng', []],
  ['Sở Khoa học và Công nghệ', ['Sở KH&CN', 'Sở KHCN']],
  ['Sở Giáo dục và Đào tạo', ['Sở GD&ĐT', 'Sở Giáo dục']],
  ['Sở Y tế', []],
  ['Sở Văn hóa, Thể thao và Du lịch', ['Sở VHTTDL']],
  ['Sở Văn hóa và Thể thao', []],
  ['Sở Du lịch', []],
  ['Sở Dân tộc và Tôn giáo', []],
  ['Sở Ngoại vụ', []],
];
// The department kinds themselves, as written inside a province's own documents ("Sở Tư pháp").
for (const [name, aliases] of departments)
  add(name, 'province', 'state', aliases, undefined, `generic-${slugify(name)}`, true);

for (const p of [...cities, ...provinces]) {
  const isCity = cities.includes(p);
  const unit = isCity ? 'Thành phố' : 'Tỉnh';
  const lower = isCity ? 'thành phố' : 'tỉnh';
  const fullName = `${unit} ${p}`;
  const scoped = (name: string) => `${name} ${lower} ${p}`;
  // The province and its People's Committee are one body for the work assigned to them: the
  // committee's name is an alias of the province (one record, so a task given to either reaches the
  // same focal point), not a second body beside it.
  const pid = add(
    fullName,
    'province',
    'state',
    [p, `${lower} ${p}`, ...(isCity ? [`TP ${p}`, `TP. ${p}`] : []), committeeName(fullName)],
    undefined,
    `${isCity ? 'tp' : 'tinh'}-${slugify(p)}`,
  );
  add(scoped('Hội đồng nhân dân'), 'province', 'state', [], pid, `${pid}-hdnd`);
  add(`${isCity ? 'Thành ủy' : 'Tỉnh ủy'} ${p}`, 'province', 'party', [], pid, `${pid}-cap-uy`);
  add(`Văn phòng ${isCity ? 'Thành ủy' : 'Tỉnh ủy'} ${p}`, 'province', 'party', [], pid, `${pid}-vp-cap-uy`);
  add(
    `Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số ${lower} ${p}`,
    'province',
    'party',
    [],
    pid,
    `${pid}-bcd`,
  );
  add(scoped('Văn phòng Ủy ban nhân dân'), 'province', 'state', [], pid, `${pid}-vp-ubnd`);
  add(scoped('Ủy ban Mặt trận Tổ quốc Việt Nam'), 'province', 'front', [], pid, `${pid}-mttq`);
  add(scoped('Công an'), 'province', 'state', [], pid, `${pid}-cong-an`);
  add(scoped('Bộ Chỉ huy Quân sự'), 'province', 'state', [], pid, `${pid}-bchqs`);
  add(scoped('Thanh tra'), 'province', 'state', [], pid, `${pid}-thanh-tra`);
  add(scoped('Trung tâm Chuyển đổi số'), 'province', 'state', [], pid, `${pid}-tt-cds`);
  for (const [name] of departments) add(scoped(name), 'province', 'state', [], pid, `${pid}-${slugify(name)}`);
}

// ── Groups: collective addressees, kept as one record each ─────────────────────
function group(name: string, members: RegistryGroup['members'], aliases: string[] = []): void {
  groups.push({ id: `group-${slugify(name)}`, name, aliases, members });
}
group('Các bộ, ngành, địa phương', { level: 'central', kind: 'state' }, [
  'Các bộ, ngành và địa phương',
  'Các bộ ngành, địa phương',
]);
group('Các bộ, ngành', { level: 'central', kind: 'state', namePrefix: 'Bộ ' }, ['Các bộ ngành']);
group('Các bộ, cơ quan ngang bộ', { level: 'central', kind: 'state', namePrefix: 'Bộ ' });
group('Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ', { level: 'central', kind: 'state' }, [
  'Các bộ, cơ quan ngang bộ, cơ quan trực thuộc Chính phủ',
]);
group('Các bộ, cơ quan, địa phương', { level: 'central', kind: 'state' });
group('Các bộ, cơ quan Trung ương và địa phương', { level: 'central', kind: 'state' });
group('Các cơ quan Trung ương và địa phương', { level: 'central' }, ['Các cơ quan Trung ương, địa phương']);
group('Các cơ quan Trung ương', { level: 'central' });
// The provinces and the communes as administrative units (each one body with its People's Committee).
group('Các địa phương', { level: 'province', unit: true });
group('Các tỉnh, thành phố trực thuộc Trung ương', { level: 'province', unit: true }, ['Các tỉnh, thành phố']);
group('Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương', { level: 'province', unit: true }, [
  'Ủy ban nhân dân các tỉnh, thành phố',
  'Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương',
  'Ủy ban nhân dân cấp tỉnh',
]);
group('Ủy ban nhân dân cấp xã', { level: 'commune', unit: true }, [
  'Ủy ban nhân dân các xã, phường',
  'Ủy ban nhân dân xã, phường',
  'Ủy ban nhân dân các xã, phường, đặc khu',
  'Ủy ban nhân dân xã, phường, đặc khu',
]);
group('Các sở, ban, ngành', { level: 'province', namePrefix: 'Sở ' }, [
  'Các sở, ngành',
  'Các sở, ban, ngành tỉnh',
  'Các sở, ban, ngành cấp tỉnh',
  'Các sở, ngành tỉnh',
]);
group('Các tỉnh ủy, thành ủy', { level: 'province', kind: 'party' }, ['Tỉnh ủy, thành ủy']);
group('Các cơ quan đảng ở Trung ương', { level: 'central', kind: 'party' }, ['Các cơ quan đảng Trung ương']);
group('Các ban đảng Trung ương', { level: 'central', kind: 'party', namePrefix: 'Ban ' }, [
  'Các ban đảng ở Trung ương',
]);
group('Các đảng ủy trực thuộc Trung ương', { level: 'central', kind: 'party', namePrefix: 'Đảng ủy' });
group('Các cơ quan, đơn vị', {});
group('Các cơ quan liên quan', {}, [
  'Các cơ quan có liên quan',
  'Các cơ quan, đơn vị liên quan',
  'Các cơ quan, đơn vị có liên quan',
]);

// ── History: bodies that ended in the 2025 reorganisation, with their successors ─────────────────
// Sources: Nghị quyết 176/2025/QH15 (the Government's structure from 1 March 2025: ministries merged),
// the Politburo's and Central Committee's conclusions of early 2025 (Party boards merged, Đảng đoàn and
// Ban cán sự đảng replaced by Đảng ủy), Nghị quyết 203/2025/QH15 (Quốc hội committees), and Nghị quyết
// 202/2025/QH15 (63 provinces became 34, the new provincial apparatus working from 1 July 2025).
const historical: RegistryBody[] = [];
const ids0 = new Set(bodies.map((b) => b.id));
function ended(
  name: string,
  validTo: string,
  successors: string[],
  level: RegistryBody['level'],
  kind: RegistryBody['kind'],
  aliases: string[] = [],
  options: { id?: string; parent?: string; generic?: boolean } = {},
): string {
  const id = options.id ?? `old-${slugify(name)}`;
  for (const s of successors)
    if (!ids0.has(s) && !historical.some((h) => h.id === s)) throw new Error(`${name}: unknown successor ${s}`);
  const body: RegistryBody = { id, name, aliases, level, kind, validTo, successors };
  if (options.parent) body.parent = options.parent;
  if (options.generic) body.generic = true;
  historical.push(body);
  return id;
}
const MARCH = '2025-02-28';
ended('Bộ Kế hoạch và Đầu tư', MARCH, ['bo-tai-chinh'], 'central', 'state', [
  'Bộ KH&ĐT',
  'Bộ KHĐT',
  'Bộ Kế hoạch - Đầu tư',
]);
ended('Bộ Thông tin và Truyền thông', MARCH, ['bo-khoa-hoc-va-cong-nghe'], 'central', 'state', [
  'Bộ TT&TT',
  'Bộ TTTT',
  'Bộ Thông tin - Truyền thông',
]);
ended(
  'Bộ Lao động - Thương binh và Xã hội',
  MARCH,
  ['bo-noi-vu', 'bo-giao-duc-va-dao-tao', 'bo-y-te'],
  'central',
  'state',
  ['Bộ LĐTBXH', 'Bộ LĐ-TB&XH', 'Bộ Lao động, Thương binh và Xã hội'],
);
ended('Bộ Tài nguyên và Môi trường', MARCH, ['bo-nong-nghiep-va-moi-truong'], 'central', 'state', [
  'Bộ TN&MT',
  'Bộ TNMT',
]);
ended('Bộ Nông nghiệp và Phát triển nông thôn', MARCH, ['bo-nong-nghiep-va-moi-truong'], 'central', 'state', [
  'Bộ NN&PTNT',
  'Bộ NNPTNT',
]);
ended('Bộ Giao thông vận tải', MARCH, ['bo-xay-dung'], 'central', 'state', ['Bộ GTVT']);
ended('Ủy ban Dân tộc', MARCH, ['bo-dan-toc-va-ton-giao'], 'central', 'state', ['UBDT']);
ended('Ban Tôn giáo Chính phủ', MARCH, ['bo-dan-toc-va-ton-giao'], 'central', 'state');
ended('Ban Tuyên giáo Trung ương', MARCH, ['ban-tuyen-giao-va-dan-van-trung-uong'], 'central', 'party');
ended('Ban Dân vận Trung ương', MARCH, ['ban-tuyen-giao-va-dan-van-trung-uong'], 'central', 'party');
ended('Ban Kinh tế Trung ương', MARCH, ['ban-chinh-sach-chien-luoc-trung-uong'], 'central', 'party');
ended('Đảng đoàn Quốc hội', MARCH, ['dang-uy-quoc-hoi'], 'central', 'party');
ended('Ban cán sự đảng Chính phủ', MARCH, ['dang-uy-chinh-phu'], 'central', 'party');
ended(
  'Đảng ủy Khối các cơ quan Trung ương',
  MARCH,
  ['dang-uy-cac-co-quan-dang-trung-uong', 'dang-uy-chinh-phu', 'dang-uy-quoc-hoi'],
  'central',
  'party',
);
ended('Đảng ủy Khối Doanh nghiệp Trung ương', MARCH, ['dang-uy-chinh-phu'], 'central', 'party');
ended(
  'Đảng đoàn Mặt trận Tổ quốc Việt Nam',
  MARCH,
  ['dang-uy-mat-tran-to-quoc-cac-doan-the-trung-uong'],
  'central',
  'party',
);
const committee = (name: string) => `uy-ban-${slugify(name)}-cua-quoc-hoi`;
for (const [old, now] of [
  ['Pháp luật', 'Pháp luật và Tư pháp'],
  ['Tư pháp', 'Pháp luật và Tư pháp'],
  ['Kinh tế', 'Kinh tế và Tài chính'],
  ['Tài chính, Ngân sách', 'Kinh tế và Tài chính'],
  ['Quốc phòng và An ninh', 'Quốc phòng, An ninh và Đối ngoại'],
  ['Đối ngoại', 'Quốc phòng, An ninh và Đối ngoại'],
  ['Văn hóa, Giáo dục', 'Văn hóa và Xã hội'],
  ['Xã hội', 'Văn hóa và Xã hội'],
] as const) {
  ended(`Ủy ban ${old} của Quốc hội`, MARCH, [committee(now)], 'central', 'state', [`Ủy ban ${old} Quốc hội`], {
    parent: qh,
  });
}
// Provincial departments that ended with their ministries; the kinds, then each province's.
const oldDepartments: Array<[string, string, string[]]> = [
  ['Sở Kế hoạch và Đầu tư', 'Sở Tài chính', ['Sở KH&ĐT', 'Sở KHĐT']],
  ['Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ', ['Sở TT&TT', 'Sở TTTT']],
  ['Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ', ['Sở LĐTBXH', 'Sở LĐ-TB&XH']],
  ['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Môi trường', ['Sở TN&MT', 'Sở TNMT']],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'Sở Nông nghiệp và Môi trường', ['Sở NN&PTNT', 'Sở NNPTNT']],
  ['Sở Giao thông vận tải', 'Sở Xây dựng', ['Sở GTVT']],
];
for (const [name, now, aliases] of oldDepartments)
  ended(name, MARCH, [`generic-${slugify(now)}`], 'province', 'state', aliases, {
    id: `old-generic-${slugify(name)}`,
    generic: true,
  });
const JULY = '2025-06-30';
/** Provinces and cities before 1 July 2025 that merged into another (Nghị quyết 202/2025/QH15): old → today's. */
const mergedProvinces: Array<[string, string]> = [
  ['Hà Giang', 'Tuyên Quang'],
  ['Yên Bái', 'Lào Cai'],
  ['Bắc Kạn', 'Thái Nguyên'],
  ['Vĩnh Phúc', 'Phú Thọ'],
  ['Hòa Bình', 'Phú Thọ'],
  ['Bắc Giang', 'Bắc Ninh'],
  ['Thái Bình', 'Hưng Yên'],
  ['Hải Dương', 'Hải Phòng'],
  ['Hà Nam', 'Ninh Bình'],
  ['Nam Định', 'Ninh Bình'],
  ['Quảng Bình', 'Quảng Trị'],
  ['Quảng Nam', 'Đà Nẵng'],
  ['Kon Tum', 'Quảng Ngãi'],
  ['Bình Định', 'Gia Lai'],
  ['Ninh Thuận', 'Khánh Hòa'],
  ['Đắk Nông', 'Lâm Đồng'],
  ['Bình Thuận', 'Lâm Đồng'],
  ['Phú Yên', 'Đắk Lắk'],
  ['Bình Dương', 'Hồ Chí Minh'],
  ['Bà Rịa - Vũng Tàu', 'Hồ Chí Minh'],
  ['Bình Phước', 'Đồng Nai'],
  ['Long An', 'Tây Ninh'],
  ['Sóc Trăng', 'Cần Thơ'],
  ['Hậu Giang', 'Cần Thơ'],
  ['Bến Tre', 'Vĩnh Long'],
  ['Trà Vinh', 'Vĩnh Long'],
  ['Tiền Giang', 'Đồng Tháp'],
  ['Bạc Liêu', 'Cà Mau'],
  ['Kiên Giang', 'An Giang'],
];
const provinceId = (p: string) => `${cities.includes(p) ? 'tp' : 'tinh'}-${slugify(p)}`;
for (const [old, now] of mergedProvinces) {
  const to = provinceId(now);
  const scoped = (name: string) => `${name} tỉnh ${old}`;
  const pid = ended(`Tỉnh ${old}`, JULY, [to], 'province', 'state', [old, `tỉnh ${old}`, scoped('Ủy ban nhân dân')], {
    id: `old-tinh-${slugify(old)}`,
  });
  ended(scoped('Hội đồng nhân dân'), JULY, [`${to}-hdnd`], 'province', 'state', [], { id: `${pid}-hdnd`, parent: pid });
  ended(`Tỉnh ủy ${old}`, JULY, [`${to}-cap-uy`], 'province', 'party', [], { id: `${pid}-cap-uy`, parent: pid });
  ended(scoped('Văn phòng Ủy ban nhân dân'), JULY, [`${to}-vp-ubnd`], 'province', 'state', [], {
    id: `${pid}-vp-ubnd`,
    parent: pid,
  });
  ended(scoped('Công an'), JULY, [`${to}-cong-an`], 'province', 'state', [], { id: `${pid}-cong-an`, parent: pid });
  for (const [name] of departments)
    ended(scoped(name), JULY, [`${to}-${slugify(name)}`], 'province', 'state', [], {
      id: `${pid}-${slugify(name)}`,
      parent: pid,
    });
  for (const [name, kind] of oldDepartments)
    ended(scoped(name), MARCH, [`${to}-${slugify(kind)}`], 'province', 'state', [], {
      id: `${pid}-${slugify(name)}`,
      parent: pid,
    });
}
// Today's provinces' departments that ended with their ministries.
for (const p of [...cities, ...provinces]) {
  const pid = provinceId(p);
  const lower = cities.includes(p) ? 'thành phố' : 'tỉnh';
  for (const [name, kind] of oldDepartments)
    ended(`${name} ${lower} ${p}`, MARCH, [`${pid}-${slugify(kind)}`], 'province', 'state', [], {
      id: `old-${pid}-${slugify(name)}`,
      parent: pid,
    });
}

const registry: BodyRegistry = { bodies, groups, historical };
const ids = new Set<string>();
for (const b of [...bodies, ...historical]) {
  if (ids.has(b.id)) throw new Error(`duplicate body id ${b.id}`);
  ids.add(b.id);
}
const target = new URL('../registry/default-registry.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(registry, null, 1)}\n`);
console.log(
  `wrote ${bodies.length} bodies, ${groups.length} groups, ${historical.length} historical bodies to ${target.pathname}`,
);
