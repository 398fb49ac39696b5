// How the registry names a People's Committee. An administrative unit (a province, a commune) and its
// People's Committee are one body for the work assigned to them: the unit's record, with the
// committee's names as its aliases. The extractor, the registry builder and the server's demo and
// duplicate finder all write those names; they write them here.

/** The words a People's Committee's name starts with, before its unit's name ("Ủy ban nhân dân xã …"). */
export const COMMITTEE_WORDS = ['Ủy ban nhân dân', 'UBND'] as const;

/** "Thành phố Hà Nội" → "thành phố Hà Nội", as it reads after other words ("Ủy ban nhân dân thành phố Hà Nội"). */
export const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** How a unit's People's Committee is written: "Ủy ban nhân dân phường An Lạc", "UBND phường An Lạc". */
export function committeeNames(unitName: string): string[] {
  return COMMITTEE_WORDS.map((words) => `${words} ${lowerFirst(unitName)}`);
}

/** The committee's name in full ("Ủy ban nhân dân tỉnh X"), the one documents and annotators write. */
export const committeeName = (unitName: string) => committeeNames(unitName)[0] as string;
