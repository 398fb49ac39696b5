import type { Actor } from '../auth/actor.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { evaluationDocx, evaluationFilename, evaluationXlsx } from './score.export.ts';
import { toBodyScoreResponse } from './score.responses.ts';
import type { BodyEvaluationQuery } from './score.schemas.ts';
import { getBodyScore } from './score.service.ts';

export interface EvaluationFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** GET /api/scores/bodies/:agencyId/evaluation: the body's score page written as a file. */
export async function getBodyEvaluation(
  db: Db,
  actor: Actor,
  agencyId: number,
  query: BodyEvaluationQuery,
): Promise<EvaluationFile> {
  const page = toBodyScoreResponse(await getBodyScore(db, actor, agencyId, query));
  const filename = evaluationFilename(page, query.lang, query.format);
  if (query.format === 'xlsx') {
    return {
      filename,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: await evaluationXlsx(page, query.lang),
    };
  }
  return {
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: await evaluationDocx(page, query.lang, vietnamDate()),
  };
}
