import { Timeliness } from '@giamsat/shared';
import { type Actor, actorUserId, requireRole, requireUser } from '../auth/actor.ts';
import { canManageScope, officeBodiesOf } from '../auth/scope.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { notifyBodiesOfTask } from '../notifications/notification.queries.ts';
import type { Storage } from '../storage/storage.ts';
import { DirectiveErrors } from './directive.errors.ts';
import {
  countDirectiveTasks,
  countPublishReach,
  type DirectiveFilters,
  type DirectiveLinkRow,
  type DirectiveRefRow,
  type DirectiveRow,
  type DirectiveSourceRow,
  type DirectiveWriteFields,
  deleteDirective as deleteDirectiveRow,
  findAgencyPath,
  findDirectiveSource,
  findSourcePage,
  findVisibleDirective,
  insertDirective,
  listDirectives as listDirectiveRows,
  listHigherTasksImplemented,
  listImplementedBy,
  listImplements,
  listImplementsNumbers,
  listPublishProblems,
  markPublished,
  notifyAssignedBodies,
  programmeExists,
  replaceImplements,
  updateDirective as updateDirectiveRow,
} from './directive.queries.ts';
import type { CreateDirectiveBody, UpdateDirectiveBody } from './directive.schemas.ts';

export interface DirectiveDetail {
  row: DirectiveRow;
  implements: DirectiveLinkRow[];
  implementedBy: DirectiveRefRow[];
  taskCounts: {
    total: number;
    withoutLead: number;
    withUnresolvedBodies: number;
    dueSoon: number;
    byTimeliness: Record<Timeliness, number>;
  };
  asOf: string;
  abilities: { canEdit: boolean; canPublish: boolean; canDelete: boolean; canAddTasks: boolean };
}

export function directiveAbilities(actor: Actor, row: Pick<DirectiveRow, 'scope_path' | 'status'>) {
  const canManage = canManageScope(actor, row.scope_path);
  return {
    canEdit: canManage,
    canPublish: canManage && row.status === 'draft',
    canDelete: canManage && row.status === 'draft',
    canAddTasks: canManage,
  };
}

/** The directive as the actor may see it, or NOT_FOUND (a draft of another office looks absent). */
export async function getDirective(
  db: Db,
  actor: Actor,
  id: number,
  options: { asOf?: string } = {},
): Promise<DirectiveDetail> {
  const row = await findVisibleDirective(db, actor, id);
  if (!row) throw CommonErrors.notFound('directive', id);
  const asOf = options.asOf ?? vietnamDate();
  const [links, implementedBy, counts] = await Promise.all([
    listImplements(db, actor, id),
    listImplementedBy(db, actor, id),
    countDirectiveTasks(db, id, asOf),
  ]);
  const byTimeliness = Object.fromEntries(Timeliness.options.map((s) => [s, 0])) as Record<Timeliness, number>;
  for (const r of counts.byTimeliness) {
    const state = Timeliness.safeParse(r.state);
    if (state.success) byTimeliness[state.data] = r.n;
  }
  return {
    row,
    implements: links,
    implementedBy,
    taskCounts: {
      total: counts.counts.total,
      withoutLead: counts.counts.without_lead,
      withUnresolvedBodies: counts.counts.with_unresolved,
      dueSoon: counts.counts.due_soon,
      byTimeliness,
    },
    asOf,
    abilities: directiveAbilities(actor, row),
  };
}

export async function listDirectives(
  db: Db,
  actor: Actor,
  input: DirectiveFilters & { limit: number; offset: number },
): Promise<{ rows: DirectiveRow[]; total: number; limit: number; offset: number }> {
  const { limit, offset, ...filters } = input;
  const { rows, total } = await listDirectiveRows(db, actor, filters, { limit, offset });
  return { rows, total, limit, offset };
}

/** Checks the references a directive's fields make, and that the actor may own its scope. */
async function checkFields(db: Db, actor: Actor, fields: DirectiveWriteFields): Promise<void> {
  let scopePath: string | null = null;
  if (fields.scope_agency_id !== null) {
    const path = await findAgencyPath(db, fields.scope_agency_id);
    if (path === undefined) throw DirectiveErrors.scopeNotFound(fields.scope_agency_id);
    scopePath = path;
  }
  if (!canManageScope(actor, scopePath)) throw DirectiveErrors.scopeForbidden(fields.scope_agency_id);
  if (fields.issuer_agency_id !== null && (await findAgencyPath(db, fields.issuer_agency_id)) === undefined) {
    throw DirectiveErrors.issuerNotFound(fields.issuer_agency_id);
  }
  if (fields.programme_code !== null && !(await programmeExists(db, fields.programme_code))) {
    throw DirectiveErrors.programmeNotFound(fields.programme_code);
  }
}

function snapshot(row: DirectiveRow, implementsNumbers: string[]) {
  return {
    number: row.number,
    docType: row.doc_type,
    issuedOn: row.issued_on,
    issuerAgencyId: row.issuer_agency_id,
    issuerName: row.issuer_name,
    level: row.level,
    title: row.title,
    programmeCode: row.programme_code,
    scopeAgencyId: row.scope_agency_id,
    status: row.status,
    implements: implementsNumbers,
    version: row.version,
  };
}

/** A new draft directive, owned by the given scope or, by default, the creating office's own. */
export async function createDirective(db: Db, actor: Actor, input: CreateDirectiveBody): Promise<DirectiveDetail> {
  const user = requireRole(actor, ['admin', 'office'], 'directive.create');
  const defaultScope = user.kind === 'user' ? user.scopeAgencyId : null;
  const fields: DirectiveWriteFields = {
    number: input.number,
    doc_type: input.docType ?? null,
    issued_on: input.issuedOn ?? null,
    issuer_agency_id: input.issuerAgencyId ?? null,
    issuer_name: input.issuerName ?? null,
    level: input.level,
    title: input.title,
    programme_code: input.programmeCode ?? null,
    scope_agency_id: input.scopeAgencyId === undefined ? defaultScope : input.scopeAgencyId,
  };
  return db.transaction(async (tx) => {
    await checkFields(tx, actor, fields);
    const id = await insertDirective(tx, fields, actorUserId(actor));
    await replaceImplements(tx, id, input.implements);
    const created = await getDirective(tx, actor, id);
    await recordEvent(tx, actor, {
      entityType: 'directive',
      entityId: id,
      action: 'created',
      after: snapshot(created.row, await listImplementsNumbers(tx, id)),
    });
    return created;
  });
}

/**
 * Loads a directive for a write: visible (else 404), manageable (else 403), locked for the transaction
 * (unless only reading what a write would do).
 */
export async function getDirectiveForWrite(
  tx: Db,
  actor: Actor,
  id: number,
  action: string,
  forUpdate = true,
): Promise<DirectiveRow> {
  if (actor.kind === 'public') requireUser(actor);
  const row = await findVisibleDirective(tx, actor, id, { forUpdate });
  if (!row) throw CommonErrors.notFound('directive', id);
  if (!canManageScope(actor, row.scope_path)) throw CommonErrors.forbidden(action);
  return row;
}

export async function updateDirective(
  db: Db,
  actor: Actor,
  id: number,
  input: UpdateDirectiveBody,
): Promise<DirectiveDetail> {
  return db.transaction(async (tx) => {
    const row = await getDirectiveForWrite(tx, actor, id, 'directive.update');
    if (row.version !== input.version) throw CommonErrors.versionConflict('directive', id, row.version);
    const before = snapshot(row, await listImplementsNumbers(tx, id));
    const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
    const fields: DirectiveWriteFields = {
      number: input.number ?? row.number ?? '',
      doc_type: pick(input.docType, row.doc_type),
      issued_on: pick(input.issuedOn, row.issued_on),
      issuer_agency_id: pick(input.issuerAgencyId, row.issuer_agency_id),
      issuer_name: pick(input.issuerName, row.issuer_name),
      level: input.level ?? row.level,
      title: input.title ?? row.title,
      programme_code: pick(input.programmeCode, row.programme_code),
      scope_agency_id: pick(input.scopeAgencyId, row.scope_agency_id),
    };
    await checkFields(tx, actor, fields);
    await updateDirectiveRow(tx, id, fields);
    if (input.implements) await replaceImplements(tx, id, input.implements);
    const updated = await getDirective(tx, actor, id);
    await recordEvent(tx, actor, {
      entityType: 'directive',
      entityId: id,
      action: 'updated',
      before,
      after: snapshot(updated.row, await listImplementsNumbers(tx, id)),
    });
    return updated;
  });
}

/**
 * What publishing the draft would do — its tasks go live and this many bodies are notified — for the
 * office to read before it confirms. Only whoever may publish it may ask.
 */
export async function previewPublish(db: Db, actor: Actor, id: number): Promise<{ tasks: number; bodies: number }> {
  const row = await getDirectiveForWrite(db, actor, id, 'directive.publish', false);
  if (row.status === 'published') throw DirectiveErrors.alreadyPublished(id);
  return countPublishReach(db, id);
}

/**
 * Puts a reviewed draft live: every task must have a lead body and no body left unmatched, so nothing
 * goes out that nobody owns. Each assigned body is notified in the same transaction.
 */
export async function publishDirective(
  db: Db,
  actor: Actor,
  id: number,
  input: { version?: number } = {},
  at: Date = new Date(),
): Promise<DirectiveDetail> {
  return db.transaction(async (tx) => {
    const row = await getDirectiveForWrite(tx, actor, id, 'directive.publish');
    if (row.status === 'published') throw DirectiveErrors.alreadyPublished(id);
    if (input.version !== undefined && row.version !== input.version) {
      throw CommonErrors.versionConflict('directive', id, row.version);
    }
    const problems = await listPublishProblems(tx, id);
    const withoutLead = problems.filter((p) => !p.has_lead);
    if (withoutLead.length) throw DirectiveErrors.tasksWithoutLead(withoutLead.map((p) => ({ id: p.id, ref: p.ref })));
    if (problems.length) {
      throw DirectiveErrors.tasksWithUnresolvedBodies(
        problems.map((p) => ({ id: p.id, ref: p.ref, unresolvedBodies: p.unresolved_bodies })),
      );
    }
    await markPublished(tx, id, actorUserId(actor), at);
    const notified = await notifyAssignedBodies(tx, row);
    // A lower plan under a higher office's task: that office hears its task is being carried out below.
    for (const higher of await listHigherTasksImplemented(tx, id)) {
      await notifyBodiesOfTask(tx, {
        taskId: higher.parent_id,
        kind: 'plan_published',
        bodies: officeBodiesOf(higher.parent_scope_id),
        params: { planId: id, planNumber: row.number, planBody: higher.plan_body, taskCount: higher.task_count },
      });
    }
    await recordEvent(
      tx,
      actor,
      {
        entityType: 'directive',
        entityId: id,
        action: 'published',
        before: { status: 'draft', version: row.version },
        after: { status: 'published', version: row.version + 1, notifiedBodies: notified },
      },
      at,
    );
    return getDirective(tx, actor, id);
  });
}

/** Deletes a draft and its tasks (a wrong import); published directives are history and stay. */
export async function deleteDirective(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await getDirectiveForWrite(tx, actor, id, 'directive.delete');
    if (row.status !== 'draft') throw DirectiveErrors.notDraft(id);
    const before = snapshot(row, await listImplementsNumbers(tx, id));
    const taskCount = await deleteDirectiveRow(tx, id);
    await recordEvent(tx, actor, {
      entityType: 'directive',
      entityId: id,
      action: 'deleted',
      before: { ...before, taskCount },
    });
  });
}

/** The source text beside the tasks, for whoever may see the directive (a draft: its office only). */
export async function getDirectiveSource(db: Db, actor: Actor, id: number): Promise<DirectiveSourceRow> {
  const row = await findVisibleDirective(db, actor, id);
  if (!row) throw CommonErrors.notFound('directive', id);
  return findDirectiveSource(db, id);
}

/** One page image of a scanned source, to whoever may see the directive (a draft: its office only). */
export async function getSourcePageImage(
  db: Db,
  storage: Storage,
  actor: Actor,
  id: number,
  page: number,
): Promise<Uint8Array> {
  const row = await findVisibleDirective(db, actor, id);
  const key = row ? await findSourcePage(db, id, page) : undefined;
  if (!key) throw CommonErrors.notFound('source page', page);
  return storage.get(key);
}
