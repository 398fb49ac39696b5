// A body's response figures on feedback (issue 13, "một thước đo"): how it answers and how satisfied
// the senders are. Its own folder so the public site reads them without depending on feedback's pages.
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { findResponseFigures } from './satisfaction.queries.ts';

/** A body's response figures (with the bodies under it), public: answers, on time, ratings. */
export async function getResponseFigures(db: Db, agencyId: number) {
  const row = await findResponseFigures(db, agencyId);
  if (!row) throw CommonErrors.notFound('agency', agencyId);
  return row;
}
