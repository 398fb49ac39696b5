import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { newStorageKey, type Storage, sha256Hex, storedFileMissing } from './storage.ts';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** S3-compatible object storage (MinIO, Ceph, a cloud bucket): path-style addressing works with all. */
export function s3Storage(settings: S3Settings): Storage {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
  const putObject = (key: string, bytes: Uint8Array, sha256: string, onlyNew: boolean) =>
    client.send(
      new PutObjectCommand({
        Bucket: settings.bucket,
        Key: key,
        Body: bytes,
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        ...(onlyNew ? { IfNoneMatch: '*' } : {}),
      }),
    );
  return {
    async put(bytes, hint) {
      const key = newStorageKey(hint.filename);
      const sha256 = sha256Hex(bytes);
      await putObject(key, bytes, sha256, false);
      return { key, sha256, size: bytes.byteLength };
    },
    async get(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key })).catch((error) => {
        if (error instanceof NoSuchKey) throw storedFileMissing(key, error);
        throw error;
      });
      if (!object.Body) throw new Error(`empty object ${key}`);
      return object.Body.transformToByteArray();
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
    },
    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async putAs(key, bytes) {
      await putObject(key, bytes, sha256Hex(bytes), true);
    },
  };
}
