// Reading bodies out of directive prose: the assignee at the head of an item ("Bộ KH&CN chủ trì, …"),
// the coordinating bodies after "phối hợp với", and lists written "các bộ: Tài chính, Công an".
// Every name is mapped to its canonical registry name; a body the registry does not know is kept
// as written and reported as unknown — never dropped.
import { toOldToneMarks } from '@giamsat/shared/text';
import { capitalizeFirst, fold, foldTail } from '../text/normalize.ts';
import { type BodyIndex, bodyKey, expandAbbreviations, MAY_ABBREVIATE } from './registry.ts';

export interface ParsedBodies {
  names: string[];
  unknown: string[];
}

/** Words that open a body's name. */
const BODY_HEAD =
  /^(quý(?= (cơ quan|đơn vị|bộ|sở|ủy ban|uỷ ban|địa phương|ban|ngành|tỉnh|thành phố|xã|phường))|bộ|sở|ban|ủy ban|uỷ ban|ubnd|hđnd|văn phòng|vp|đảng ủy|đảng uỷ|đảng bộ|chi bộ|cục|tổng cục|chi cục|vụ(?! việc| án| mùa| đông| xuân| hè| thu| lúa| nổ| tai nạn)|viện|trung tâm|tòa án|toà án|công an|hội đồng|tổ|đoàn(?! kết)|hội(?! nghị| thảo)|quỹ|tập đoàn|tổng công ty|công ty|ngân hàng|thanh tra|kiểm toán|đại học|trường(?! hợp)|học viện|cấp ủy|cấp uỷ|thành ủy|thành uỷ|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|quận ủy|quận uỷ|thị ủy|thị uỷ|quân ủy|quân uỷ|đảng đoàn|đài|báo|thông tấn xã|mặt trận|liên đoàn|liên hiệp|kho bạc|chính phủ|quốc hội|thủ tướng|chủ tịch|bí thư|đồng chí|lãnh đạo|người đứng đầu|thủ trưởng|thường trực|cơ quan|ủy viên|thành viên|bộ chỉ huy|bộ tư lệnh|phòng(?!,| chống| ngừa| tránh| cháy| thủ| bệnh| dịch)|trạm|trưởng|phó|tổng giám đốc|giám đốc|bộ trưởng|thống đốc|chánh|công chức|thôn|tổ dân phố|bảo hiểm|hợp tác xã|\d+ (địa phương|tỉnh|bộ))(?![\p{L}])/u;

/** Verbs only an assignee takes: the name before them is whole. */
const STRONG_PREDICATE =
  /^(chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|là cơ quan|là đầu mối|khẩn trương|chủ động)$/u;

/** A head word alone ("Ban", "Quỹ", "Cơ quan", "Trung tâm"): no body's name ends there. */
const BARE_HEAD = /^(ban|quỹ|cơ quan|trung tâm|hội đồng|tổ|viện|phòng|cục|văn phòng|đoàn|hội|công ty|tổng công ty)$/u;

/** Collective nouns that make "các …" a group of bodies ("các bộ, ngành", "các cơ quan, đơn vị"). */
const COLLECTIVE =
  /^(các|những)\s+(đồng chí\s+)?(chi bộ|đảng bộ|tổ đảng|huyện ủy|huyện uỷ|quận ủy|quận uỷ|thị ủy|thị uỷ|thành ủy|thành uỷ|tỉnh ủy|tỉnh uỷ|đảng ủy|đảng uỷ|đảng đoàn|huyện|quận|thị xã|thôn|bộ|ngành|cơ quan|địa phương|đơn vị|tổ chức|doanh nghiệp|sở|ban|cấp|tỉnh|thành phố|xã|phường|đoàn|đảng|trường|viện|tập đoàn|hội|ủy ban|uỷ ban|quỹ|cục|trung tâm|đại học|thành viên|đại biểu|bí thư|chủ tịch|thủ trưởng|người đứng đầu|lãnh đạo|trưởng|tổ trưởng|giám đốc|công chức|cán bộ|ủy viên|uỷ viên)(?![\p{L}])/iu;

/** A word that continues a group: "ngành", "địa phương", "cơ quan ngang bộ", "đơn vị", "doanh nghiệp" … */
const COLLECTIVE_WORD =
  /^(chi bộ|đảng bộ|tổ đảng|huyện ủy|huyện uỷ|quận ủy|quận uỷ|thị ủy|thị uỷ|thành ủy|thành uỷ|tỉnh ủy|tỉnh uỷ|đảng ủy|đảng uỷ|đảng đoàn|huyện|quận|thị xã|thôn|tổ dân phố|bộ|ngành|cơ quan|địa phương|đơn vị|tổ chức|doanh nghiệp|lực lượng|sở|ban|cấp|tỉnh|thành phố|xã|phường|đặc khu|đoàn thể|trường|viện|tập đoàn|hội|quỹ|khối|chính quyền|đảng|cấp ủy|cấp uỷ|tổ chức đảng|cơ sở)(?![\p{L}])/iu;

/**
 * "(Chủ tịch) Ủy ban nhân dân các tỉnh, thành phố: A, B", "Sở Y tế các tỉnh: A, B" — the same unit of
 * each place named after the colon.
 */
const PLACES_OF_UNITS = /^(.*?\S)\s+các\s+(tỉnh|thành phố)(,?\s*(tỉnh|thành phố))?\s*$/iu;

/** The unit a "… các tỉnh, thành phố" list head gives each place ("Sở Y tế"), or null. */
function unitOfPlaces(before: string): string | null {
  const m = PLACES_OF_UNITS.exec(before.trim());
  if (!m?.[1]) return null;
  // The whole words before "các tỉnh" ("Sở Văn hóa, Thể thao và Du lịch"), or the last of a list ("…; Chủ tịch Ủy ban nhân dân").
  for (const written of [m[1], m[1].split(/[,;:]\s*/u).pop() ?? '']) {
    const unit = withoutRole(written) ?? written;
    if (BODY_HEAD.test(fold(unit)) && !COLLECTIVE.test(unit)) return expandAbbreviations(unit);
  }
  return null;
}

/** Heads that name a person or role: the whole phrase is one assignee. */
const ROLE_HEAD = /^(người đứng đầu|thủ trưởng|lãnh đạo|trưởng|bí thư)(?![\p{L}])/iu;

/** Verbs and modal words that end an assignee phrase. Matched lower case only: inside body names
 *  the same words are capitalised ("Bộ Xây dựng", "Ban Chỉ đạo", "Ủy ban Kiểm tra"). */
const PREDICATE_WORDS = [
  'chủ trì',
  'phối hợp',
  'chủ động',
  'khẩn trương',
  'tập trung',
  'chỉ đạo',
  'tiếp tục',
  'tăng cường',
  'đẩy mạnh',
  'triển khai',
  'rà soát',
  'xây dựng',
  'hoàn thiện',
  'hoàn thành',
  'ban hành',
  'trình',
  'nghiên cứu',
  'thực hiện',
  'bảo đảm',
  'đảm bảo',
  'có trách nhiệm',
  'chịu trách nhiệm',
  'căn cứ',
  'theo chức năng',
  'theo từng',
  'theo nhiệm vụ',
  'trên cơ sở',
  'cần',
  'phải',
  'sớm',
  'kịp thời',
  'nghiêm túc',
  'công bố',
  'cập nhật',
  'lãnh đạo',
  'tiên phong',
  'quán triệt',
  'giám sát',
  'hướng dẫn',
  'đề xuất',
  'tham mưu',
  'theo dõi',
  'báo cáo',
  'tổ chức',
  'thành lập',
  'bố trí',
  'nâng cao',
  'phát huy',
  'xem xét',
  'cung cấp',
  'duy trì',
  'kiểm tra',
  'tổng hợp',
  'đôn đốc',
  'quan tâm',
  'sử dụng',
  'ưu tiên',
  'thúc đẩy',
  'lựa chọn',
  'hỗ trợ',
  'đánh giá',
  'điều chỉnh',
  'chuẩn bị',
  'tích cực',
  'quyết liệt',
  'cụ thể hóa',
  'vận hành',
  'số hóa',
  'khắc phục',
  'xử lý',
  'tiếp nhận',
  'áp dụng',
  'chuẩn hóa',
  'tuyên truyền',
  'phổ biến',
  'giải ngân',
  'phân bổ',
  'thẩm định',
  'phê duyệt',
  'tiếp thu',
  'bổ sung',
  'sửa đổi',
  'trực tiếp',
  'có giải pháp',
  'làm việc',
  'tháo gỡ',
  'nêu gương',
  'được giao',
  'vận động',
  'đưa',
  'đưa vào',
  'gửi',
  'tăng',
  'giảm',
  'mở rộng',
  'đẩy nhanh',
  'huy động',
  'cân đối',
  'quản lý',
  'khai thác',
  'kết nối',
  'chia sẻ',
  'tích hợp',
  'đồng bộ',
  'làm sạch',
  'đặt hàng',
  'quyết định',
  'cho ý kiến',
  'góp ý',
  'lấy ý kiến',
  'học tập',
  'bồi dưỡng',
  'tập huấn',
  'thu hút',
  'tuyển dụng',
  'sắp xếp',
  'kiện toàn',
  'chuyển giao',
  'bàn giao',
  'bảo vệ',
  'ngăn chặn',
  'xác định',
  'dự báo',
  'cảnh báo',
  'ứng phó',
  'ứng dụng',
  'thí điểm',
  'nhân rộng',
  'tổng kết',
  'sơ kết',
  'chấn chỉnh',
  'tham gia',
  'khuyến khích',
  'giải quyết',
  'thanh tra',
  'kiến nghị',
  'phát triển',
  'nâng cấp',
  'công khai',
  'điều hành',
  'phụ trách',
  'soạn thảo',
  'thẩm tra',
  'tiến hành',
  'nắm bắt',
  'thường xuyên',
  'định kỳ',
  'là cơ quan',
  'là đầu mối',
  'làm đầu mối',
  'hằng năm',
  'hàng năm',
  'hằng tháng',
  'hàng tháng',
  'hằng quý',
  'theo thẩm quyền',
  'trong phạm vi',
  'lập',
  'liên hệ',
  'trả lời',
  'giải trình',
  'quyết toán',
  'thanh toán',
  'lưu trữ',
  'nỗ lực',
  'phấn đấu',
  'mua sắm',
  'đầu tư',
  'cấp phát',
  'dành',
  'ký',
  'thông qua',
  'đáp ứng',
  'bám sát',
  'hoàn chỉnh',
  // Work a body is told to do in letters, notices and telegrams.
  'thông báo',
  'phân công',
  'cử',
  'đăng ký',
  'nộp',
  'khảo sát',
  'điều tra',
  'thống kê',
  'nghiệm thu',
  'thu hồi',
  'sơ tán',
  'di dời',
  'tuần tra',
  'kiểm soát',
  'ngăn ngừa',
  'xử phạt',
  'biên soạn',
  'phát hành',
  'khen thưởng',
  'động viên',
  'niêm yết',
  'dọn dẹp',
  'điều động',
  'bảo quản',
  'vận chuyển',
  'giới thiệu',
  'đăng tải',
  'hoàn tất',
  'tạo điều kiện',
  'tìm kiếm',
  'cứu hộ',
  'sửa chữa',
  'lắp đặt',
  'gia cố',
  'nạo vét',
  'truy quét',
  'ký kết',
];
export const PREDICATE_SET = new Set(PREDICATE_WORDS.map((w) => fold(w)));
/** The words predicates open with. */
const PREDICATE_FIRST = new Set([...PREDICATE_SET].map((w) => w.split(' ')[0] ?? ''));
const PREDICATE_MAX_WORDS = 3;

/** Words before a predicate that make the sentence a report, not an assignment. */
const NON_ASSIGNING = new Set(['đã', 'sẽ', 'chưa', 'đang', 'vẫn', 'cũng', 'không', 'là', 'được', 'có thể']);

/** Connectives that open an assignment before the body ("Đề nghị Bộ Tài chính …"). */
const REQUEST_PREFIX = /^(đề nghị|giao|yêu cầu|đối với|giao cho)\s+/iu;

interface Word {
  text: string;
  start: number;
  end: number;
}

function words(s: string, limit: number): Word[] {
  const out: Word[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null = re.exec(s);
  while (m && out.length < limit) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    m = re.exec(s);
  }
  return out;
}

function bare(w: string): string {
  return w.replace(/^[("“*]+|[)"”*,;:.]+$/g, '');
}

function isLowerStart(w: string): boolean {
  const c = w.charAt(0);
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

/** Marks the words covered by registry names, longest first. */
function markRegistry(ws: Word[], src: string, ix: BodyIndex): boolean[] {
  const marked = new Array<boolean>(ws.length).fill(false);
  let i = 0;
  // Assignees open a sentence: the first 30 words are enough.
  const limit = Math.min(ws.length, 30);
  while (i < limit) {
    const firstWord = ws[i];
    if (!firstWord) break;
    const known = ix.maxWords.get(firstKeyWord(firstWord.text));
    if (known === undefined) {
      i++;
      continue;
    }
    const maxLen = Math.min(ws.length - i, known + 3);
    // Without an abbreviation in sight, a phrase's key ends in its last word's key (see plainTail).
    const plain = !MAY_ABBREVIATE.test(src.slice(firstWord.start, ws[i + maxLen - 1]?.end ?? firstWord.end));
    let took = 0;
    for (let len = maxLen; len >= 1; len--) {
      const last = ws[i + len - 1];
      if (!last) continue;
      if (plain && len > 1) {
        const tail = plainTail(last.text);
        if (tail !== null && !ix.lastWords.has(tail)) continue;
      }
      const phrase = src.slice(firstWord.start, last.end).replace(/[,;:.]+$/, '');
      const cleaned = phrase.replace(/^[("“*]+/, '').replace(/[)"”*]+$/, '');
      if (ix.lookup(cleaned)) {
        took = len;
        break;
      }
    }
    if (took > 0) {
      for (let k = i; k < i + took; k++) marked[k] = true;
      i += took;
    } else i++;
  }
  return marked;
}

/**
 * The key of the last word of a phrase, when it is letters and digits only once the phrase's closing
 * punctuation is cut off ("chính)," → "chính"); else null. Then (and with no abbreviation in the
 * phrase) the phrase's key ends with exactly this word, so it can only be a name ending in it.
 */
function plainTail(word: string): string | null {
  let tail = tailMemo.get(word);
  if (tail === undefined) {
    const w = word.replace(/[,;:.]+$/, '').replace(/[)"”*]+$/, '');
    tail = /^[\p{L}\p{N}]+$/u.test(w) ? fold(w) : null;
    remember(tailMemo, word, tail);
  }
  return tail;
}

/** The first word of a word's lookup key: what a registry name opening with it must start with. */
function firstKeyWord(word: string): string {
  let first = firstMemo.get(word);
  if (first === undefined) {
    first = bodyKey(bare(word)).split(' ')[0] ?? '';
    remember(firstMemo, word, first);
  }
  return first;
}

// Per word, so a document's words are keyed once, not once per phrase they open or close.
const tailMemo = new Map<string, string | null>();
const firstMemo = new Map<string, string>();

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= 50_000) memo.clear();
  memo.set(key, value);
}

/** Index of the first word that starts a predicate, or -1. */
function predicateAt(ws: Word[], marked: boolean[], from: number): { index: number; length: number } | null {
  const lowered: Array<string | undefined> = [];
  // A word in lower case, lowered; '' for any other word (capitalised words are names, not verbs).
  const folded = (k: number): string => {
    let f = lowered[k];
    if (f === undefined) {
      const w = ws[k];
      f = w && isLowerStart(bare(w.text)) ? w.text.toLowerCase() : '';
      lowered[k] = f;
    }
    return f;
  };
  for (let i = from; i < ws.length; i++) {
    if (marked[i]) continue;
    const w = ws[i];
    const head = folded(i);
    if (!w || !head) continue;
    // Every predicate opens with one of a few words: most words open none.
    if (!PREDICATE_FIRST.has(toOldToneMarks(head).replace(/[,;:.]+$/, ''))) continue;
    for (let len = PREDICATE_MAX_WORDS; len >= 1; len--) {
      if (i + len > ws.length) continue;
      const parts: string[] = [];
      for (let k = i; k < i + len; k++) parts.push(folded(k));
      const phrase = toOldToneMarks(parts.join(' ')).replace(/[,;:.]+$/, '');
      if (!PREDICATE_SET.has(phrase)) continue;
      // "tổ chức đảng", "các tổ chức": the noun, not the verb.
      if (phrase === 'tổ chức') {
        const next = ws[i + 1] ? fold(ws[i + 1]?.text ?? '') : '';
        const prev = i > 0 ? fold(ws[i - 1]?.text ?? '') : '';
        if (next.startsWith('đảng') || prev === 'các' || prev.endsWith(',') || prev === 'và') continue;
      }
      // A comma inside the slice means the words belong to different clauses.
      if (ws.slice(i, i + len - 1).some((x) => /[,;:.]$/.test(x.text))) continue;
      return { index: i, length: len };
    }
  }
  return null;
}

/**
 * Words after a body's name that do not open work it must do: a report's or a meeting's verbs ("Bộ Y
 * tế nhất trí …"), the writer asking someone else ("… yêu cầu …", "… xin thông báo …"), the writer's
 * wishes, thanks and condolences ("… mong muốn …", "… chia buồn …"), tense and modal words, and
 * prepositions (the name is inside a phrase: "Nghị quyết của Bộ Chính trị về …").
 */
const STATEMENT_VERB =
  /^(mong|hy vọng|hi vọng|chia buồn|cảm ơn|cám ơn|chúc mừng|bày tỏ|gửi lời|giữ|đóng|chiếm|mang|thể hiện|góp phần|nhất trí|ghi nhận|biểu dương|đánh giá cao|cho biết|cho rằng|đồng ý|thống nhất|tham dự|dự|phát biểu|trình bày|có|gồm|đạt|được|bị|là|đã|sẽ|đang|chưa|vẫn|cũng|không|vừa|mới|từng|luôn|rất|nay|này|đó|ấy|nêu|nói|kể|trên|đề nghị|yêu cầu|giao|trân trọng|xin|kính|về|của|tại|ở|theo|trong|thuộc|do|cho|để|nhằm|với|từ|đến|khi|nếu|sau|trước|qua|nhân|và|hoặc|hay|như|thì|mà|nhưng)(?![\p{L}])/u;

/**
 * The verb list does not know every verb. Right after a name the registry knows, a word in lower case
 * that goes on no list of bodies ("và", "các", "tỉnh", "liên quan" …) is the verb: "Sở Y tế niêm yết …".
 * Only where no known verb was found, and with words after it.
 */
function verbAfterKnownName(ws: Word[], marked: boolean[], src: string): { index: number; length: number } | null {
  let k = 0;
  // Past the known names and the words joining them ("Sở X và Sở Y", "Sở X, Sở Y").
  while (k < ws.length && (marked[k] || /^(và|cùng|với)$/u.test(ws[k]?.text ?? ''))) k++;
  if (k === 0 || !marked[k - 1]) return null;
  const w = ws[k];
  const prev = ws[k - 1];
  if (!w || !prev || k + 2 >= ws.length || /[,;:.)]$/.test(prev.text) || !isLowerStart(bare(w.text))) return null;
  const rest = src.slice(w.start, w.start + 40).toLowerCase();
  if (LIST_GOES_ON.test(rest) || STATEMENT_VERB.test(rest) || !/^\p{L}+$/u.test(w.text)) return null;
  return { index: k, length: 1 };
}

/** "nêu trên", "nói trên", "kể trên", "trên": the bodies named above. */
const BACK_REFERENCE_TAIL = /^\s*((nêu|nói|kể|vừa nêu)\s+)?trên\s*$/u;
/** "(Ủy ban nhân dân) các tỉnh nêu trên", "các bộ nêu trên", "các cơ quan, đơn vị trên" (folded). */
const BACK_REFERENCE = /^(.{0,60}?\s)?(các|những)\s+(.{2,60}?)\s+((nêu|nói|kể|vừa nêu)\s+)?trên$/u;

/**
 * A group that points back to the bodies named earlier in the document ("các tỉnh nêu trên"): which of
 * them it means, as a test on a body's canonical name; null when the name is no such reference.
 */
export function backReference(name: string, ix: BodyIndex): ((body: string) => boolean) | null {
  const m = BACK_REFERENCE.exec(fold(name));
  if (!m?.[3]) return null;
  // "Sở Y tế các tỉnh nêu trên": the named bodies that are that unit.
  const of = m[1]?.trim() ?? '';
  if (of && of !== fold('Ủy ban nhân dân')) {
    if (!BODY_HEAD.test(of)) return null;
    return (n) => fold(n).startsWith(`${of} `);
  }
  const kinds = m[3];
  const tests: Array<(n: string) => boolean> = [];
  const unit = (level: 'province' | 'commune', written: RegExp) => (n: string) => {
    const e = ix.lookup(n);
    if (e?.body) return e.body.level === level && !e.body.parent && e.body.kind === 'state';
    if (e?.group) return e.group.members.level === level && e.group.members.unit === true;
    return written.test(n);
  };
  const province = unit('province', /^(tỉnh|thành phố|ủy ban nhân dân (các )?(tỉnh|thành phố))(\s|,)/iu);
  const commune = unit('commune', /^(xã|phường|đặc khu|ủy ban nhân dân (các )?(xã|phường|đặc khu))(\s|,)/iu);
  if (/(^|\s|,)(tỉnh|thành phố)(\s|,|$)/u.test(kinds)) tests.push(province);
  if (/(^|\s|,)(xã|phường|đặc khu)(\s|,|$)/u.test(kinds)) tests.push(commune);
  if (/(^|\s|,)địa phương(\s|,|$)/u.test(kinds)) tests.push(province, commune);
  if (/(^|\s|,)(bộ|ngành)(\s|,|$)/u.test(kinds)) tests.push((n) => /^(bộ|các bộ)(\s|,)/iu.test(n));
  if (/(^|\s|,)(sở|ngành)(\s|,|$)/u.test(kinds)) tests.push((n) => /^(sở|các sở)(\s|,)/iu.test(n));
  if (/(^|\s|,)(cơ quan|đơn vị|tổ chức)(\s|,|$)/u.test(kinds)) tests.push(() => true);
  if (tests.length === 0) return null;
  return (n) => tests.some((t) => t(n));
}

export interface Subject {
  /** The assignee words as written. */
  span: string;
  bodies: ParsedBodies;
  /** Offset in the given text where the predicate (what the body must do) starts. */
  predicateStart: number;
  /** The item is only a body's name ("b) Bộ Giáo dục và Đào tạo"): its sub-items are that body's tasks. */
  headingOnly: boolean;
}

export function looksLikeBody(span: string, firstMarked: boolean): boolean {
  const s = span.replace(/^[("“*\s]+/, '');
  if (firstMarked) return true;
  if (BODY_HEAD.test(fold(s))) return true;
  return COLLECTIVE.test(s);
}

/**
 * The assignee that opens a sentence or item, if any: "Bộ Tài chính chủ trì…", "Đề nghị Bộ X …",
 * "Các bộ, ngành, địa phương:", or an item that is only a body's name.
 */
export function findSubject(text: string, ix: BodyIndex): Subject | null {
  // Pure in (text, registry): the same sentence is asked about from several places.
  let memo = subjectMemo.get(ix);
  if (!memo) {
    memo = new Map();
    subjectMemo.set(ix, memo);
  }
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  const found = computeSubject(text, ix);
  if (memo.size > 20_000) memo.clear();
  memo.set(text, found);
  return found;
}

const subjectMemo = new WeakMap<BodyIndex, Map<string, Subject | null>>();

/**
 * "Thủ tướng Chính phủ yêu cầu:", "Chủ tịch UBND tỉnh có ý kiến như sau:", "… kết luận như sau:": the
 * speaker introduces what others must do; the items after it are not the speaker's.
 */
const SPEAKER_LEAD_IN =
  /\s((có ý kiến|kết luận|yêu cầu|đề nghị|thông báo)(\s+(chỉ đạo|như|những|các|một số|nội dung|ý kiến|vấn đề|nhiệm vụ|chính|chủ yếu|cụ thể|trọng tâm)){0,5}(\s+sau)?|(chỉ đạo|giao nhiệm vụ|thông báo)(\s+\S+){0,4}\s+sau)\s*:\s*$/u;

/** The text (up to a colon) is a speaker's lead-in: what follows the colon is what others must do. */
export function isSpeakerLeadIn(text: string): boolean {
  return SPEAKER_LEAD_IN.test(foldTail(text, 60));
}

/**
 * An opening clause that says why or on what grounds, before the sentence's own subject: "Thực hiện
 * chỉ đạo của Thủ tướng Chính phủ, Bộ X đề nghị …", "Để bảo đảm …, các bộ …", "Căn cứ …, đề nghị …".
 */
const GROUNDS_CLAUSE =
  /^((thực hiện|triển khai( thực hiện)?|tiếp theo|theo)\s+(ý kiến\s+|sự\s+)?(chỉ đạo|ý kiến|kết luận|nghị quyết|chỉ thị|quyết định|công văn|công điện|thông báo|kế hoạch|chương trình|văn bản|hướng dẫn|đề nghị)|căn cứ|trên cơ sở|để|nhằm|sau khi|trước tình hình|trước diễn biến|hưởng ứng|với mục tiêu)\s/u;

/** "… Ban X ban hành Kế hoạch …", "… Bộ Y thông báo …": the writer describing this document, not work. */
const WRITES_THIS_DOCUMENT =
  /^(ban hành|xây dựng|thông báo|hướng dẫn)(\s+(kế hoạch|chương trình|thông báo|hướng dẫn|chỉ thị|công văn|văn bản|nghị quyết|quyết định)|\s*:|\s+như sau)/u;

/** The subject after a grounds clause: the first comma after which a subject opens (within 400 characters). */
function subjectAfterGrounds(text: string, ix: BodyIndex): Subject | null {
  if (!GROUNDS_CLAUSE.test(fold(text.slice(0, 30)))) return null;
  const comma = /,\s+(?=\p{L})/gu;
  for (let m = comma.exec(text); m && m.index < 400; m = comma.exec(text)) {
    const from = m.index + m[0].length;
    // "… của đồng chí X, Trưởng Ban …": a person's titles, still inside the clause.
    if (/đồng chí\s[^,;]{0,80}$/u.test(fold(text.slice(Math.max(0, m.index - 100), m.index)))) continue;
    // "Trên cơ sở …, chủ động phối hợp với …": the main clause opens with its verb, no subject of its own.
    if (opensWithPredicate(text.slice(from, from + 60))) return null;
    // A list ("…; …") or a new sentence: the opening clause has ended without a subject.
    if (/[;]|\.\s/u.test(text.slice(0, m.index))) return null;
    const inner = computeSubject(text.slice(from), ix);
    // "Ban Chỉ đạo về | phát triển …": a name cut at a verb inside it is no subject.
    if (!inner || /\s(về|của|cho|với|và|tại|trong)$/u.test(fold(inner.span))) continue;
    const asked = /(^|\s)(đề nghị|yêu cầu|giao)\s/u.test(text.slice(from, from + inner.predicateStart));
    if (
      !asked &&
      WRITES_THIS_DOCUMENT.test(fold(text.slice(from + inner.predicateStart, from + inner.predicateStart + 60)))
    )
      return null;
    return { ...inner, predicateStart: from + inner.predicateStart };
  }
  return null;
}

function opensWithPredicate(s: string): boolean {
  const ws = s.split(/\s+/).map((w) => fold(bare(w)));
  for (let len = Math.min(PREDICATE_MAX_WORDS, ws.length); len >= 1; len--)
    if (PREDICATE_SET.has(ws.slice(0, len).join(' '))) return true;
  return false;
}

function computeSubject(text: string, ix: BodyIndex): Subject | null {
  if (SPEAKER_LEAD_IN.test(foldTail(text, 60))) return null;
  const grounded = subjectAfterGrounds(text, ix);
  if (grounded) return grounded;
  let offset = 0;
  let s = text;
  // "Về số hoá: Các bộ, ngành: (1) …" — the topic comes first, then the assignee.
  const topic = /^Về\s[^:.]{2,200}:\s+(?=\p{Lu})/u.exec(s);
  if (topic) {
    offset = topic[0].length;
    s = s.slice(offset);
  }
  const req = REQUEST_PREFIX.exec(s);
  if (req) {
    offset += req[0].length;
    s = s.slice(req[0].length);
  }
  // Cheap test first: an assignee opens with a body's head word, a group ("các …") or a known name.
  const head3 = fold(s.slice(0, 40).replace(/^[("“*\s]+/, ''));
  const space = head3.indexOf(' ');
  const firstKey = bodyKey(bare(space < 0 ? head3 : head3.slice(0, space)));
  if (!BODY_HEAD.test(head3) && !COLLECTIVE.test(head3) && !ix.maxWords.has(firstKey) && !/^lãnh đạo các/u.test(head3))
    return null;
  const ws = words(s, 60);
  if (ws.length === 0) return null;
  // An item that opens with a verb ("Tổ chức thực hiện…", "Ban hành…") has no assignee of its own.
  for (let len = PREDICATE_MAX_WORDS; len >= 1; len--) {
    const head = fold(
      ws
        .slice(0, len)
        .map((w) => bare(w.text))
        .join(' '),
    );
    const after = ws[len]?.text ?? '';
    const roleHead = head === 'lãnh đạo' && (fold(after) === 'các' || /^\p{Lu}/u.test(after));
    if (ws.length >= len && PREDICATE_SET.has(head) && !roleHead) return null;
  }
  const marked = markRegistry(ws, s, ix);
  const startsWithRole =
    fold(ws[0]?.text ?? '') === 'lãnh' && (fold(ws[2]?.text ?? '') === 'các' || /^\p{Lu}/u.test(ws[2]?.text ?? ''));
  let pred = predicateAt(ws, marked, startsWithRole ? 2 : 0);
  // "Cơ quan tham mưu …", "Quỹ hỗ trợ phát triển …", "Ban quản lý dự án …": after a bare head word the
  // verb-like word is part of the name.
  if (pred && pred.index > 0 && BARE_HEAD.test(fold(s.slice(0, ws[pred.index]?.start ?? 0)).trim())) {
    // The name runs to the assignee's own verb ("Quỹ hỗ trợ phát triển hợp tác xã chủ trì …") when there is one.
    const next = predicateAt(ws, marked, pred.index + pred.length);
    let strong: { index: number; length: number } | null = null;
    for (let p = next; p && !strong; p = predicateAt(ws, marked, p.index + p.length)) {
      const phrase = fold(
        ws
          .slice(p.index, p.index + p.length)
          .map((w) => bare(w.text))
          .join(' '),
      );
      if (STRONG_PREDICATE.test(phrase)) strong = p;
    }
    if (strong && strong.index - pred.index > 12) strong = null;
    pred = strong ?? next;
  }
  if (marked[0]) {
    const verb = verbAfterKnownName(ws, marked, s);
    if (verb && (!pred || verb.index < pred.index)) pred = verb;
  }
  // "Bộ Khoa học và Công nghệ: (1) Chủ trì …" — a colon before the verb closes the assignee,
  // unless names follow it ("Các bộ: Tài chính, Công an phối hợp …").
  const passive =
    pred &&
    fold(ws[pred.index]?.text ?? '') === 'được' &&
    ws.slice(pred.index, pred.index + 4).some((w) => /:$/.test(w.text));
  if (passive) pred = null;
  const colonWord = ws.findIndex((w, k) => (pred ? k < pred.index : true) && /:$/.test(w.text));
  if (colonWord >= 0) {
    const head = s.slice(0, ws[colonWord]?.end ?? 0).replace(/:$/, '');
    const after = s.slice(ws[colonWord]?.end ?? 0).trim();
    const listFollows =
      isListHead(head) &&
      /^\p{Lu}/u.test(after) &&
      !PREDICATE_SET.has(fold(after.split(/\s+/).slice(0, 2).join(' ')).replace(/[,;:.]+$/, '')) &&
      !PREDICATE_SET.has(fold(after.split(/\s+/)[0] ?? '').replace(/[,;:.]+$/, ''));
    if (!listFollows) {
      // "Ủy ban nhân dân xã thông báo: Từ ngày …": the speaker, not an assignee.
      if (SPEAKER_LEAD_IN.test(foldTail(`${head}:`, 60))) return null;
      let span = head.trim().replace(/^[*\s]+|[*\s]+$/g, '');
      // "Thủ tướng Chính phủ yêu cầu các Bộ trưởng, …:": the writer asks, the bodies after the verb act.
      const asker = /^\S.{2,80}?\s(đề nghị|yêu cầu|giao)\s+(?=\p{Lu}|các\s|những\s)/u.exec(span);
      if (asker && (marked[0] || BODY_HEAD.test(fold(span)))) span = span.slice(asker[0].length);
      if (!span || !looksLikeBody(span, marked[0] === true) || span.split(/\s+/).length > 30) return null;
      if (!marked[0] && /\s(gồm|dựa|nếu|khi|thì|để|mà|nhưng|vì|do|bằng|đến|như)\s/u.test(` ${span} `)) return null;
      const bodies = parseBodyList(span, ix);
      if (bodies.names.length === 0) return null;
      let predicateStart = offset + (ws[colonWord]?.end ?? 0);
      while (predicateStart < text.length && /[\s,:;*]/.test(text.charAt(predicateStart))) predicateStart++;
      return { span, bodies, predicateStart, headingOnly: predicateStart >= text.length };
    }
    pred = predicateAt(ws, marked, colonWord + 1);
  }
  let end: number;
  let headingOnly = false;
  if (pred && pred.index > 0) {
    const before = ws[pred.index - 1];
    if (before && NON_ASSIGNING.has(fold(bare(before.text)))) return null;
    if (pred.index >= 2) {
      const two = `${ws[pred.index - 2]?.text ?? ''} ${before?.text ?? ''}`;
      if (NON_ASSIGNING.has(fold(two))) return null;
    }
    end = ws[pred.index]?.start ?? s.length;
    // "X thông báo để … biết", "X thông báo … như sau:": the writer informs (a closing formula, a
    // speaker's lead-in), it is not told to notify anyone.
    if (/^thông báo(\s*:|\s+để\s|\s[^.;]*:\s*$)/u.test(fold(s.slice(end)))) return null;
    // "… phải đặc biệt quan tâm đến …": an exhortation to pay attention assigns no work.
    if (/^((phải|cần)\s+)?(đặc biệt\s+)?(quan tâm|nhận thức)(\s|$)/u.test(fold(s.slice(end, end + 40)))) return null;
    // After a known body, only more bodies may come before the verb ("… Thường trực Ban Chỉ đạo nhất trí với …" is not an assignment).
    if (marked[0]) {
      let k = 0;
      while (k < pred.index && marked[k]) k++;
      if (k < pred.index) {
        const gap = s
          .slice(ws[k]?.start ?? 0, ws[pred.index]?.start ?? 0)
          .replace(/^[\s,;]*(và\s+|cùng\s+)?(đặc biệt là\s+|nhất là\s+)?/u, '');
        const qualifier =
          /^(\([^()]{0,80}\)|và|cấp|các|thành phố|tỉnh|trung ương|địa phương|đơn vị|ngành|liên quan|có liên quan|trực thuộc|xã|phường|đặc khu|thị trấn|[\s,;])*$/u.test(
            fold(gap),
          ) || BACK_REFERENCE_TAIL.test(fold(gap));
        // "Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường cần …": a scope word, then more bodies.
        const next = fold(gap).replace(/^((tỉnh|thành phố|trung ương|cấp tỉnh|cấp xã)[\s,;]+)+/u, '');
        // "X (trân trọng) đề nghị Y …": the asker, then the assignee (read below).
        const asks = /^(trân trọng\s+)?(đề nghị|yêu cầu|giao)\s/u.test(fold(gap));
        if (!qualifier && !asks && !BODY_HEAD.test(next) && !COLLECTIVE.test(next)) return null;
      }
    }
  } else if (!pred) {
    // No verb: a heading naming a body ("b) Bộ Giáo dục và Đào tạo", "1. Cấp ủy … trực thuộc").
    // List heads' colons ("Bộ trưởng các Bộ: A, B; Chủ tịch …: C, D:") do not end a clause.
    const trimmed = s.replace(/[:.]\s*$/, '');
    const plain = withoutListColons(trimmed).replace(/;(?=\s)/gu, ',');
    // Lists of bodies by title run longer than a heading's name.
    if (ws.length > (plain.length < trimmed.length ? 50 : 25) || /[.;:]\s+\S/.test(plain)) return null;
    end = s.length;
    headingOnly = true;
  } else return null;

  let span = s.slice(0, end).trim();
  // "X trân trọng đề nghị Y …": X asks, Y is the assignee.
  const ask = /(^|\s)(đề nghị|yêu cầu|giao)\s/u.exec(span);
  if (ask && ask.index > 0) {
    const from = ask.index + ask[0].length;
    const inner = computeSubject(s.slice(from), ix);
    if (!inner) return null;
    return { ...inner, predicateStart: offset + from + inner.predicateStart };
  }
  span = span.replace(/[,;:\s]+$/, '').replace(/^[*\s]+|[*\s]+$/g, '');
  if (!span) return null;
  if (!looksLikeBody(span, marked[0] === true)) return null;
  if (span.split(/\s+/).length > 45) return null;
  // Clause words do not occur in a body's name: "Hội đồng … gồm …, dựa vào …" is a description.
  if (!marked[0] && /\s(gồm|dựa|nếu|khi|thì|để|mà|nhưng|vì|do|bằng|đến|như)\s/u.test(` ${span} `)) return null;
  const bodies = parseBodyList(span, ix);
  if (bodies.names.length === 0) return null;
  let predicateStart = offset + end;
  while (predicateStart < text.length && /[\s,:;*]/.test(text.charAt(predicateStart))) predicateStart++;
  return { span, bodies, predicateStart, headingOnly };
}

/** Bodies named after "phối hợp (chặt chẽ) với/cùng" in a predicate, up to the next verb or clause end. */
export function findCoordinating(predicate: string, ix: BodyIndex): ParsedBodies | null {
  // "phối hợp (chặt chẽ) với X" anywhere; "làm việc với X" only as the assignee's own verb.
  const m =
    /phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+/iu.exec(predicate) ??
    /^(?:chủ động\s+|trực tiếp\s+)?làm việc (?:với|cùng)\s+/iu.exec(predicate);
  if (!m) return null;
  let rest = predicate.slice(m.index + m[0].length);
  const stop = /[.:]\s|;|\s(để|nhằm|trong việc|trong|theo|tại|về việc)\s/u.exec(rest);
  if (stop) rest = rest.slice(0, stop.index);
  // The same clause is read from the item, its sentence and its parts: read each once.
  let memo = coordinatingMemo.get(ix);
  if (!memo) {
    memo = new Map();
    coordinatingMemo.set(ix, memo);
  }
  const known = memo.get(rest);
  if (known !== undefined) return known && { names: [...known.names], unknown: [...known.unknown] };
  const found = readCoordinating(rest, ix);
  if (memo.size > 20_000) memo.clear();
  memo.set(rest, found);
  return found && { names: [...found.names], unknown: [...found.unknown] };
}

const coordinatingMemo = new WeakMap<BodyIndex, Map<string, ParsedBodies | null>>();

function readCoordinating(clause: string, ix: BodyIndex): ParsedBodies | null {
  let rest = clause;
  const ws = words(rest, 60);
  const marked = markRegistry(ws, rest, ix);
  const pred = predicateAt(ws, marked, 0);
  if (pred) rest = rest.slice(0, ws[pred.index]?.start ?? rest.length);
  else {
    // "… phối hợp với Cục X, Văn phòng Chính phủ chạy thử hệ thống …": a verb the lists do not know
    // follows a known name; the name ends there.
    const end = knownNameEnd(ws, marked, rest);
    if (end >= 0) rest = rest.slice(0, end);
  }
  rest = rest.replace(/[,;:\s]+$/, '');
  if (!rest || !looksLikeBody(rest, marked[0] === true)) return null;
  const parsed = parseBodyList(rest, ix);
  return parsed.names.length ? parsed : null;
}

/** Words that go on a list of bodies after a known name: a scope, a group, a joint. */
const LIST_GOES_ON =
  /^(và|các|những|cùng|có liên quan|liên quan|cấp|trực thuộc|thuộc|của|ở|tỉnh|thành phố|trung ương|xã|phường|đặc khu|huyện|quận|địa phương|đơn vị|ngành|cơ quan)(?![\p{L}])/u;

/** Offset where a known name is followed by words in lower case that go on no list, or -1. */
function knownNameEnd(ws: Word[], marked: boolean[], src: string): number {
  for (let k = 1; k < ws.length; k++) {
    const w = ws[k];
    const prev = ws[k - 1];
    if (!w || !prev || marked[k] || !marked[k - 1] || /[,;]$/.test(prev.text) || !isLowerStart(bare(w.text))) continue;
    if (LIST_GOES_ON.test(src.slice(w.start, w.start + 40).toLowerCase())) continue;
    return w.start;
  }
  return -1;
}

// ── Lists of bodies ───────────────────────────────────────────────────────────

interface Piece {
  text: string;
  sep: string;
}

/** Splits at ", ", "; ", " và " outside parentheses, keeping the separators to rebuild joined names. */
function splitPieces(s: string): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let cur = '';
  let i = 0;
  while (i < s.length) {
    const ch = s.charAt(i);
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0) {
      const rest = s.slice(i, i + 5);
      let sep = '';
      if (ch === ',' || ch === ';') sep = ch;
      else if (/^\svà\s/u.test(rest)) sep = ' và';
      if (sep) {
        let j = i + sep.length;
        while (j < s.length && s.charAt(j) === ' ') j++;
        out.push({ text: cur.trim(), sep: s.slice(i, j) });
        cur = '';
        i = j;
        continue;
      }
    }
    cur += ch;
    i++;
  }
  out.push({ text: cur.trim(), sep: '' });
  return out.filter((p) => p.text.length > 0 || p.sep.length > 0);
}

function cleanName(s: string): string {
  return s
    .replace(/chuyên đổi số/gu, 'chuyển đổi số')
    .replace(/Chuyên đổi số/gu, 'Chuyển đổi số')
    .replace(/^(đặc biệt là|nhất là|trong đó có|gồm|và|cùng)\s+/iu, '')
    .replace(/[.…:]+$|\.\.\.$/u, '')
    .replace(/^[-–•*\s]+|[*\s]+$/g, '')
    .trim();
}

const VAGUE = /(^|\s)cá nhân(\s|$)/u;

class ListBuilder {
  names: string[] = [];
  unknown: string[] = [];
  constructor(private ix: BodyIndex) {}
  known(name: string): void {
    if (!this.names.includes(name)) this.names.push(name);
  }
  asWritten(name: string): void {
    const n = capitalizeFirst(cleanName(expandAbbreviations(name)));
    if (!n || VAGUE.test(fold(n))) return;
    // Only words that name a body: "ngay sau Hội nghị này" in an assignee list is not one.
    if (isLowerStart(name.trim()) && !BODY_HEAD.test(fold(name.trim())) && !COLLECTIVE.test(name.trim())) return;
    const hit = this.ix.lookup(n) ?? this.ix.lookup(n.replace(/\s+(có\s+)?liên quan$/u, ''));
    if (hit) this.known(hit.name);
    else this.unknownName(n);
  }
  /** A name the registry does not know, kept as written (the Front's full name spelled out). */
  unknownName(written: string): void {
    const n = written.replace(/Mặt trận Tổ quốc(?! Việt Nam)/gu, 'Mặt trận Tổ quốc Việt Nam');
    if (!this.names.includes(n)) this.names.push(n);
    if (!this.unknown.includes(n)) this.unknown.push(n);
  }
}

/**
 * Titles of office before a body: "Chủ tịch Ủy ban nhân dân tỉnh X", "Bộ trưởng Bộ Y tế", "Lãnh đạo Ban
 * X", "Bộ trưởng các Bộ: A, B". The work is the body's: the body without the title, or null when the
 * text opens with no single title. Two titles ("Bí thư, Chủ tịch …") name persons and are kept.
 */
const ROLE_TITLE =
  /^(?:các\s+)?(?:đồng chí\s+)?(?:phó\s+)?(?:chủ tịch|bí thư|bộ trưởng|giám đốc|tổng giám đốc|thủ trưởng|chánh văn phòng|chánh thanh tra|trưởng(?=\s+(?:ban|phòng|đoàn)\s)|lãnh đạo|thống đốc|viện trưởng|hiệu trưởng|cục trưởng|chủ nhiệm|người đứng đầu|tổng kiểm toán)\s+/iu;
/** "Bộ trưởng (các Bộ), Thủ trưởng (các) cơ quan ngang Bộ, (Thủ trưởng) cơ quan (trực) thuộc Chính phủ": the generic group. */
const MINISTERS =
  /^(?:các\s+)?bộ trưởng(?:\s+các\s+bộ)?,\s*thủ trưởng\s+(?:các\s+)?cơ quan ngang bộ(,\s*(?:thủ trưởng\s+)?(?:các\s+)?cơ quan (?:trực\s+)?thuộc chính phủ)?/iu;

export function withoutRole(text: string): string | null {
  // "Đồng chí Phó Chủ tịch …": a deputy named as a person is assigned in person, not the body.
  if (/^đồng chí\s+phó\s/iu.test(text)) return null;
  const ministers = MINISTERS.exec(text);
  if (ministers)
    return `Các bộ, cơ quan ngang bộ${ministers[1] ? ', cơ quan thuộc Chính phủ' : ''}${text.slice(ministers[0].length)}`;
  const m = ROLE_TITLE.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length);
  if (!rest || /^[,;]/.test(rest) || !/^(\p{Lu}|các\s|cấp\s)/u.test(rest)) return null;
  if (!BODY_HEAD.test(fold(rest)) && !COLLECTIVE.test(rest)) return null;
  return capitalizeFirst(rest);
}

/** The body a role names, when it is one the registry knows or a single named body ("Ủy ban nhân dân xã Hòa An"). */
function bodyOfRole(text: string, ix: BodyIndex): string | null {
  const rest = withoutRole(text);
  if (!rest) return null;
  if (ix.lookup(rest)) return rest;
  if (MINISTERS.test(text) || BACK_REFERENCE.test(fold(rest))) return rest;
  // A list under one head ("các Bộ: Y tế, Công an"), or one body written out.
  if (/^các\s+(bộ|sở|ban)\s*:/iu.test(rest)) return rest;
  const parsed = parseBodyList(rest, ix);
  if (parsed.names.length > 0 && parsed.unknown.length === 0) return rest;
  if (!/^(các|những|cấp)\s/iu.test(rest) && parsed.names.length === 1) return rest;
  return null;
}

/**
 * "Văn phòng Trung ương Đảng, Bộ Tài chính và các bộ, ngành liên quan" → canonical names.
 * `loose`: the text is a whole "Cơ quan chủ trì" table cell, so a group may run on in lower case
 * ("Các cơ quan chủ trì quản lý, vận hành các nền tảng số").
 */
export function parseBodyList(input: string, ix: BodyIndex, loose = false): ParsedBodies {
  const out = new ListBuilder(ix);
  // Abbreviations first: "Ủy ban KH,CN&MT" holds a comma that is no list. A name never runs on into
  // "là …" ("Các sở, ngành là cơ quan quản lý …" describes the group).
  let span = cleanName(
    expandAbbreviations(input.replace(/\s+/g, ' ')).replace(/(?<!(đặc biệt|nhất|tức|đó|cũng))\s+là\s.*$/u, ''),
  );
  if (!span) return { names: [], unknown: [] };
  // "Các đồng chí Trưởng thôn, Tổ trưởng tổ dân phố": the form of address is no part of the roles.
  span = span.replace(/^([Cc]ác|[Nn]hững)\s+đồng chí\s+(?=\p{Lu})/u, '');
  // "Bộ trưởng các Bộ: A, B; Chủ tịch Ủy ban nhân dân các tỉnh: C, D": each group has its own head.
  const groups = titledGroups(span);
  if (groups) {
    for (const g of groups) {
      const parsed = parseBodyList(g, ix, loose);
      for (const n of parsed.names) {
        if (parsed.unknown.includes(n)) out.unknownName(n);
        else out.known(n);
      }
    }
    return { names: out.names, unknown: out.unknown };
  }
  const places = namedPlaces(span, ix);
  if (places) return places;
  const ofRole = bodyOfRole(span, ix);
  if (ofRole) span = ofRole;
  // Persons: "Đồng chí Nguyễn Văn A, Phó Trưởng Ban …, đồng chí …".
  if (/^đồng chí\s/iu.test(span)) {
    for (const part of span.split(/,?\s*(?:và\s+)?(?=đồng chí\s)/iu)) {
      const p = part.replace(/[,\s]+$/, '').trim();
      if (!p) continue;
      const role = p.replace(/^đồng chí\s+/iu, '');
      const hit = ix.lookup(role.split(',')[0] ?? '');
      if (hit) out.known(hit.name);
      else out.asWritten(capitalizeFirst(p));
    }
    return { names: out.names, unknown: out.unknown };
  }
  if (ROLE_HEAD.test(span)) {
    out.asWritten(span);
    return { names: out.names, unknown: out.unknown };
  }
  // "Các bộ: Tài chính, Công an" / "Sở: Nội vụ, Tư pháp" — the head noun is shared by the list.
  let head: string[] = [];
  let body = span;
  const colon = span.indexOf(':');
  if (colon > 0) {
    const before = span.slice(0, colon);
    const hm = LIST_HEAD.exec(before);
    // "Ủy ban nhân dân các tỉnh, thành phố: Lào Cai, Cần Thơ" — one people's committee per place.
    const placeUnit = hm ? null : unitOfPlaces(before);
    if (hm) {
      head = /sở/iu.test(hm[3] ?? '') ? ['Sở'] : /bộ/iu.test(hm[3] ?? '') ? ['Bộ'] : [];
      body = span.slice(colon + 1).trim();
    } else if (placeUnit) {
      head = [`${placeUnit} tỉnh`, `${placeUnit} thành phố`];
      body = span.slice(colon + 1).trim();
    }
  }
  // "Các cơ quan khối Đảng, khối Chính quyền, … và các đoàn thể của Thành phố": the scope at the end
  // belongs to every item, and "khối …" items share the first item's head.
  const scoped = /^(.+?)\s+(?:của\s+(Thành phố|tỉnh)|(cấp\s+(?:Thành phố|tỉnh)\s+và\s+cấp\s+xã))$/u.exec(body);
  if (scoped?.[1] && /,/.test(scoped[1])) {
    const scope = scoped[2] ?? scoped[3] ?? '';
    const pieces = splitPieces(scoped[1])
      .map((p) => p.text)
      .filter(Boolean);
    const firstHead = /^(.*?)\s+khối\s/u.exec(pieces[0] ?? '')?.[1];
    for (const p of pieces) {
      const full = /^khối\s/u.test(p) && firstHead ? `${firstHead} ${p}` : p;
      out.unknownName(capitalizeFirst(`${cleanName(full).replace(/^các\s/iu, 'Các ')} ${scope}`));
    }
    return { names: out.names, unknown: out.unknown };
  }
  // "Bộ Tài chính Bộ Tư pháp" (a cell without a comma): two names.
  const run = /^[^,;]+\s(Bộ|Sở|Ban|Ủy ban|Văn phòng|Cục|Tổng cục)\s/u.test(body) ? knownRun(body, ix) : null;
  if (run) for (const n of run) out.asWritten(n);
  else addPieces(splitPieces(body), head, out, ix, loose);
  return { names: out.names, unknown: out.unknown };
}

const PLACE_LIST =
  /^(?:(Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+)?[Cc]ác\s+((?:xã|phường|đặc khu|thị trấn|tỉnh|thành phố)(?:,\s*(?:xã|phường|đặc khu|thị trấn|tỉnh|thành phố))*)\s*:?\s+(\p{Lu}.*)$/u;
const PLACE_NAME = /^\p{Lu}[\p{L}'’-]*(\s+\p{Lu}[\p{L}'’-]*){0,3}$/u;

/**
 * "Ủy ban nhân dân các xã Bình Sơn, Tịnh Khê", "các phường: An Lạc và Tân Tạo", "UBND các tỉnh Lào Cai,
 * Tuyên Quang": one body per place named, each with the unit word ("Ủy ban nhân dân xã Bình Sơn",
 * "Phường An Lạc"), the registry's record where it knows the place. Null unless every item is a place name.
 */
function namedPlaces(span: string, ix: BodyIndex): ParsedBodies | null {
  const m = PLACE_LIST.exec(span.trim().replace(/[.;]+$/u, ''));
  if (!m?.[2] || !m[3]) return null;
  const items = m[3].split(/\s*,\s*(?:và\s+)?|\s+và\s+/u).map((t) => t.trim());
  if (items.length === 0 || !items.every((t) => PLACE_NAME.test(t))) return null;
  const unitWords = m[2].split(/\s*,\s*/u);
  const out = new ListBuilder(ix);
  for (const place of items) {
    const written = unitWords.map((w) =>
      m[1] ? `${expandAbbreviations(m[1])} ${w} ${place}` : `${capitalizeFirst(w)} ${place}`,
    );
    const known = written.map((w) => ix.lookup(w)).find(Boolean);
    if (known) out.known(m[1] ? (written.find((w) => ix.lookup(w) === known) ?? known.name) : known.name);
    else out.unknownName(written[0] as string);
  }
  return { names: out.names, unknown: out.unknown };
}

/** A list head before a colon: "(các) Bộ:", "Sở:", "Ủy ban nhân dân các tỉnh, thành phố:". */
function isListHead(before: string): boolean {
  return LIST_HEAD.test(before) || unitOfPlaces(before) !== null || PLACES_HEAD.test(before.trim());
}
/** "Các phường:", "Ủy ban nhân dân các xã:" before the places' names. */
const PLACES_HEAD =
  /^((Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+)?[Cc]ác\s+(xã|phường|đặc khu|thị trấn|tỉnh|thành phố)(,\s*(xã|phường|đặc khu|thị trấn|tỉnh|thành phố))*$/u;
const LIST_HEAD = /(^|\s)(các\s+)?(bộ|sở|cơ quan)(,?\s*cơ quan)?\s*$/iu;

/** A title or committee that opens the next group of a list ("…, Chủ tịch Ủy ban nhân dân các tỉnh: …"). */
const NEXT_TITLED_GROUP =
  /^\s*(và\s+)?(Bộ trưởng|Chủ tịch|Thủ trưởng|Giám đốc|Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s/u;

/**
 * The groups of a list when at least one of them opens with its own list head ("Bộ trưởng các Bộ:
 * A, B; Chủ tịch Ủy ban nhân dân các tỉnh: C, D"), or null. Groups end at "; " or where a title opens
 * the next one.
 */
function titledGroups(span: string): string[] | null {
  if (!span.includes(':')) return null;
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < span.length; i++) {
    const c = span.charAt(i);
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (c === ';' || ((c === ',' || c === ' ') && i > from && NEXT_TITLED_GROUP.test(span.slice(i + 1, i + 40)))) {
      if (c === ' ' && !/^\s*và\s/u.test(span.slice(i, i + 6))) continue;
      parts.push(span.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(span.slice(from).trim());
  const groups = parts.filter(Boolean);
  if (groups.length < 2) return null;
  const titled = groups.some((g) => {
    const colon = g.indexOf(':');
    return colon > 0 && isListHead(g.slice(0, colon));
  });
  return titled ? groups : null;
}

/** A text whose colons only open lists of bodies ("Bộ trưởng các Bộ: A, B; Chủ tịch …: C"), read as one list. */
export function withoutListColons(s: string): string {
  return s.replace(/:(?=\s)/gu, (colon, at: number) => (isListHead(s.slice(0, at)) ? '' : colon));
}

function resolveWithHead(text: string, head: string[], ix: BodyIndex): string | undefined {
  const t = cleanName(text);
  if (!t) return undefined;
  const direct = ix.lookup(t);
  // "Ủy ban nhân dân các tỉnh: Lào Cai, …": the place's committee, not the place.
  if (direct && !(head.length > 1 && /^(tỉnh|thành phố)\s/iu.test(direct.name))) return direct.name;
  const role = withoutRole(t);
  const ofRole = role ? ix.lookup(role) : undefined;
  if (ofRole) return ofRole.name;
  for (const h of head) {
    const withHead = ix.lookup(`${h} ${t}`) ?? ix.uniquePrefix(`${h} ${t}`);
    if (withHead) return withHead.name;
  }
  return undefined;
}

/**
 * A unit of a known body named through it: "Tổ đảng ở Thường trực Ủy ban Xã hội", "Thường trực Ủy
 * ban KH,CN&MT", "Đảng ủy Sở Y tế". One assignee, kept as written (abbreviations
 * spelled out), not cut at the commas inside the body's name.
 */
const UNIT_OF_BODY =
  /^(tổ đảng ở thường trực|tổ đảng ở|tổ đảng|thường trực|đảng ủy cơ quan|đảng uỷ cơ quan|đảng ủy|đảng uỷ|đảng đoàn|ban cán sự đảng|chi bộ|tổ giúp việc|cơ quan thường trực)\s+/iu;

function unitOfBody(text: string, ix: BodyIndex): string | null {
  const t = cleanName(text);
  const m = UNIT_OF_BODY.exec(t);
  if (!m) return null;
  const rest = t.slice(m[0].length);
  if (!rest || !/^\p{Lu}/u.test(rest) || !ix.lookup(rest)) return null;
  return capitalizeFirst(`${m[0]}${expandAbbreviations(rest)}`);
}

/** A piece that only goes on the name before it ("Giáo dục" in "Ủy ban Văn hóa, Giáo dục"). */
function continuesName(text: string, head: string[], ix: BodyIndex): boolean {
  const t = cleanName(text);
  if (!t || !/^\p{Lu}/u.test(t) || t.split(/\s+/).length > 4) return false;
  if (BODY_HEAD.test(fold(t)) || COLLECTIVE.test(t) || ix.lookup(t)) return false;
  return head.length === 0;
}

/**
 * Names written one after the other without a separator ("Bộ Tài chính Bộ Tư pháp", "Sở Y tế Văn
 * phòng Ủy ban nhân dân tỉnh" in a cell): cut before a
 * capitalised head word wherever the words before it are a known name. Null unless there is a cut.
 */
const NEXT_HEAD = /^(Bộ|Sở|Ban|Ủy|Uỷ|Văn|Cục|Tổng|Công|Viện|Thanh|Ngân|Kho|Đài|Tòa|Toà)$/u;

function knownRun(text: string, ix: BodyIndex): string[] | null {
  const ws = text.split(/\s+/).filter(Boolean);
  if (ws.length < 4) return null;
  const names: string[] = [];
  let from = 0;
  for (let j = 2; j < ws.length - 1; j++) {
    if (!NEXT_HEAD.test(ws[j] ?? '')) continue;
    const e = ix.lookup(ws.slice(from, j).join(' '));
    // Not inside a longer name ("Văn phòng Trung ương" of "Văn phòng Trung ương Đảng").
    if (!e?.body || ix.lookup(ws.slice(from, j + 1).join(' ')) || /^[-–]/.test(ws[j + 1] ?? '')) continue;
    names.push(e.name);
    from = j;
  }
  if (names.length === 0) return null;
  const rest = ws.slice(from).join(' ');
  names.push(ix.lookup(rest)?.name ?? rest);
  return names;
}

/** The same unit of every body of a group: "Văn phòng các Bộ, …", "Thanh tra các sở, ngành". */
const UNIT_OF_GROUP = /^(văn phòng|thanh tra|công đoàn|đảng ủy|đảng uỷ|ban cán sự đảng)\s+(?=(các|những)\s)/iu;

/** "Cơ quan thuộc Chính phủ": a generic word and lower-case words after it, not a body's proper name. */
function isGenericItem(text: string): boolean {
  const m = COLLECTIVE_WORD.exec(text);
  if (!m) return false;
  const rest = text.slice(m[0].length).trimStart();
  return !rest || isLowerStart(rest);
}

/** "Bộ, ngành, địa phương" (a cell) is the group "Các bộ, ngành, địa phương". */
const BARE_COLLECTIVE = /^(bộ|ngành|sở|ban|cơ quan|địa phương|đơn vị)$/iu;

function addPieces(pieces: Piece[], head: string[], out: ListBuilder, ix: BodyIndex, loose = false): void {
  // Pieces that only continue the name before them join it first.
  for (let k = 1; k < pieces.length; ) {
    const prev = pieces[k - 1];
    const cur = pieces[k];
    if (
      !prev ||
      !cur ||
      !prev.sep.trim() ||
      !continuesName(cur.text, head, ix) ||
      !BODY_HEAD.test(fold(cleanName(prev.text))) ||
      COLLECTIVE.test(cleanName(prev.text))
    ) {
      k++;
      continue;
    }
    pieces.splice(k - 1, 2, { text: `${prev.text}${prev.sep}${cur.text}`, sep: cur.sep });
  }
  let i = 0;
  while (i < pieces.length) {
    // Longest run of pieces that is one registry name ("Bộ Văn hóa, Thể thao và Du lịch").
    let took = 0;
    for (let len = Math.min(6, pieces.length - i); len >= 1; len--) {
      let joined = '';
      for (let k = i; k < i + len; k++) {
        const p = pieces[k];
        if (!p) break;
        joined += p.text + (k < i + len - 1 ? p.sep : '');
      }
      const hit =
        resolveWithHead(joined, head, ix) ?? resolveWithHead(joined.replace(/\s+(có\s+)?liên quan$/u, ''), head, ix);
      const unit = hit ? null : unitOfBody(joined, ix);
      if (unit) {
        out.asWritten(unit);
        took = len;
        break;
      }
      if (hit) {
        // "Các cơ quan đảng ở Trung ương và địa phương": the written group goes on past the known one.
        const next = pieces[i + len];
        const group = ix.lookup(hit)?.group;
        if (
          group &&
          next?.text &&
          isLowerStart(next.text) &&
          !/^(các|những|đặc biệt là|nhất là|trong đó)\s/iu.test(next.text)
        )
          break;
        out.known(hit);
        took = len;
        break;
      }
    }
    if (took) {
      i += took;
      continue;
    }
    const piece = pieces[i];
    if (!piece) break;
    const nextPiece = pieces[i + 1];
    // "Văn phòng HĐND và UBND xã" is one office; "… Đoàn đại biểu Quốc hội tỉnh, thành phố" one name.
    if (
      nextPiece &&
      ((/^Văn phòng (HĐND|Hội đồng nhân dân|Đoàn đại biểu Quốc hội|Đoàn ĐBQH)$/u.test(piece.text.trim()) &&
        piece.sep.trim() === 'và' &&
        /^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)/u.test(nextPiece.text)) ||
        (/(^|\s)(tỉnh|thành phố|xã|phường)$/u.test(piece.text.trim()) &&
          /^(thành phố|tỉnh|xã|phường|đặc khu)(\s|$)/u.test(nextPiece.text)))
    ) {
      pieces.splice(i, 2, { text: `${piece.text}${piece.sep}${nextPiece.text}`, sep: nextPiece.sep });
      continue;
    }
    // "Cục Quản trị, Văn phòng Chính phủ": a department the registry does not know, then the body it is part of.
    if (
      nextPiece &&
      piece.sep.trim() === ',' &&
      /^(Cục|Vụ|Viện|Trung tâm|Thanh tra|Tổng cục)\s+\p{Lu}/u.test(piece.text) &&
      /^(Bộ|Văn phòng|Ủy ban|Uỷ ban)\s/u.test(nextPiece.text) &&
      !ix.lookup(cleanName(piece.text)) &&
      ix.lookup(cleanName(nextPiece.text))?.body
    ) {
      out.asWritten(`${cleanName(piece.text)}, ${cleanName(nextPiece.text)}`);
      i += 2;
      continue;
    }
    if (/^Đảng (ủy|uỷ) Mặt trận Tổ quốc/iu.test(piece.text) && nextPiece && /^các đoàn thể/iu.test(nextPiece.text)) {
      out.asWritten(`${cleanName(piece.text)}${piece.sep}${nextPiece.text}`);
      i += 2;
      continue;
    }
    // "…, đặc biệt là người đứng đầu": the heads of the bodies just named, not another body.
    if (/^(đặc biệt là|nhất là)\s+(người đứng đầu|thủ trưởng|lãnh đạo)/iu.test(piece.text.trim())) {
      i++;
      continue;
    }
    // "các Bộ trưởng", "Bộ trưởng các Bộ" (with no list after): the ministries.
    let text = cleanName(piece.text).replace(/^(các\s+bộ trưởng|bộ trưởng các bộ)$/iu, 'Các bộ');
    const nextText = nextPiece?.text ?? '';
    if (BARE_COLLECTIVE.test(text) && nextPiece && isLowerStart(nextText) && COLLECTIVE_WORD.test(nextText))
      text = `Các ${text.toLowerCase()}`;
    // A group written in parts: "các bộ, ngành, địa phương và doanh nghiệp" is one addressee; so is a
    // unit of each of them ("Văn phòng các Bộ, cơ quan ngang Bộ").
    const ofGroup = UNIT_OF_GROUP.exec(text);
    if (COLLECTIVE.test(ofGroup ? text.slice(ofGroup[0].length) : text)) {
      let j = i + 1;
      let phrase = text;
      let sep = piece.sep;
      while (j < pieces.length) {
        const next = pieces[j];
        if (!next) break;
        const nt = next.text;
        // "Văn phòng các Bộ, Cơ quan ngang Bộ": a capitalised generic item goes on the unit's list.
        const genericItem = ofGroup && isGenericItem(nt);
        if (!nt || (!isLowerStart(nt) && !genericItem) || /^(những|đặc biệt là|nhất là|trong đó)\s/iu.test(nt)) break;
        // "các sở, các ngành, các cơ quan, đơn vị" is one addressee; "… và các tổ chức …" starts another,
        // and so does a proper name ("…, các Hội đồng nhân dân").
        if (
          /^các\s/iu.test(nt) &&
          (sep.trim() !== ',' || !COLLECTIVE.test(nt) || /^các\s+\p{Lu}/u.test(nt) || /\p{Lu}/u.test(phrase.slice(1)))
        )
          break;
        if (!loose && !/^các\s/iu.test(nt) && !COLLECTIVE_WORD.test(nt)) break;
        phrase += sep + nt;
        sep = next.sep;
        j++;
      }
      addGroup(phrase, out, ix);
      i = j;
      continue;
    }
    const expanded = expandParenthetical(text, head, ix);
    if (expanded) for (const n of expanded) out.known(n);
    else if (text && head.length > 1 && /^\p{Lu}/u.test(text)) out.asWritten(`${head[0]} ${text}`);
    else if (text) out.asWritten(text);
    i++;
  }
}

/** "Các bộ chuyên ngành (Khoa học và Công nghệ, Xây dựng…)" names its members: return them. */
function expandParenthetical(text: string, head: string[], ix: BodyIndex): string[] | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const outer = text.slice(0, open);
  const inner = text.slice(open + 1, close);
  const innerHead = /(^|\s)bộ(\s|$)/iu.test(outer) ? ['Bộ'] : /(^|\s)sở(\s|$)/iu.test(outer) ? ['Sở'] : head;
  const pieces = inner.includes(';')
    ? inner.split(';').map((t) => ({ text: t.trim(), sep: '; ' }))
    : splitPieces(inner);
  const names: string[] = [];
  let misses = 0;
  let i = 0;
  while (i < pieces.length) {
    let took = 0;
    for (let len = Math.min(5, pieces.length - i); len >= 1; len--) {
      let joined = '';
      for (let k = i; k < i + len; k++)
        joined += (pieces[k]?.text ?? '') + (k < i + len - 1 ? (pieces[k]?.sep ?? '') : '');
      const hit = resolveWithHead(joined, innerHead, ix);
      if (hit) {
        if (!names.includes(hit)) names.push(hit);
        took = len;
        break;
      }
    }
    if (!took) {
      misses++;
      took = 1;
    }
    i += took;
  }
  return names.length > 0 && misses <= names.length / 2 ? names : null;
}

function addGroup(written: string, out: ListBuilder, ix: BodyIndex): void {
  // "Các sở, ngành là cơ quan quản lý …": the group, not its description.
  const phrase = written.replace(/\s+là\s.*$/u, '');
  const expanded = expandParenthetical(phrase, [], ix);
  if (expanded) {
    for (const n of expanded) out.known(n);
    return;
  }
  out.asWritten(phrase);
}
