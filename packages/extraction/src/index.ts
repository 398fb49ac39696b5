export * from './types.ts';
export { extractDirectives } from './extract.ts';
