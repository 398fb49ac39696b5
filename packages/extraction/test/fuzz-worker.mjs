// Runs one extraction in a worker thread so a test can stop it at a hard deadline: synchronous
// code on the test's own thread cannot be interrupted by a timeout, a worker can be terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { extractFromFile, ExtractionInputError } = await import('../src/input/index.ts');
const { wellFormedProblems } = await import('./input-check.ts');

const { bytes, filename } = workerData;
try {
  const { text, result } = await extractFromFile(bytes, filename);
  parentPort.postMessage({ ok: true, problems: wellFormedProblems(result, text) });
} catch (error) {
  if (error instanceof ExtractionInputError) parentPort.postMessage({ ok: false, code: error.code });
  else
    parentPort.postMessage({
      ok: false,
      crash: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
}
