import type { Config } from '../config/config.ts';
import { s3Storage } from './s3-storage.ts';
import { localStorage, type Storage } from './storage.ts';

export function openStorage(config: Config): Storage {
  return config.storage.kind === 's3' ? s3Storage(config.storage) : localStorage(config.storage.dir);
}
