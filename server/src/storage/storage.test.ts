import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Storage } from './s3-storage.ts';
import { localStorage, newStorageKey, type Storage } from './storage.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pdf = Buffer.from('%PDF-1.4\n% Báo cáo kết quả thực hiện Nghị quyết 57\n%%EOF\n');

/** What every Storage must do, whichever backend. */
function behavesAsStorage(open: () => Storage) {
  it('stores bytes under a fresh key, with their sha256 and size, and returns them unchanged', async () => {
    const storage = open();
    const stored = await storage.put(pdf, { filename: 'Báo cáo quý III/../../etc.PDF' });
    expect(stored).toMatchObject({ sha256: sha256(pdf), size: pdf.length });
    expect(stored.key).toMatch(/^\d{4}\/\d{2}\/\d{2}\/[0-9a-f-]{36}\.pdf$/);
    expect(Buffer.from(await storage.get(stored.key)).equals(pdf)).toBe(true);
    const second = await storage.put(pdf, { filename: 'bao-cao.pdf' });
    expect(second.key).not.toBe(stored.key);
  });

  it('lists every key it holds, and stores under a given key once (a restore never overwrites)', async () => {
    const storage = open();
    const before = new Set<string>();
    for await (const key of storage.list()) before.add(key);
    const stored = await storage.put(pdf, { filename: 'a.pdf' });
    const restoredKey = `2024/01/02/${randomUUID()}.pdf`;
    await storage.putAs(restoredKey, pdf);
    await expect(storage.putAs(restoredKey, Buffer.from('other'))).rejects.toThrow();
    expect(Buffer.from(await storage.get(restoredKey)).equals(pdf)).toBe(true);
    const after: string[] = [];
    for await (const key of storage.list()) if (!before.has(key)) after.push(key);
    expect(after.sort()).toEqual([stored.key, restoredKey].sort());
  });

  it('deletes: the bytes are gone afterwards', async () => {
    const storage = open();
    const stored = await storage.put(pdf, { filename: 'tam.pdf' });
    await storage.delete(stored.key);
    await expect(storage.get(stored.key)).rejects.toThrow();
  });
}

describe('local folder storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'giamsat-storage-'));
  behavesAsStorage(() => localStorage(root));

  it('never reads or writes outside its folder', async () => {
    await expect(localStorage(root).get('../../etc/passwd')).rejects.toThrow(/escapes/);
  });

  it('makes keys from the date and a random id, keeping only a clean extension', () => {
    expect(newStorageKey('Kế hoạch.DOCX', new Date('2025-07-01T00:00:00Z'))).toMatch(
      /^2025\/07\/01\/[0-9a-f-]{36}\.docx$/,
    );
    expect(newStorageKey('khong-duoi', new Date('2025-07-01T00:00:00Z'))).toMatch(/^2025\/07\/01\/[0-9a-f-]{36}$/);
  });
});

/**
 * A tiny S3-compatible server in this process (path-style PUT/GET/DELETE of objects), so the S3 backend
 * is tested through the real AWS SDK and real HTTP without any network beyond the loopback.
 */
function fakeS3(): {
  server: Server;
  objects: Map<string, Buffer>;
  requests: { method: string; headers: IncomingMessage['headers'] }[];
} {
  const objects = new Map<string, Buffer>();
  const requests: { method: string; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', headers: req.headers });
      const url = new URL(req.url ?? '/', 'http://s3.local');
      const path = decodeURIComponent(url.pathname);
      if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
        // ListObjectsV2, two keys a page, so the client's paging is exercised.
        const prefix = `${path.replace(/\/$/, '')}/`;
        const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
        const start = Number(url.searchParams.get('continuation-token') ?? 0);
        const page = keys.sort().slice(start, start + 2);
        const more = start + 2 < keys.length;
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0"?><ListBucketResult><IsTruncated>${more}</IsTruncated>` +
              (more ? `<NextContinuationToken>${start + 2}</NextContinuationToken>` : '') +
              page.map((k) => `<Contents><Key>${k}</Key></Contents>`).join('') +
              '</ListBucketResult>',
          );
        return;
      }
      if (req.method === 'PUT') {
        const body = Buffer.concat(chunks);
        if (req.headers['if-none-match'] === '*' && objects.has(path)) {
          res
            .writeHead(412, { 'content-type': 'application/xml' })
            .end('<Error><Code>PreconditionFailed</Code></Error>');
          return;
        }
        const declared = req.headers['x-amz-checksum-sha256'];
        if (declared && declared !== createHash('sha256').update(body).digest('base64')) {
          res.writeHead(400, { 'content-type': 'application/xml' }).end('<Error><Code>BadDigest</Code></Error>');
          return;
        }
        objects.set(path, body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      } else if (req.method === 'GET') {
        const body = objects.get(path);
        if (!body) {
          res
            .writeHead(404, { 'content-type': 'application/xml' })
            .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>not found</Message></Error>');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
      } else if (req.method === 'DELETE') {
        objects.delete(path);
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    });
  });
  return { server, objects, requests };
}

describe('S3-compatible storage (against an in-process S3 endpoint)', () => {
  const s3 = fakeS3();
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())));

  const open = () =>
    s3Storage({
      endpoint,
      bucket: 'minh-chung',
      region: 'us-east-1',
      accessKeyId: 'test',
      secretAccessKey: 'test-secret',
    });
  behavesAsStorage(open);

  it('writes path-style into the bucket, signed, with the sha256 checksum the server can verify', async () => {
    const stored = await open().put(pdf, { filename: 'bien-ban.pdf' });
    expect(s3.objects.get(`/minh-chung/${stored.key}`)?.equals(pdf)).toBe(true);
    const put = s3.requests.filter((r) => r.method === 'PUT').at(-1)!;
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\//);
    expect(put.headers['x-amz-checksum-sha256']).toBe(Buffer.from(stored.sha256, 'hex').toString('base64'));
  });
});
