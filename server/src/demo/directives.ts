import { addDays } from '../calendar/calendar.ts';
import { pick, seededRandom } from './prng.ts';

// The central directives of the demo: conclusion notices, plans and letters of the Steering
// Committee (programme NQ57) and the Government's decisions and notices (programme NQ71).

export interface CentralDirective {
  number: string;
  docType: string;
  programme: 'NQ57' | 'NQ71';
  issuerSlug: string;
  issuerName: string;
  title: string;
  issuedOn: string;
  /** The resolution it implements, by number. */
  implementsNumber: string;
  taskCount: number;
}

const TOPICS = [
  'triển khai Nghị quyết số 57-NQ/TW năm 2025',
  'phát triển hạ tầng số và dữ liệu số',
  'xây dựng, kết nối các cơ sở dữ liệu quốc gia, chuyên ngành',
  'thúc đẩy đổi mới sáng tạo, khởi nghiệp sáng tạo',
  'phát triển nhân lực khoa học, công nghệ chất lượng cao',
  'chuyển đổi số trong cơ quan Đảng, Nhà nước',
  'cải cách thủ tục hành chính gắn với chuyển đổi số',
  'bảo đảm an toàn, an ninh mạng',
  'hoàn thiện thể chế về khoa học, công nghệ và đổi mới sáng tạo',
  'phát triển kinh tế số, xã hội số',
];

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * `count` central directives issued between ~14 months and ~6 weeks before the reference date,
 * oldest first, so deadlines spread around it.
 */
export function centralDirectives(
  count: number,
  seed: number,
  referenceDate: string,
  tasksPer: readonly [number, number],
): CentralDirective[] {
  const random = seededRandom(seed * 31337 + 5);
  const counters = { tb: 7, kh: 1, cv: 12, qd: 1131, tbvp: 215 };
  const list: CentralDirective[] = [];
  for (let i = 0; i < count; i++) {
    const daysBefore = Math.round(420 - (375 * i) / Math.max(1, count - 1) - random() * 6);
    const issuedOn = addDays(referenceDate, -daysBefore);
    const year = issuedOn.slice(0, 4);
    const topic = pick(random, TOPICS);
    const taskCount = tasksPer[0] + Math.floor(random() * (tasksPer[1] - tasksPer[0] + 1));
    const base = { issuedOn, taskCount };
    if (i % 3 === 2) {
      if (i % 2 === 0) {
        list.push({
          ...base,
          number: `${counters.qd}/QĐ-TTg`,
          docType: 'Quyết định',
          programme: 'NQ71',
          issuerSlug: 'thu-tuong-chinh-phu',
          issuerName: 'Thủ tướng Chính phủ',
          title: `Quyết định ban hành Kế hoạch hành động thực hiện Nghị quyết số 71/NQ-CP về ${topic}`,
          implementsNumber: '71/NQ-CP',
        });
        counters.qd += 3 + Math.floor(random() * 40);
      } else {
        list.push({
          ...base,
          number: `${counters.tbvp}/TB-VPCP`,
          docType: 'Thông báo',
          programme: 'NQ71',
          issuerSlug: 'van-phong-chinh-phu',
          issuerName: 'Văn phòng Chính phủ',
          title: `Thông báo kết luận của Thủ tướng Chính phủ về ${topic} năm ${year}`,
          implementsNumber: '71/NQ-CP',
        });
        counters.tbvp += 2 + Math.floor(random() * 30);
      }
      continue;
    }
    const kind = i % 4;
    if (kind === 0 || kind === 3) {
      list.push({
        ...base,
        number: `${pad2(counters.tb)}-TB/CQTTBCĐ`,
        docType: 'Thông báo kết luận',
        programme: 'NQ57',
        issuerSlug: 'bcd-tw-co-quan-thuong-truc',
        issuerName: 'Cơ quan Thường trực Ban Chỉ đạo',
        title: `Thông báo kết luận của Thường trực Ban Chỉ đạo Trung ương về ${topic}`,
        implementsNumber: '57-NQ/TW',
      });
      counters.tb += 1 + Math.floor(random() * 5);
    } else if (kind === 1) {
      list.push({
        ...base,
        number: `${pad2(counters.kh)}-KH/BCĐTW`,
        docType: 'Kế hoạch',
        programme: 'NQ57',
        issuerSlug: 'bcd-tw',
        issuerName: 'Ban Chỉ đạo Trung ương',
        title: `Kế hoạch ${topic}`,
        implementsNumber: '57-NQ/TW',
      });
      counters.kh += 1 + Math.floor(random() * 3);
    } else {
      list.push({
        ...base,
        number: `${pad2(counters.cv)}-CV/BCĐTW`,
        docType: 'Công văn',
        programme: 'NQ57',
        issuerSlug: 'bcd-tw',
        issuerName: 'Ban Chỉ đạo Trung ương',
        title: `Công văn đôn đốc ${topic}`,
        implementsNumber: '57-NQ/TW',
      });
      counters.cv += 1 + Math.floor(random() * 9);
    }
  }
  return list;
}
