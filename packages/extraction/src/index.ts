export * from './types.ts';
export { extractDirectives } from './extract.ts';
export * from './input/index.ts';
export { loadDefaultRegistry, expandAbbreviations, BodyIndex } from './bodies/registry.ts';
export { parseBodyList, findSubject } from './bodies/parse-bodies.ts';
export { parseDeadline, parseDeadlineCell, findDeadlineCandidates } from './deadlines/parse-deadline.ts';
export { normalizeDocNumber } from './documents/doc-number.ts';
