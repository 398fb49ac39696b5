import { expect, it } from 'vitest';

// The server imports this library at start. pdf.js's legacy build swaps the global JSON.stringify and
// JSON.parse for slower polyfills when it loads, which would slow every JSON response of the server:
// reading a PDF must leave them as they were. (Its own file: nothing here imports pdf.js before the test.)

it('leaves the global JSON functions as they were, before and after reading a PDF', async () => {
  const { stringify, parse } = JSON;
  const { readDirectiveFile, ExtractionInputError } = await import('../src/input/index.ts');
  expect(JSON.stringify).toBe(stringify);
  const damaged = new TextEncoder().encode('%PDF-1.7\n%garbage without objects');
  await expect(readDirectiveFile(damaged, 'a.pdf')).rejects.toBeInstanceOf(ExtractionInputError);
  expect(JSON.stringify).toBe(stringify);
  expect(JSON.parse).toBe(parse);
});
