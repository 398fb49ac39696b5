import { type Actor, requireUser } from '../auth/actor.ts';
import { canManageScope, seesInternals } from '../auth/scope.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { type EventInput, type EventRow, recordEvent, recordEvents } from '../events/events.ts';
import { notifyBodiesOfTask } from '../notifications/notification.queries.ts';
import { TaskErrors } from './task.errors.ts';
import {
  childRollup,
  deleteTaskRows,
  deleteTwin,
  findAgencies,
  findParentSummary,
  findTaskRows,
  findVisibleTask,
  insertTask,
  insertTwin,
  isAssignedToBody,
  listConditions,
  listTaskHistory,
  listTaskRows,
  listTwinIds,
  lockDirectiveForTasks,
  type ParentSummaryRow,
  type RollupRow,
  replaceAssignments,
  repointChildren,
  type TaskListFilters,
  type TaskListRow,
  type TaskRecord,
  type TaskWriteFields,
  updateTaskRow,
  wouldCycle,
} from './task.queries.ts';
import type {
  CreateTaskBody,
  DeadlineInput,
  ListTasksQuery,
  MergeTasksBody,
  SplitTaskBody,
  UpdateTaskBody,
} from './task.schemas.ts';

export interface TaskDetail {
  record: TaskRecord;
  parent: ParentSummaryRow | null;
  children: TaskListRow[];
  rollup: RollupRow;
  twins: TaskListRow[];
  asOf: string;
  abilities: { canEdit: boolean; canDelete: boolean; canSplit: boolean; canReport: boolean; canReview: boolean };
}

// ── Reads ──────────────────────────────────────────────────────────────────────────────────

export async function listTasks(
  db: Db,
  actor: Actor,
  input: ListTasksQuery,
): Promise<{ rows: TaskListRow[]; total: number; limit: number; offset: number; asOf: string }> {
  const asOf = input.asOf ?? vietnamDate();
  let agencyId = input.agencyId;
  let subtree = input.subtree;
  if (input.mine) {
    if (actor.kind !== 'user') throw TaskErrors.mineNeedsSignIn();
    agencyId = actor.agencyId;
    subtree = false;
  }
  const filters: TaskListFilters = {
    ...input,
    agencyId,
    subtree,
  };
  const { rows, total } = await listTaskRows(db, listConditions(actor, filters, asOf), {
    sort: input.sort,
    order: input.order,
    limit: input.limit,
    offset: input.offset,
    asOf,
  });
  return { rows, total, limit: input.limit, offset: input.offset, asOf };
}

/** The task as the actor may see it, or NOT_FOUND ("not yours" looks the same as "not there"). */
export async function getTask(db: Db, actor: Actor, id: number, options: { asOf?: string } = {}): Promise<TaskDetail> {
  const asOf = options.asOf ?? vietnamDate();
  const found = await findVisibleTask(db, actor, id, asOf);
  if (!found) throw CommonErrors.notFound('task', id);
  const record = seesInternals(actor) ? found : { ...found, note: null };
  const [parent, children, twinIds] = await Promise.all([
    record.parent_task_id === null ? undefined : findParentSummary(db, actor, record.parent_task_id),
    childRollup(db, actor, id, asOf),
    listTwinIds(db, id),
  ]);
  const [childRows, twins, assigned] = await Promise.all([
    findTaskRows(db, actor, children.firstIds, asOf),
    findTaskRows(db, actor, twinIds, asOf),
    actor.kind === 'user' ? isAssignedToBody(db, id, actor.agencyId) : false,
  ]);
  const canManage = canManageScope(actor, record.scope_path);
  const draft = record.directive_status === 'draft';
  const reporter = actor.kind === 'user' && (actor.role === 'focal' || actor.role === 'head');
  return {
    record,
    parent: parent ?? null,
    children: childRows,
    rollup: children.rollup,
    twins,
    asOf,
    abilities: {
      canEdit: canManage,
      canDelete: canManage && draft,
      canSplit: canManage && draft,
      canReport: reporter && !draft && assigned,
      canReview: canManage && !draft,
    },
  };
}

export async function getTaskHistory(
  db: Db,
  actor: Actor,
  id: number,
  page: { limit: number; offset: number },
): Promise<{ rows: EventRow[]; limit: number; offset: number }> {
  const record = await findVisibleTask(db, actor, id, vietnamDate());
  if (!record) throw CommonErrors.notFound('task', id);
  return { rows: await listTaskHistory(db, actor, id, page), ...page };
}

// ── Writes ─────────────────────────────────────────────────────────────────────────────────

function snapshot(r: Pick<TaskRecord, keyof TaskWriteFields | 'lead' | 'coordinating' | 'version'>) {
  return {
    ref: r.ref,
    text: r.text,
    deliverable: r.deliverable,
    note: r.note,
    deadline: {
      kind: r.deadline_kind,
      raw: r.deadline_raw,
      due: r.due_date,
      firstDue: r.first_due_date,
      period: r.recurrence_period,
    },
    parentTaskId: r.parent_task_id,
    sourceLine: r.source_line,
    unresolvedBodies: r.unresolved_bodies,
    leadAgencyIds: r.lead.map((a) => a.id),
    coordinatingAgencyIds: r.coordinating.map((a) => a.id),
    version: r.version,
  };
}

const unique = (ids: readonly number[]) => [...new Set(ids)];

/** Lead and coordinating bodies must exist, not be merged away, and not hold both roles. */
async function checkAssignments(db: Db, lead: number[], coordinating: number[]): Promise<void> {
  const both = lead.filter((id) => coordinating.includes(id));
  if (both.length) throw TaskErrors.agencyBothRoles(both);
  const all = unique([...lead, ...coordinating]);
  const found = await findAgencies(db, all);
  const missing = all.filter((id) => !found.some((a) => a.id === id));
  if (missing.length) throw TaskErrors.agencyNotFound(missing);
  const merged = found.find((a) => a.merged_into_id !== null);
  if (merged) throw TaskErrors.agencyMerged(merged.id, merged.merged_into_id!);
}

async function checkParent(db: Db, actor: Actor, parentId: number, taskId?: number): Promise<void> {
  if (!(await findParentSummary(db, actor, parentId))) throw TaskErrors.parentNotFound(parentId);
  if (taskId !== undefined && (await wouldCycle(db, taskId, parentId))) throw TaskErrors.parentCycle(parentId);
}

function deadlineFields(deadline: DeadlineInput) {
  return {
    deadline_kind: deadline.kind,
    deadline_raw: deadline.raw,
    due_date: deadline.due ?? null,
    recurrence_period: deadline.period ?? null,
  };
}

/** A directive the actor may add tasks to, locked so publishing cannot race the addition. */
async function loadDirectiveForWrite(tx: Db, actor: Actor, directiveId: number, action: string) {
  if (actor.kind === 'public') requireUser(actor);
  const directive = await lockDirectiveForTasks(tx, actor, directiveId);
  if (!directive) throw CommonErrors.notFound('directive', directiveId);
  if (!canManageScope(actor, directive.scope_path)) throw CommonErrors.forbidden(action);
  return directive;
}

/** A task the actor may change: visible (else 404), manageable (else 403), locked; optionally version-checked. */
async function loadTaskForWrite(
  tx: Db,
  actor: Actor,
  id: number,
  action: string,
  options: { version?: number; draftOnly?: boolean } = {},
): Promise<TaskRecord> {
  if (actor.kind === 'public') requireUser(actor);
  const record = await findVisibleTask(tx, actor, id, vietnamDate(), { forUpdate: true });
  if (!record) throw CommonErrors.notFound('task', id);
  if (!canManageScope(actor, record.scope_path)) throw CommonErrors.forbidden(action);
  if (options.version !== undefined && record.version !== options.version) {
    throw CommonErrors.versionConflict('task', id, record.version);
  }
  if (options.draftOnly && record.directive_status !== 'draft') throw TaskErrors.directiveNotDraft(record.directive_id);
  return record;
}

async function reload(tx: Db, id: number): Promise<TaskRecord> {
  const record = await findVisibleTask(tx, { kind: 'system' }, id, vietnamDate());
  if (!record) throw CommonErrors.notFound('task', id);
  return record;
}

export async function createTask(
  db: Db,
  actor: Actor,
  directiveId: number,
  input: CreateTaskBody,
): Promise<TaskDetail> {
  return db.transaction(async (tx) => {
    const directive = await loadDirectiveForWrite(tx, actor, directiveId, 'task.create');
    const lead = unique(input.leadAgencyIds);
    const coordinating = unique(input.coordinatingAgencyIds);
    await checkAssignments(tx, lead, coordinating);
    if (input.parentTaskId) await checkParent(tx, actor, input.parentTaskId);
    const deadline = deadlineFields(input.deadline);
    const id = await insertTask(tx, directiveId, {
      ref: input.ref,
      text: input.text,
      deliverable: input.deliverable ?? null,
      note: input.note ?? null,
      ...deadline,
      first_due_date: deadline.due_date,
      parent_task_id: input.parentTaskId ?? null,
      source_line: input.sourceLine ?? null,
      unresolved_bodies: input.unresolvedBodies,
    });
    await replaceAssignments(tx, id, lead, coordinating);
    // A draft's bodies hear of their tasks when it is published; a live directive's, now.
    if (directive.status === 'published') await notifyNewlyAssigned(tx, id, { lead, coordinating });
    await recordEvent(tx, actor, {
      entityType: 'task',
      entityId: id,
      action: 'created',
      after: snapshot(await reload(tx, id)),
    });
    return getTask(tx, actor, id);
  });
}

/** Bodies given a live task (or a new role on it) hear it at once, each told its role. */
async function notifyNewlyAssigned(
  tx: Db,
  taskId: number,
  added: { lead: readonly number[]; coordinating: readonly number[] },
): Promise<void> {
  for (const role of ['lead', 'coordinating'] as const) {
    if (added[role].length) {
      await notifyBodiesOfTask(tx, { taskId, kind: 'task_assigned', bodies: added[role], params: { role } });
    }
  }
}

/**
 * Edits a task. `version` must be the one the editor read: a stale one gets 409 with the current
 * version and nothing is written, so two reviewers cannot silently overwrite each other. In a draft
 * the deadline is still being read from the document, so the first-assigned deadline moves with it;
 * once published, the due day changes only through an accepted deadline extension.
 */
export async function updateTask(db: Db, actor: Actor, id: number, input: UpdateTaskBody): Promise<TaskDetail> {
  return db.transaction(async (tx) => {
    const current = await loadTaskForWrite(tx, actor, id, 'task.update', { version: input.version });
    const draft = current.directive_status === 'draft';
    const deadline = input.deadline
      ? deadlineFields(input.deadline)
      : {
          deadline_kind: current.deadline_kind,
          deadline_raw: current.deadline_raw,
          due_date: current.due_date,
          recurrence_period: current.recurrence_period,
        };
    if (!draft && deadline.due_date !== current.due_date) {
      throw TaskErrors.dueChangeNeedsExtension(id, current.due_date);
    }
    const lead = input.leadAgencyIds ? unique(input.leadAgencyIds) : current.lead.map((a) => a.id);
    const coordinating = input.coordinatingAgencyIds
      ? unique(input.coordinatingAgencyIds)
      : current.coordinating.map((a) => a.id);
    const assignmentsChanged = input.leadAgencyIds !== undefined || input.coordinatingAgencyIds !== undefined;
    if (assignmentsChanged) await checkAssignments(tx, lead, coordinating);
    if (!draft && lead.length === 0) throw TaskErrors.leadRequired(id);
    if (input.parentTaskId) await checkParent(tx, actor, input.parentTaskId, id);
    const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
    await updateTaskRow(tx, id, {
      ref: input.ref ?? current.ref,
      text: input.text ?? current.text,
      deliverable: pick(input.deliverable, current.deliverable),
      note: pick(input.note, current.note),
      ...deadline,
      first_due_date: draft ? deadline.due_date : current.first_due_date,
      parent_task_id: pick(input.parentTaskId, current.parent_task_id),
      source_line: pick(input.sourceLine, current.source_line),
      unresolved_bodies: input.unresolvedBodies ?? current.unresolved_bodies,
    });
    if (assignmentsChanged) await replaceAssignments(tx, id, lead, coordinating);
    if (assignmentsChanged && !draft) {
      const had = (bodies: { id: number }[]) => (id: number) => !bodies.some((body) => body.id === id);
      await notifyNewlyAssigned(tx, id, {
        lead: lead.filter(had(current.lead)),
        coordinating: coordinating.filter(had(current.coordinating)),
      });
    }
    await recordEvent(tx, actor, {
      entityType: 'task',
      entityId: id,
      action: 'updated',
      before: snapshot(current),
      after: snapshot(await reload(tx, id)),
    });
    return getTask(tx, actor, id);
  });
}

export async function deleteTask(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await loadTaskForWrite(tx, actor, id, 'task.delete', { draftOnly: true });
    await deleteTaskRows(tx, [id]);
    await recordEvent(tx, actor, { entityType: 'task', entityId: id, action: 'deleted', before: snapshot(current) });
  });
}

/**
 * One extracted task that holds several (review of a draft): the first part stays the task (its id,
 * parent and lower tasks are kept), each other part becomes a new task inheriting what it does not say.
 */
export async function splitTask(db: Db, actor: Actor, id: number, input: SplitTaskBody): Promise<TaskListRow[]> {
  return db.transaction(async (tx) => {
    const current = await loadTaskForWrite(tx, actor, id, 'task.split', { version: input.version, draftOnly: true });
    const ids: number[] = [];
    for (const [index, part] of input.parts.entries()) {
      const lead = part.leadAgencyIds ? unique(part.leadAgencyIds) : current.lead.map((a) => a.id);
      const coordinating = part.coordinatingAgencyIds
        ? unique(part.coordinatingAgencyIds)
        : current.coordinating.map((a) => a.id);
      await checkAssignments(tx, lead, coordinating);
      const deadline = part.deadline
        ? deadlineFields(part.deadline)
        : {
            deadline_kind: current.deadline_kind,
            deadline_raw: current.deadline_raw,
            due_date: current.due_date,
            recurrence_period: current.recurrence_period,
          };
      const fields: TaskWriteFields = {
        ref: part.ref ?? current.ref,
        text: part.text,
        deliverable: part.deliverable === undefined ? current.deliverable : part.deliverable,
        note: part.note === undefined ? current.note : part.note,
        ...deadline,
        first_due_date: deadline.due_date,
        parent_task_id: current.parent_task_id,
        source_line: current.source_line,
        unresolved_bodies: current.unresolved_bodies,
      };
      const partId = index === 0 ? id : await insertTask(tx, current.directive_id, fields);
      if (index === 0) await updateTaskRow(tx, id, fields);
      await replaceAssignments(tx, partId, lead, coordinating);
      ids.push(partId);
    }
    const history: EventInput[] = [];
    for (const partId of ids) {
      const after = snapshot(await reload(tx, partId));
      history.push({
        entityType: 'task',
        entityId: partId,
        action: partId === id ? 'split' : 'created',
        before: partId === id ? snapshot(current) : undefined,
        after: partId === id ? { ...after, parts: ids } : after,
        reason: partId === id ? null : `split from task ${id}`,
      });
    }
    await recordEvents(tx, actor, history);
    return findTaskRows(tx, actor, ids, vietnamDate());
  });
}

/**
 * Several extracted tasks that are one (review of a draft): the first listed stays and takes the others'
 * bodies (a lead stays lead), texts, lower tasks and unresolved bodies; the others are removed.
 */
export async function mergeTasks(db: Db, actor: Actor, input: MergeTasksBody): Promise<TaskDetail> {
  if (new Set(input.taskIds).size !== input.taskIds.length) throw TaskErrors.mergeDuplicateIds();
  return db.transaction(async (tx) => {
    const records: TaskRecord[] = [];
    // Lock in id order so two merges over overlapping tasks cannot deadlock.
    for (const taskId of [...input.taskIds].sort((a, b) => a - b)) {
      records.push(await loadTaskForWrite(tx, actor, taskId, 'task.merge'));
    }
    const directiveIds = unique(records.map((r) => r.directive_id));
    if (directiveIds.length > 1) throw TaskErrors.mergeAcrossDirectives(directiveIds);
    const ordered = input.taskIds.map((taskId) => records.find((r) => r.id === taskId)!);
    const [kept, ...absorbed] = ordered;
    if (!kept) throw TaskErrors.mergeDuplicateIds();
    if (kept.directive_status !== 'draft') throw TaskErrors.directiveNotDraft(kept.directive_id);
    const joinText = (values: (string | null)[]) => {
      const parts = [...new Set(values.filter((v): v is string => !!v && v.trim() !== ''))];
      return parts.length ? parts.join('\n') : null;
    };
    const lead = unique(ordered.flatMap((r) => r.lead.map((a) => a.id)));
    const coordinating = unique(ordered.flatMap((r) => r.coordinating.map((a) => a.id))).filter(
      (agencyId) => !lead.includes(agencyId),
    );
    const deadline = input.deadline
      ? deadlineFields(input.deadline)
      : {
          deadline_kind: kept.deadline_kind,
          deadline_raw: kept.deadline_raw,
          due_date: kept.due_date,
          recurrence_period: kept.recurrence_period,
        };
    await updateTaskRow(tx, kept.id, {
      ref: input.ref ?? kept.ref,
      text: input.text ?? ordered.map((r) => r.text).join('\n'),
      deliverable: joinText(ordered.map((r) => r.deliverable)),
      note: joinText(ordered.map((r) => r.note)),
      ...deadline,
      first_due_date: deadline.due_date,
      parent_task_id: ordered.find((r) => r.parent_task_id !== null)?.parent_task_id ?? null,
      source_line: kept.source_line,
      unresolved_bodies: [...new Set(ordered.flatMap((r) => r.unresolved_bodies))],
    });
    await replaceAssignments(tx, kept.id, lead, coordinating);
    const absorbedIds = absorbed.map((r) => r.id);
    await repointChildren(tx, absorbedIds, kept.id);
    await deleteTaskRows(tx, absorbedIds);
    await recordEvents(tx, actor, [
      {
        entityType: 'task',
        entityId: kept.id,
        action: 'merged',
        before: snapshot(kept),
        after: { ...snapshot(await reload(tx, kept.id)), mergedTaskIds: absorbedIds },
      },
      ...absorbed.map((r) => ({
        entityType: 'task' as const,
        entityId: r.id,
        action: 'deleted' as const,
        before: snapshot(r),
        reason: `merged into task ${kept.id}`,
      })),
    ]);
    return getTask(tx, actor, kept.id);
  });
}

/**
 * Links the same work tracked in two programmes (NQ57 and NQ71), so a body reports it once. The
 * manager of the task links; the twin only has to be visible.
 */
export async function linkTwin(db: Db, actor: Actor, id: number, twinId: number): Promise<TaskListRow[]> {
  return db.transaction(async (tx) => {
    const task = await loadTaskForWrite(tx, actor, id, 'task.twin');
    if (twinId === id) throw TaskErrors.twinSelf(id);
    const twin = await findVisibleTask(tx, actor, twinId, vietnamDate());
    if (!twin) throw CommonErrors.notFound('task', twinId);
    if (task.programme_code === null || task.programme_code === twin.programme_code) {
      throw TaskErrors.twinSameProgramme(task.programme_code);
    }
    if (await insertTwin(tx, id, twinId)) {
      await recordEvents(tx, actor, [
        { entityType: 'task', entityId: id, action: 'twin_linked', after: { twinTaskId: twinId } },
        { entityType: 'task', entityId: twinId, action: 'twin_linked', after: { twinTaskId: id } },
      ]);
    }
    return findTaskRows(tx, actor, await listTwinIds(tx, id), vietnamDate());
  });
}

export async function unlinkTwin(db: Db, actor: Actor, id: number, twinId: number): Promise<TaskListRow[]> {
  return db.transaction(async (tx) => {
    await loadTaskForWrite(tx, actor, id, 'task.twin');
    if (!(await deleteTwin(tx, id, twinId))) throw TaskErrors.twinNotLinked(id, twinId);
    await recordEvents(tx, actor, [
      { entityType: 'task', entityId: id, action: 'twin_unlinked', before: { twinTaskId: twinId } },
      { entityType: 'task', entityId: twinId, action: 'twin_unlinked', before: { twinTaskId: id } },
    ]);
    return findTaskRows(tx, actor, await listTwinIds(tx, id), vietnamDate());
  });
}
