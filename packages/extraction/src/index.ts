export * from './types.ts';
export { extractDirectives } from './extract.ts';
export * from './input/index.ts';
