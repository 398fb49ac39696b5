// The body registry: canonical names of the bodies directives assign work to, with their aliases.
// The same JSON file seeds the server's agency table, so both sides agree on one record per body.
import { readFileSync } from 'node:fs';
import { committeeName } from '@giamsat/shared/bodies';
import { fold } from '../text/normalize.ts';
import type { BodyRegistry, RegistryBody, RegistryGroup } from '../types.ts';

let cached: BodyRegistry | undefined;

/** The registry shipped with the library (registry/default-registry.json). */
export function loadDefaultRegistry(): BodyRegistry {
  if (!cached) {
    const url = new URL('../../registry/default-registry.json', import.meta.url);
    cached = JSON.parse(readFileSync(url, 'utf8')) as BodyRegistry;
  }
  return cached;
}

// Abbreviations officials use for body names; expanded before lookup so "Sở KH&CN" finds
// "Sở Khoa học và Công nghệ". Whole-word replacements only.
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![\p{L}&])TP\.?\s?HCM(?![\p{L}])/gu, 'Thành phố Hồ Chí Minh'],
  [/(?<![\p{L}&])UBND(?![\p{L}])/gu, 'Ủy ban nhân dân'],
  [/(?<![\p{L}&])HĐND(?![\p{L}])/gu, 'Hội đồng nhân dân'],
  // "Ủy ban KH,CN&MT": the committee's name, commas and all.
  [/(?<![\p{L}&])KH\s?,\s?CN\s?&\s?MT(?![\p{L}])/gu, 'Khoa học, Công nghệ và Môi trường'],
  [/(?<![\p{L}&])KH\s?&\s?CN(?![\p{L}])/gu, 'Khoa học và Công nghệ'],
  [/(?<![\p{L}&])KHCN(?![\p{L}])/gu, 'Khoa học và Công nghệ'],
  [/(?<![\p{L}&])GD\s?&\s?ĐT(?![\p{L}])/gu, 'Giáo dục và Đào tạo'],
  [/(?<![\p{L}&])NN\s?&\s?MT(?![\p{L}])/gu, 'Nông nghiệp và Môi trường'],
  [/(?<![\p{L}&])VHTTDL(?![\p{L}])/gu, 'Văn hóa, Thể thao và Du lịch'],
  [/(?<![\p{L}&])MTTQ(?![\p{L}])/gu, 'Mặt trận Tổ quốc'],
  [/(?<![\p{L}&])UBTVQH(?![\p{L}\d])/gu, 'Ủy ban Thường vụ Quốc hội'],
  [/(?<![\p{L}&])ĐBQH(?![\p{L}\d])/gu, 'đại biểu Quốc hội'],
  [/(?<![\p{L}&])HĐDT(?![\p{L}])/gu, 'Hội đồng Dân tộc'],
  [/(?<![\p{L}&])ĐHQG(?![\p{L}])/gu, 'Đại học Quốc gia'],
  [/(?<![\p{L}&])TP\.?(?=\s)/gu, 'Thành phố'],
  [/(?<![\p{L}&])VP(?=\s)/gu, 'Văn phòng'],
  [/(?<![\p{L}&])TW(?![\p{L}])/gu, 'Trung ương'],
];

/** Every abbreviation above opens with two capitals: text without two in a row has none. */
export const MAY_ABBREVIATE = /[A-ZĐ]{2}/u;

export function expandAbbreviations(s: string): string {
  if (!MAY_ABBREVIATE.test(s)) return s;
  let t = s;
  for (const [re, full] of ABBREVIATIONS) t = t.replace(re, full);
  return t;
}

const keyCache = new Map<string, string>();

/** Lookup key: abbreviations expanded, folded, punctuation spacing unified. Memoised: the same
 *  phrases are looked up again and again while scanning a document. */
export function bodyKey(s: string): string {
  const hit = keyCache.get(s);
  if (hit !== undefined) return hit;
  const key = computeKey(s);
  if (keyCache.size > 50_000) keyCache.clear();
  keyCache.set(s, key);
  return key;
}

function computeKey(s: string): string {
  let key = fold(expandAbbreviations(s));
  // Most names have no dash or separator: skip the rewrites that would not change them.
  if (DASH.test(key)) key = key.replace(/\s*([-–])\s*/g, ' - ');
  if (SEPARATOR.test(key)) key = key.replace(/\s*([,;:])\s*/g, '$1 ');
  return key.replace(/[.\s]+$/, '').trim();
}

const DASH = /[-–]/;
const SEPARATOR = /[,;:]/;

export interface BodyEntry {
  name: string;
  body?: RegistryBody;
  group?: RegistryGroup;
}

/** An index over one registry: exact lookup by key, and which keys start a longer name. */
export class BodyIndex {
  readonly byKey = new Map<string, BodyEntry>();
  /** Every key's first word → the longest key length in words, to bound the greedy match. */
  readonly maxWords = new Map<string, number>();
  /** Every key's last word: a phrase whose key ends in another word is no name. */
  readonly lastWords = new Set<string>();
  /**
   * uniquePrefix() answers, precomputed: for every key cut before one of its spaces ("sở giáo dục"
   * of "sở giáo dục và đào tạo"), the entry of the longer names without a parent that start with
   * it, or null when they are more than one body.
   */
  private readonly byPrefix = new Map<string, BodyEntry | null>();

  /** Every body, current and historical, by id (to follow successors). */
  private readonly byId = new Map<string, RegistryBody>();

  constructor(readonly registry: BodyRegistry) {
    for (const b of [...registry.bodies, ...(registry.historical ?? [])]) {
      this.byId.set(b.id, b);
      this.put(b.name, { name: b.name, body: b });
      // A unit's People's Committee is the unit's record, but a text that names the committee gets the
      // committee back ("Ủy ban nhân dân tỉnh X", spelled out): the body as the text names it.
      const committee = committeeOf(b);
      const committeeKey = committee ? bodyKey(committee) : undefined;
      for (const a of b.aliases)
        this.put(a, { name: committee && bodyKey(a) === committeeKey ? committee : b.name, body: b });
    }
    for (const g of registry.groups) {
      this.put(g.name, { name: g.name, group: g });
      for (const a of g.aliases) this.put(a, { name: g.name, group: g });
    }
    for (const [k, e] of this.byKey) {
      if (e.body?.parent) continue;
      for (let at = k.indexOf(' '); at >= 0; at = k.indexOf(' ', at + 1)) {
        const prefix = k.slice(0, at);
        const seen = this.byPrefix.get(prefix);
        // The same body under several keys stays one answer (the last key's entry, as a scan finds it).
        this.byPrefix.set(prefix, seen === null || (seen && seen.name !== e.name) ? null : e);
      }
    }
  }

  private put(label: string, entry: BodyEntry): void {
    const key = bodyKey(label);
    if (!key) return;
    // The first writer wins: a body's own name beats another body's alias.
    if (!this.byKey.has(key)) this.byKey.set(key, entry);
    const words = key.split(' ');
    const first = words[0] ?? '';
    this.maxWords.set(first, Math.max(this.maxWords.get(first) ?? 0, words.length));
    this.lastWords.add(words[words.length - 1] ?? '');
  }

  /**
   * Today's bodies for a name the registry knows as ended (validTo): its successors, followed
   * through later mergers. [] for a current body or an unknown name.
   */
  successorsOf(name: string): string[] {
    const entry = this.lookup(name);
    const body = entry?.body;
    if (!entry || !body?.validTo || !body.successors?.length) return [];
    // An ended province's committee was succeeded by the committee of the province it joined.
    const asCommittee = entry.name !== body.name;
    const out: string[] = [];
    const seen = new Set<string>([body.id]);
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const next = this.byId.get(id);
      if (!next) return;
      if (next.validTo && next.successors?.length) for (const s of next.successors) visit(s);
      else {
        const named = (asCommittee && committeeOf(next)) || next.name;
        if (!out.includes(named)) out.push(named);
      }
    };
    for (const s of body.successors) visit(s);
    return out;
  }

  /**
   * A name written in capitals ("ĐẢNG ỦY VĂN PHÒNG QUỐC HỘI", a title block or a table's group row) in
   * ordinary case: lower case, with the registry names inside it in their own case ("Đảng ủy Văn
   * phòng Quốc hội" → "Đảng ủy Văn phòng Quốc hội"), the first letter a capital.
   */
  recase(text: string): string {
    const words = fold(text).split(' ');
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let took = 0;
      const longest = Math.min(words.length - i, this.maxWords.get(words[i] ?? '') ?? 0);
      for (let len = longest; len >= 2 && !took; len--) {
        const key = words.slice(i, i + len).join(' ');
        const entry = this.byKey.get(key);
        if (entry && fold(entry.name) === key) {
          out.push(entry.name);
          took = len;
        }
      }
      if (!took) {
        out.push(words[i] ?? '');
        took = 1;
      }
      i += took;
    }
    const joined = out.join(' ');
    return joined.charAt(0).toUpperCase() + joined.slice(1);
  }

  /** The canonical name of the body a known body sits under ("Sở Y tế tỉnh An Giang" → "Tỉnh An Giang"). */
  parentOf(name: string): string | undefined {
    const parent = this.lookup(name)?.body?.parent;
    return parent ? this.byId.get(parent)?.name : undefined;
  }

  lookup(label: string): BodyEntry | undefined {
    return this.byKey.get(bodyKey(label));
  }

  /** Canonical names that start with the given words ("Sở Giáo dục" → "Sở Giáo dục và Đào tạo"), if exactly one. */
  uniquePrefix(label: string): BodyEntry | undefined {
    const key = bodyKey(label);
    if (!key.includes(' ')) return undefined;
    return this.byPrefix.get(key) ?? undefined;
  }
}

/**
 * The People's Committee of an administrative unit (a province or commune with no parent: "Tỉnh X" →
 * "Ủy ban nhân dân tỉnh X"), which is one body with the unit; undefined for any other body.
 */
export function committeeOf(body: RegistryBody): string | undefined {
  if (body.parent || body.kind !== 'state' || (body.level !== 'province' && body.level !== 'commune')) return undefined;
  if (!/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Thị trấn)\s/u.test(body.name)) return undefined;
  return committeeName(body.name);
}

const indexes = new WeakMap<BodyRegistry, BodyIndex>();
export function indexFor(registry: BodyRegistry): BodyIndex {
  let ix = indexes.get(registry);
  if (!ix) {
    ix = new BodyIndex(registry);
    indexes.set(registry, ix);
  }
  return ix;
}
