import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

export interface ResponseFiguresRow {
  agency_id: number;
  agency_name: string;
  answered: number;
  answered_on_time: number;
  on_time_share: number | null;
  rated: number;
  average_rating: number | null;
}

/** A body's response figures, from the one SQL function feedback_response_figures(); undefined: no such body. */
export async function findResponseFigures(db: Db, agencyId: number): Promise<ResponseFiguresRow | undefined> {
  const [row] = await db.query<ResponseFiguresRow>(sql`
    SELECT b.id AS agency_id, b.name AS agency_name, fig.*
    FROM agencies b, feedback_response_figures(b.id) fig
    WHERE b.id = ${agencyId}`);
  return row;
}
