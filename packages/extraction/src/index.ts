export { findSubject, parseBodyList } from './bodies/parse-bodies.ts';
export { BodyIndex, expandAbbreviations, loadDefaultRegistry } from './bodies/registry.ts';
export { findDeadlineCandidates, parseDeadline, parseDeadlineCell } from './deadlines/parse-deadline.ts';
export { normalizeDocNumber } from './documents/doc-number.ts';
export { extractDirectives } from './extract.ts';
export * from './input/index.ts';
export * from './types.ts';
export * from './warnings.ts';
