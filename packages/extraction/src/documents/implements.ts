// Which higher documents a document implements: the opening "Thực hiện …" / "Triển khai …" sentence
// names them ("Thực hiện Công văn số 308-CV/…", "(Thông báo Kết luận số 07-TB/CQTTBCĐ …)"). Numbers
// cited there only as context ("tình hình triển khai thực hiện Nghị quyết số 57-NQ/TW", "về triển khai …",
// "sau đây gọi là …") are not implemented by this document.
import { fold, foldHead } from '../text/normalize.ts';
import { normalizeDocNumber } from './doc-number.ts';

const OPENING = /^(thực hiện|triển khai)(\s|$)/u;
const NUMBER = /số\s*(\d[\p{L}\d.]*\s?[-–/]\s?\p{L}[\p{L}\d]*(?:\s?[-/]\s?[\p{L}\d][\p{L}\d]*){1,3})/gu;
const VERB = /(thực hiện|triển khai|kèm theo)/u;
const CONTEXT_ONLY = /(tình hình|sơ kết|tổng kết|về triển khai|về việc triển khai|sau đây gọi|gọi tắt|căn cứ)/u;
const DOC_TYPE_START =
  /^\s*(thông báo|kế hoạch|công văn|nghị quyết|quyết định|chỉ thị|kết luận|quy chế|quy định|chương trình|hướng dẫn)/u;

/** Numbers this opening paragraph says the document implements. */
export function implementedNumbers(paragraph: string): string[] {
  const plain = paragraph.replace(/[*_]/g, '');
  // Most paragraphs do not open with the verb: test the head before folding the whole paragraph.
  if (!OPENING.test(foldHead(plain, 40))) return [];
  const text = fold(plain);
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    const at = m.index;
    const window = text.slice(last, at);
    last = at + m[0].length;
    // The clause that leads to this number: after the last "và", ";", "(", ")" or closing quote.
    let cut = -1;
    for (const sep of [' và ', ';', '(', ')', '”']) cut = Math.max(cut, window.lastIndexOf(sep));
    const clause = cut >= 0 ? window.slice(cut) : window;
    const parenthetical = clause.startsWith('(') && DOC_TYPE_START.test(clause.slice(1));
    const cited = VERB.test(clause) && !CONTEXT_ONLY.test(clause);
    if (!parenthetical && !cited) continue;
    const raw = paragraph.slice(0, 0) + (m[1] ?? '');
    // Recover the original letter case from the source paragraph.
    const original = findOriginal(paragraph, raw);
    const n = normalizeDocNumber(original);
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

function findOriginal(paragraph: string, folded: string): string {
  const target = folded.replace(/\s+/g, '');
  const compact = paragraph.normalize('NFC');
  const re = /\d[\p{L}\d.]*\s?[-–/]\s?\p{L}[\p{L}\d]*(?:\s?[-/]\s?[\p{L}\d][\p{L}\d]*){1,3}/gu;
  for (const m of compact.matchAll(re)) {
    if (fold(m[0]).replace(/\s+/g, '') === target) return m[0];
  }
  return folded.toUpperCase();
}
