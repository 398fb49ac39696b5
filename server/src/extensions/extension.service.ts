import { type Actor, requireUser } from '../auth/actor.ts';
import { canManageScope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { notifyBodiesOfTask } from '../notifications/notification.queries.ts';
import { ReportErrors } from '../reports/report.errors.ts';
import { findVisibleTask } from '../reports/report.queries.ts';
import { requireReporter } from '../reports/report.service.ts';
import { ExtensionErrors } from './extension.errors.ts';
import {
  type ExtensionRow,
  extendTaskDueDate,
  findExtensionContext,
  findPendingExtension,
  insertExtension,
  listTaskExtensions,
  markDecided,
} from './extension.queries.ts';
import type { DecideExtensionBody, RequestExtensionBody } from './extension.schemas.ts';

/** A unique-index violation, as both PostgreSQL and PGlite report it. */
const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * The lead body asks for a later deadline (gia hạn). One pending request per task: a second would race
 * the first decision. A completed task or one without a date has no deadline to move.
 */
export async function requestExtension(
  db: Db,
  actor: Actor,
  taskId: number,
  input: RequestExtensionBody,
): Promise<ExtensionRow> {
  const user = requireUser(actor);
  return db.transaction(async (tx) => {
    const task = await findVisibleTask(tx, actor, taskId, { forUpdate: true });
    if (!task) throw CommonErrors.notFound('task', taskId);
    requireReporter(actor, 'request_extension');
    if (task.body_role === null) throw ReportErrors.notAssigned(taskId);
    if (task.body_role !== 'lead') throw ExtensionErrors.notLead(taskId);
    if (task.completed_on) throw ExtensionErrors.taskCompleted(taskId, task.completed_on);
    if (!task.due_date) throw ExtensionErrors.taskHasNoDueDate(taskId);
    // ISO dates compare as strings.
    if (input.requestedDue <= task.due_date)
      throw ExtensionErrors.requestedDueNotLater(task.due_date, input.requestedDue);
    const pending = await findPendingExtension(tx, taskId);
    if (pending) throw ExtensionErrors.extensionPending(taskId, pending.id);
    const now = new Date();
    let extension: ExtensionRow;
    try {
      extension = await insertExtension(tx, {
        taskId,
        agencyId: user.agencyId,
        requestedBy: user.userId,
        currentDue: task.due_date,
        requestedDue: input.requestedDue,
        reason: input.reason,
        now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw ExtensionErrors.extensionPending(taskId, 0);
      throw error;
    }
    await recordEvent(
      tx,
      actor,
      {
        entityType: 'deadline_extension',
        entityId: extension.id,
        action: 'request',
        after: { taskId, currentDue: task.due_date, requestedDue: input.requestedDue },
        reason: input.reason,
      },
      now,
    );
    return extension;
  });
}

/**
 * The office that manages the task's directive (or an administrator) decides. Accepting moves the
 * task's due date to the requested one and keeps first_due_date, so reports can count against either
 * deadline (PRODUCT.md); the request records the due date it moved away from.
 */
export async function decideExtension(
  db: Db,
  actor: Actor,
  extensionId: number,
  input: DecideExtensionBody,
): Promise<ExtensionRow> {
  requireUser(actor);
  return db.transaction(async (tx) => {
    const current = await findExtensionContext(tx, actor, extensionId);
    if (!current) throw CommonErrors.notFound('deadline_extension', extensionId);
    if (!canManageScope(actor, current.scope_path)) throw ExtensionErrors.notDecider(extensionId);
    if (current.state !== 'pending') throw ExtensionErrors.extensionDecided(extensionId, current.state);
    const comment = input.comment?.trim() || null;
    if (input.decision === 'reject' && !comment) throw ExtensionErrors.rejectCommentRequired();
    const now = new Date();
    if (input.decision === 'accept') {
      if (current.completed_on) throw ExtensionErrors.taskCompleted(current.task_id, current.completed_on);
      if (current.due_date && current.requested_due <= current.due_date) {
        throw ExtensionErrors.requestedDueNotLater(current.due_date, current.requested_due);
      }
      const after = await extendTaskDueDate(tx, current.task_id, current.requested_due, now);
      await recordEvent(
        tx,
        actor,
        {
          entityType: 'task',
          entityId: current.task_id,
          action: 'extend_deadline',
          before: { dueDate: current.due_date, firstDueDate: current.first_due_date },
          after: { dueDate: after.due_date, firstDueDate: after.first_due_date },
          reason: `deadline_extension:${extensionId}`,
        },
        now,
      );
    }
    const state = input.decision === 'accept' ? 'accepted' : 'rejected';
    const extension = await markDecided(tx, extensionId, {
      state,
      currentDue: current.due_date,
      decidedBy: actor.kind === 'user' ? actor.userId : null,
      comment,
      now,
    });
    await recordEvent(
      tx,
      actor,
      {
        entityType: 'deadline_extension',
        entityId: extensionId,
        action: input.decision,
        before: { state: 'pending' },
        after: { state, currentDue: current.due_date, requestedDue: current.requested_due },
        reason: comment,
      },
      now,
    );
    // The requesting body hears the decision at once: the new deadline, or why not.
    await notifyBodiesOfTask(tx, {
      taskId: current.task_id,
      kind: state === 'accepted' ? 'extension_granted' : 'extension_refused',
      bodies: [extension.agency_id],
      params: { comment, dueDate: current.requested_due },
    });
    return extension;
  });
}

/**
 * A task's extension requests, for signed-in readers of the task only: requests, their reasons and who
 * asked and decided are never public; a moved deadline is (the task's due date beside the one first given).
 */
export async function listExtensionsOfTask(db: Db, actor: Actor, taskId: number): Promise<ExtensionRow[]> {
  requireUser(actor);
  const task = await findVisibleTask(db, actor, taskId);
  if (!task) throw CommonErrors.notFound('task', taskId);
  return listTaskExtensions(db, taskId);
}
