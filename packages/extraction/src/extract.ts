import type { ExtractOptions, ExtractionResult } from './types.ts';

// Placeholder until the structural extractor lands.
export function extractDirectives(_text: string, _options: ExtractOptions = {}): ExtractionResult {
  return { documents: [], warnings: [] };
}
