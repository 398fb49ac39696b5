// The bodies a labelled cell or field names ("Cơ quan chủ trì: Sở Tư pháp; Sở Nội vụ"): a list, one
// body per bullet, notes in brackets dropped. Tables repeat the same cells: each is read once.
import { type ParsedBodies, parseBodyList } from '../bodies/parse-bodies.ts';
import type { BodyIndex } from '../bodies/registry.ts';
import { stripMarkup } from '../text/normalize.ts';

/** The bodies of a "Cơ quan chủ trì/phối hợp" cell. Tables repeat the same cells: each is read once. */
export function leadCell(cell: string, ix: BodyIndex): ParsedBodies {
  if (cell.length > 300) return readLeadCell(cell, ix);
  let memo = leadCellMemo.get(ix);
  if (!memo) {
    memo = new Map();
    leadCellMemo.set(ix, memo);
  }
  let found = memo.get(cell);
  if (!found) {
    found = readLeadCell(cell, ix);
    if (memo.size >= 10_000) memo.clear();
    memo.set(cell, found);
  }
  return { names: [...found.names], unknown: [...found.unknown] };
}

const leadCellMemo = new WeakMap<BodyIndex, Map<string, ParsedBodies>>();

function readLeadCell(cell: string, ix: BodyIndex): ParsedBodies {
  // "<ul> - Văn phòng Thành ủy (CSDL …). - Sở Tài chính (…)." → one body per list item.
  const t = stripMarkup(cell)
    .replace(/\([^()]{0,300}\)/g, '')
    .replace(/\s+\./g, '.');
  const items = t
    .split(/(?:^|[.;]\s*)[-–•+]\s+/u)
    .map((x) => x.trim().replace(/[.;]+$/, ''))
    .filter(Boolean);
  const names: string[] = [];
  const unknown: string[] = [];
  for (const item of items.length ? items : [t]) {
    const p = parseBodyList(item.replace(/[.]+$/, ''), ix, true);
    for (const n of p.names) if (!names.includes(n)) names.push(n);
    for (const n of p.unknown) if (!unknown.includes(n)) unknown.push(n);
  }
  return { names, unknown };
}
