import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * What an app process holds and hands to routes and background jobs: its configuration, its database
 * and its file storage. Kept apart from the app's assembly (app/), so a concept or the job queue can
 * name it without importing every route.
 */
export interface AppContext {
  db: Db;
  config: Config;
  storage: Storage;
}

declare module 'fastify' {
  interface FastifyRequest {
    db: Db;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
}
