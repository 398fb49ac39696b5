import type { FastifyInstance } from 'fastify';
import { CommonErrors } from '../errors/app-error.ts';

// Text reaches PostgreSQL, which refuses U+0000 in text (22021) and would store a lone UTF-16
// surrogate as U+FFFD. Both are refused at the edge, here, for every route: the body, querystring and
// path parameters of every request (a hook), and the names of uploaded files (uploadFilename).

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The JSON-pointer path of the first string (value or key) with a NUL or a lone surrogate, or null. */
export function findUnsafeText(value: unknown): string | null {
  // A walk with its own stack: a deeply nested body must not overflow the call stack.
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSAFE.test(current)) return path || '/';
    } else if (Array.isArray(current)) {
      for (const [i, item] of current.entries()) stack.push([item, `${path}/${i}`]);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const at = `${path}/${key}`;
        if (UNSAFE.test(key)) return at;
        stack.push([item, at]);
      }
    }
  }
  return null;
}

/** Refuses, with 400 INVALID_TEXT, any request whose params, querystring or body carries unsafe text. */
export function guardInputText(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [context, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      const path = findUnsafeText(value);
      if (path !== null) throw CommonErrors.invalidText(context, path);
    }
  });
}

/**
 * An uploaded file's name as the person gave it. Browsers send `"`, CR and LF in a multipart filename
 * as %22, %0D and %0A (HTML's form encoding, nothing else escaped) and the multipart parser keeps them:
 * decoded here, the name is stored once as given and encoded once when served. Then checked like any
 * other text.
 */
export function uploadFilename(sent: string): string {
  const name = sent.replace(/%22|%0D|%0A/gi, (sequence) => decodeURIComponent(sequence));
  if (findUnsafeText(name) !== null) throw CommonErrors.invalidText('filename', '/filename');
  return name;
}
