// giamsat extract FILE [--json | --text] [--registry FILE] [--reference-date YYYY-MM-DD]
// Exit codes: 0 done, 1 the input cannot be used (missing, unreadable, not a directive), 2 bad usage,
// 70 an internal error. Messages go to stderr, never a stack trace (GIAMSAT_DEBUG=1 shows it).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { extractDirectives } from './extract.ts';
import { ExtractionInputError } from './input/errors.ts';
import { readDirectiveFile } from './input/read.ts';
import { toJson } from './json.ts';
import type { BodyRegistry, ExtractionResult } from './types.ts';
import { WARNING_MESSAGES } from './warnings.ts';

const USAGE = `Cách dùng / Usage:
  giamsat extract [FILE | -] [--json | --text] [--registry REGISTRY.json] [--reference-date YYYY-MM-DD]

  Trích xuất văn bản chỉ đạo và nhiệm vụ từ tệp .docx, .doc, .odt, .pdf (cả bản quét), .txt, .md, .xlsx, .csv
  (hoặc văn bản dán vào stdin).
  Extracts directive documents and their tasks from a .docx, .doc, .odt, .pdf (scans too), .txt, .md, .xlsx or
  .csv file (or pasted text on stdin). .doc/.odt need LibreOffice; a scanned PDF needs tesseract-ocr-vie.

  FILE, -              the file to read; "-" or nothing reads standard input
  --json               print one JSON object { "documents": [ … ] }
  --text               print the plain text that task line numbers refer to
  --registry FILE      a body registry JSON ({ "bodies": [...], "groups": [...] }) instead of the default
  --reference-date D   the date used when the text gives no year (YYYY-MM-DD)
  -h, --help           this help

Exit codes: 0 done, 1 the input cannot be used, 2 wrong usage, 70 internal error.`;

class UsageError extends Error {}

class InputFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY)
    process.stderr.write('Đang đọc văn bản từ stdin (kết thúc bằng Ctrl-D) / reading stdin (end with Ctrl-D)…\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return new Uint8Array(Buffer.concat(chunks));
}

async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') throw new InputFileError('FILE_NOT_FOUND', `Không tìm thấy tệp / file not found: ${path}`);
    if (code === 'EISDIR')
      throw new InputFileError('NOT_A_FILE', `Đây là thư mục, không phải tệp / is a directory: ${path}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new InputFileError('PERMISSION_DENIED', `Không có quyền đọc tệp / permission denied: ${path}`);
    throw new InputFileError('UNREADABLE_FILE', `Không đọc được tệp / cannot read: ${path} (${code || 'error'})`);
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Checks the shape the extractor relies on, so a wrong file fails here with a plain message. */
function parseRegistry(json: string, path: string): BodyRegistry {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InputFileError(
      'REGISTRY_INVALID',
      `Tệp danh mục cơ quan không phải JSON / registry is not JSON: ${path}`,
    );
  }
  const problem = (what: string) =>
    new InputFileError('REGISTRY_INVALID', `Danh mục cơ quan sai cấu trúc / invalid registry (${what}): ${path}`);
  if (typeof value !== 'object' || value === null) throw problem('not an object');
  const { bodies, groups } = value as { bodies?: unknown; groups?: unknown };
  if (!Array.isArray(bodies)) throw problem('"bodies" must be an array');
  if (groups !== undefined && !Array.isArray(groups)) throw problem('"groups" must be an array');
  for (const [index, body] of bodies.entries()) {
    const b = body as Record<string, unknown> | null;
    if (!b || typeof b.id !== 'string' || typeof b.name !== 'string' || !isStringArray(b.aliases ?? [])) {
      throw problem(`bodies[${index}] needs id, name and aliases`);
    }
  }
  for (const [index, group] of (groups ?? []).entries()) {
    const g = group as Record<string, unknown> | null;
    if (!g || typeof g.id !== 'string' || typeof g.name !== 'string' || !isStringArray(g.aliases ?? [])) {
      throw problem(`groups[${index}] needs id, name and aliases`);
    }
  }
  return { bodies, groups: groups ?? [] } as BodyRegistry;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= width ? flat.padEnd(width) : `${chars.slice(0, width - 1).join('')}…`;
}

function renderTable(result: ExtractionResult): string {
  const out: string[] = [];
  if (result.documents.length === 0) out.push('Không tìm thấy văn bản nào / no documents found.');
  for (const document of result.documents) {
    out.push('');
    out.push(`Văn bản / document: ${document.number ?? '(không số / no number)'} — ${document.type ?? '?'}`);
    out.push(
      `  ngày / date: ${document.date ?? '?'}   cơ quan ban hành / issuer: ${document.issuer ?? '?'}   cấp / level: ${document.level ?? '?'}`,
    );
    if (document.implements.length > 0) out.push(`  thực hiện / implements: ${document.implements.join(', ')}`);
    out.push(`  từ dòng / from line ${document.startsAtLine}, ${document.tasks.length} nhiệm vụ / tasks`);
    if (document.tasks.length === 0) continue;
    out.push(
      `  ${'ref'.padEnd(12)} ${'line'.padStart(5)}  ${'chủ trì / lead'.padEnd(28)} ${'phối hợp / coord.'.padEnd(24)} ${'hạn / due'.padEnd(22)} nội dung / text`,
    );
    for (const task of document.tasks) {
      const due = task.deadline.due
        ? `${task.deadline.due} ${task.deadline.kind}`
        : task.deadline.kind + (task.deadline.period ? ` ${task.deadline.period}` : '');
      out.push(
        `  ${clip(task.ref, 12)} ${String(task.line).padStart(5)}  ${clip(task.lead.join('; '), 28)} ${clip(task.coordinating.join('; '), 24)} ${clip(due, 22)} ${clip(task.text, 60).trimEnd()}`,
      );
    }
  }
  for (const warning of result.warnings)
    out.push(`! ${WARNING_MESSAGES[warning].vi} / ${WARNING_MESSAGES[warning].en}`);
  return `${out.join('\n')}\n`;
}

async function extractCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      text: { type: 'boolean', default: false },
      registry: { type: 'string' },
      'reference-date': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length > 1) throw new UsageError(`Chỉ nhận một tệp / one file at a time: ${positionals.join(' ')}`);
  if (values.json && values.text)
    throw new UsageError('--json và --text không dùng cùng nhau / --json and --text are exclusive');
  const referenceDate = values['reference-date'];
  if (referenceDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) {
    throw new UsageError(`--reference-date cần dạng YYYY-MM-DD / needs YYYY-MM-DD: ${referenceDate}`);
  }
  const registry = values.registry
    ? parseRegistry(new TextDecoder().decode(await readInputFile(values.registry)), values.registry)
    : undefined;
  const path = positionals[0];
  const fromStdin = path === undefined || path === '-';
  const bytes = fromStdin ? await readStdin() : await readInputFile(path);
  const { text } = await readDirectiveFile(bytes, fromStdin ? undefined : path, undefined, {
    // A scan is read by OCR, page by page, with its progress on stderr.
    ocr: { onProgress: (page, pages) => void process.stderr.write(`OCR: trang / page ${page}/${pages}\n`) },
  });
  if (values.text) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const result = extractDirectives(text, {
    ...(registry ? { registry } : {}),
    ...(referenceDate ? { referenceDate } : {}),
  });
  process.stdout.write(values.json ? `${JSON.stringify(toJson(result), null, 2)}\n` : renderTable(result));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'extract') throw new UsageError(`Lệnh không rõ / unknown command: ${command}`);
    await extractCommand(rest);
    return 0;
  } catch (error) {
    if (error instanceof ExtractionInputError) {
      process.stderr.write(
        `giamsat: ${error.code}: ${error.messageVi}\n         ${error.messageEn}${error.detail ? ` (${error.detail})` : ''}\n`,
      );
      return 1;
    }
    if (error instanceof InputFileError) {
      process.stderr.write(`giamsat: ${error.code}: ${error.message}\n`);
      return 1;
    }
    const usage =
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    if (usage) {
      process.stderr.write(`giamsat: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`giamsat: INTERNAL_ERROR: Lỗi nội bộ / internal error: ${message}\n`);
    if (process.env.GIAMSAT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return 70;
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Let stdout drain before exiting: a large --json piped into another program must arrive whole.
process.exitCode = await main(process.argv.slice(2));
