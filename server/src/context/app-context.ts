import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * What an app process holds and hands to routes and background jobs: its configuration, its database
 * and its file storage. Kept apart from the app's assembly (app/), so a concept or the job queue can
 * name it without importing every route.
 */
export interface AppContext {
  /** The primary: every write, and every read not marked for the replica. */
  db: Db;
  /**
   * Where the public site, open data and dashboards read (routes marked `readsFromReplica`): a
   * PostgreSQL streaming replica when READ_DATABASE_URL is set (openReplica), otherwise `db` itself.
   */
  readDb?: Db;
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
  interface FastifyContextConfig {
    /**
     * A read the replica may answer (AppContext.readDb): it shows the primary's data a moment late,
     * and keeps answering while the primary is down.
     */
    readsFromReplica?: boolean;
  }
}
