import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
  return {
    async put(bytes, hint) {
      const key = newStorageKey(hint.filename);
      const sha256 = sha256Hex(bytes);
      await client.send(
        new PutObjectCommand({
          Bucket: settings.bucket,
          Key: key,
          Body: bytes,
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        }),
      );
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
  };
}
