import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../errors/app-error.ts';

/**
 * Where evidence files and directive sources live. One interface: a local folder by default,
 * S3-compatible object storage when configured, so app processes share files through it.
 */
export interface Storage {
  put(bytes: Uint8Array, hint: { filename: string }): Promise<{ key: string; sha256: string; size: number }>;
  /** The stored bytes; a key whose file is gone throws STORED_FILE_MISSING (410, logged). */
  get(key: string): Promise<Uint8Array>;
  delete(key: string): Promise<void>;
  /** Every stored key (any order): what a backup copies, and how a restore knows the storage is empty. */
  list(): AsyncIterable<string>;
  /** Stores bytes under a key a backup recorded; refuses a key already taken (a restore never overwrites). */
  putAs(key: string, bytes: Uint8Array): Promise<void>;
}

/**
 * A file the database points to is no longer in storage (deleted by hand, a restore without the
 * files): the person is told it is gone (410), the operator reads the key in the log.
 */
export function storedFileMissing(key: string, cause: unknown): AppError {
  return new AppError('STORED_FILE_MISSING', {
    status: 410,
    logDetail: { storageKey: key, cause: cause instanceof Error ? cause.message : String(cause) },
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A key that never contains user input: date folder + random id + a sanitised extension. */
export function newStorageKey(filename: string, now = new Date()): string {
  const dot = filename.lastIndexOf('.');
  const ext =
    dot >= 0
      ? filename
          .slice(dot + 1)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')
          .slice(0, 10)
      : '';
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/${randomUUID()}${ext ? `.${ext}` : ''}`;
}

export function localStorage(rootDir: string): Storage {
  const root = resolve(rootDir);
  const pathOf = (key: string) => {
    const path = resolve(join(root, key));
    if (!path.startsWith(`${root}/`)) throw new Error('storage key escapes the storage folder');
    return path;
  };
  return {
    async put(bytes, hint) {
      const key = newStorageKey(hint.filename);
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes, { flag: 'wx' });
      return { key, sha256: sha256Hex(bytes), size: bytes.byteLength };
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw storedFileMissing(key, error);
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async *list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      });
      for (const entry of entries) {
        if (entry.isFile()) yield relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
      }
    },
    async putAs(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes, { flag: 'wx' });
    },
  };
}
