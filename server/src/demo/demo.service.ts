import type { Db } from '../db/db.ts';

/** Loads the demo data set once (a fresh database gets it; an existing one is left alone). */
export async function ensureDemoData(_db: Db, _options: { log: (line: string) => void }): Promise<void> {
  // Filled in by the demo-data generator.
}
