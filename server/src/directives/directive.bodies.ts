import { writtenNameKey } from '@giamsat/shared/text';
import { keepWrittenName } from '../agencies/agency.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { getTask, updateTask } from '../tasks/task.service.ts';
import { listTasksWithUnresolvedBodies } from './directive.queries.ts';
import type { MatchWrittenBodyBody } from './directive.schemas.ts';
import { getDirectiveForWrite } from './directive.service.ts';

// A document names a body the registry does not know ("Sở TT&TT tỉnh"), often in many of its tasks.
// Matched once, the name is matched in every task of the directive that wrote it — and, when asked,
// kept as the body's alias so the next import knows it.

/**
 * Gives the body `agencyId`, in `role`, to every task of the directive whose unmatched names include
 * `written` (in any spelling writtenNameKey() takes as the same), and takes the name off them: each
 * task through updateTask (its checks and its history row). `keepAsAlias` then saves the name as the
 * body's alias. All or nothing.
 */
export async function matchWrittenBody(
  db: Db,
  actor: Actor,
  directiveId: number,
  input: MatchWrittenBodyBody,
): Promise<{ taskIds: number[]; aliasKept: boolean }> {
  return db.transaction(async (tx) => {
    await getDirectiveForWrite(tx, actor, directiveId, 'directive.match_body');
    const candidates = await listTasksWithUnresolvedBodies(tx, directiveId);
    const key = writtenNameKey(input.written);
    const sameName = (name: string) => writtenNameKey(name) === key;
    const taskIds: number[] = [];
    for (const candidate of candidates) {
      if (!candidate.unresolved_bodies.some(sameName)) continue;
      const { record } = await getTask(tx, actor, candidate.id);
      const ids = (bodies: { id: number }[]) => bodies.map((b) => b.id);
      const lead = ids(record.lead);
      const coordinating = ids(record.coordinating);
      // A body a task already has keeps its role there.
      const has = lead.includes(input.agencyId) || coordinating.includes(input.agencyId);
      await updateTask(tx, actor, record.id, {
        version: record.version,
        leadAgencyIds: !has && input.role === 'lead' ? [...lead, input.agencyId] : lead,
        coordinatingAgencyIds: !has && input.role === 'coordinating' ? [...coordinating, input.agencyId] : coordinating,
        unresolvedBodies: record.unresolved_bodies.filter((name) => !sameName(name)),
      });
      taskIds.push(record.id);
    }
    const aliasKept = input.keepAsAlias ? await keepWrittenName(tx, actor, input.agencyId, input.written) : false;
    return { taskIds, aliasKept };
  });
}
