import { type Actor, requireUser, type UserActor } from '../auth/actor.ts';
import { canReviewReportOf, seesEvidence, seesInternals, taskVisibility } from '../auth/scope.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent } from '../events/events.ts';
import { notifyBodiesOfTask } from '../notifications/notification.queries.ts';
import { ReportErrors } from './report.errors.ts';
import {
  applyAcceptedLeadReport,
  type EvidenceRow,
  findAcceptedProgress,
  findProgressLoweredFrom,
  findReport,
  findReportContext,
  findVisibleTask,
  insertAssignedReport,
  listReportsPage,
  listTaskReports,
  markEvidencePublic,
  markReviewed,
  type ReportContextRow,
  type ReportRow,
  type ReportState,
  submitOwnReport,
  updateReport as updateReportRow,
} from './report.queries.ts';
import { hasContent } from './report.rules.ts';
import type {
  CreateReportBody,
  ReportListQuery,
  ReportTaskBrief,
  ReviewReportBody,
  SubmitReportBody,
  UpdateReportBody,
} from './report.schemas.ts';
import { listReportTasks } from './report-queue.queries.ts';

export interface ReportWithEvidence {
  report: Omit<ReportRow, 'scope_path'>;
  evidence: EvidenceRow[];
  /** What the acting user may do with it (the web shows the review buttons only where they work). */
  abilities: { canReview: boolean };
}

const EDITABLE: readonly ReportState[] = ['draft', 'returned'];
export const isEditable = (state: ReportState) => EDITABLE.includes(state);

/** Only a body's focal point or head writes its reports. */
export function requireReporter(actor: Actor, action: string): UserActor {
  const user = requireUser(actor);
  if (user.role !== 'focal' && user.role !== 'head') throw CommonErrors.forbidden(action);
  return user;
}

/** The report is the acting user's body's (checked after it was found, so other bodies' drafts stay 404). */
export function assertOwnReport(actor: Actor, report: { id: number; agency_id: number }, action: string): UserActor {
  const user = requireReporter(actor, action);
  if (report.agency_id !== user.agencyId) throw ReportErrors.notReportBody(report.id);
  return user;
}

/**
 * What a report must say to be sent for review, on both ways of sending it (created with submit: true,
 * or a draft or returned report submitted): what was done (hasContent), and a reason when it goes below
 * the progress last accepted (`loweredFrom`, from the SQL function progress_lowered_from).
 */
function assertSendable(report: {
  narrative: string;
  evidenceCount: number;
  percent: number;
  loweredFrom: number | null;
  loweredReason: string;
}): void {
  if (!hasContent(report)) throw ReportErrors.contentRequired();
  if (report.loweredFrom !== null && report.loweredReason.trim() === '') {
    throw ReportErrors.loweredReasonRequired(report.loweredFrom, report.percent);
  }
}

/** Reports come with their evidence embedded (one statement); this gives them the response shape. */
function withEvidence(actor: Actor, reports: ReportRow[]): ReportWithEvidence[] {
  return reports.map((report) => oneWithEvidence(actor, report));
}

function oneWithEvidence(actor: Actor, report: ReportRow): ReportWithEvidence {
  return {
    report: seesInternals(actor)
      ? report
      : { ...report, author_name: null, reviewed_by: null, reviewer_name: null, review_comment: null },
    evidence: report.evidence.filter((item) => seesEvidence(actor, item)),
    abilities: { canReview: canReviewReportOf(actor, report.scope_path, report.agency_id) },
  };
}

/**
 * A body's focal point or head reports on a task its body leads or coordinates (directly or through a
 * group it belongs to). The report is a draft unless `submit` asks to send it for review at once.
 *
 * One database call does the check, the insert and the history row (the busiest write of the system,
 * on every reporting deadline). What a report sent at once must say is checked before it from the
 * request alone (its narrative and links), except whether it lowers the progress last accepted: the
 * call refuses that without a reason. Only when it inserts nothing do we look up why: the task is not
 * visible (404), the user does not report (403), the body is not assigned to it (403), or the report
 * lowers progress without a reason (422).
 */
export async function createReport(
  db: Db,
  actor: Actor,
  taskId: number,
  input: CreateReportBody,
): Promise<ReportWithEvidence> {
  const user = requireUser(actor);
  const isReporter = user.role === 'focal' || user.role === 'head';
  const sendable = {
    narrative: input.narrative,
    evidenceCount: input.links.length,
    percent: input.percent,
    loweredReason: input.progressLoweredReason,
  };
  if (input.submit) assertSendable({ ...sendable, loweredFrom: null });
  for (let attempt = 0; ; attempt++) {
    if (isReporter) {
      const now = new Date();
      const report = await insertAssignedReport(
        db,
        {
          taskId,
          agencyId: user.agencyId,
          authorId: user.userId,
          percent: input.percent,
          narrative: input.narrative,
          difficulties: input.difficulties,
          recommendations: input.recommendations,
          progressLoweredReason: input.progressLoweredReason,
          links: input.links,
          submittedAt: input.submit ? now : null,
          now,
        },
        // Created and submitted at once is one change: one event; the function adds role and state.
        {
          actorId: user.userId,
          after: { taskId, agencyId: user.agencyId, percent: input.percent, links: input.links.length },
        },
      );
      // Its author's body wrote it, so the author may never review it.
      if (report) return { report, evidence: report.evidence, abilities: { canReview: false } };
    }
    const task = await findVisibleTask(db, actor, taskId);
    if (!task) throw CommonErrors.notFound('task', taskId);
    requireReporter(actor, 'report_progress');
    if (!task.body_role) throw ReportErrors.notAssigned(taskId);
    if (input.submit) {
      const loweredFrom = await findProgressLoweredFrom(db, {
        taskId,
        agencyId: user.agencyId,
        role: task.body_role,
        percent: input.percent,
      });
      assertSendable({ ...sendable, loweredFrom });
    }
    // Assigned (or published, or the progress changed) between the statements: insert once more.
    if (attempt > 0) throw ReportErrors.notAssigned(taskId);
  }
}

/** The column behind each field an edit may change (the history names the fields). */
const EDITED_COLUMNS = {
  percent: 'percent',
  narrative: 'narrative',
  difficulties: 'difficulties',
  recommendations: 'recommendations',
  progressLoweredReason: 'progress_lowered_reason',
} as const satisfies Record<Exclude<keyof UpdateReportBody, 'version'>, keyof ReportContextRow & keyof ReportRow>;

/** Edit a draft or returned report of one's own body; a stale version gets 409 and changes nothing. */
export async function updateReport(
  db: Db,
  actor: Actor,
  reportId: number,
  input: UpdateReportBody,
): Promise<ReportWithEvidence> {
  requireUser(actor);
  return db.transaction(async (tx) => {
    const current = await findReportContext(tx, actor, reportId, { forUpdate: true });
    if (!current) throw CommonErrors.notFound('progress_report', reportId);
    assertOwnReport(actor, current, 'edit_report');
    if (current.version !== input.version)
      throw CommonErrors.versionConflict('progress_report', reportId, current.version);
    if (!isEditable(current.state)) throw ReportErrors.reportNotEditable(reportId, current.state);
    const { version: _version, ...changes } = input;
    const report = await updateReportRow(tx, reportId, changes, new Date());
    const changed = Object.keys(changes).filter(
      (k) => changes[k as keyof typeof changes] !== undefined,
    ) as (keyof typeof changes)[];
    await recordEvent(tx, actor, {
      entityType: 'progress_report',
      entityId: reportId,
      action: 'update',
      before: Object.fromEntries(changed.map((k) => [k, current[EDITED_COLUMNS[k]]])),
      after: Object.fromEntries(changed.map((k) => [k, report[EDITED_COLUMNS[k]]])),
    });
    return oneWithEvidence(actor, report);
  });
}

/**
 * Send a draft (or a returned report, after fixing it) to the office for review. The common case is
 * one conditional UPDATE; only when it matches nothing do we look up why (404, 403, 409).
 */
export async function submitReport(
  db: Db,
  actor: Actor,
  reportId: number,
  input: SubmitReportBody,
): Promise<ReportWithEvidence> {
  const user = requireUser(actor);
  const version = input?.version ?? null;
  return db.transaction(async (tx) => {
    const now = new Date();
    const isReporter = user.role === 'focal' || user.role === 'head';
    const submitted = isReporter
      ? await submitOwnReport(tx, { reportId, agencyId: user.agencyId, version, now })
      : undefined;
    if (!submitted) {
      const current = await findReportContext(tx, actor, reportId);
      if (!current) throw CommonErrors.notFound('progress_report', reportId);
      assertOwnReport(actor, current, 'submit_report');
      if (version !== null && version !== current.version) {
        throw CommonErrors.versionConflict('progress_report', reportId, current.version);
      }
      throw ReportErrors.reportNotEditable(reportId, current.state);
    }
    const { before_state: beforeState, ...report } = submitted;
    // Checked on the row as submitted: a refusal throws, and the transaction leaves the report as it was.
    assertSendable({
      narrative: report.narrative,
      evidenceCount: report.evidence.length,
      percent: report.percent,
      loweredFrom: report.progress_lowered_from,
      loweredReason: report.progress_lowered_reason,
    });
    const lowered = report.progress_lowered_from;
    await recordEvent(
      tx,
      actor,
      {
        entityType: 'progress_report',
        entityId: reportId,
        action: 'submit',
        before: { state: beforeState },
        after: lowered === null ? { state: 'submitted' } : { state: 'submitted', progressLoweredFrom: lowered },
        reason: lowered === null ? null : report.progress_lowered_reason,
      },
      now,
    );
    return oneWithEvidence(actor, report);
  });
}

/**
 * The office that manages the task's directive (or an administrator) accepts or returns a submitted
 * report. Only a lead body's accepted report speaks for the task: it sets the task's progress and the
 * time of its last accepted report, and at 100% completes it on the Vietnamese calendar day of the
 * acceptance. A coordinating body's accepted report covers its own part only; it leaves the task alone,
 * including last_accepted_report_at, because "stale" (no accepted report for 30 days) asks whether the
 * lead is still reporting on the task, and a partner's report does not answer that.
 */
export async function reviewReport(
  db: Db,
  actor: Actor,
  reportId: number,
  input: ReviewReportBody,
): Promise<ReportWithEvidence> {
  requireUser(actor);
  return db.transaction(async (tx) => {
    const current = await findReportContext(tx, actor, reportId, { forUpdate: true });
    if (!current) throw CommonErrors.notFound('progress_report', reportId);
    if (!canReviewReportOf(actor, current.scope_path, current.agency_id)) {
      throw actor.kind === 'user' && actor.agencyId === current.agency_id
        ? ReportErrors.ownBodyReport(reportId)
        : ReportErrors.notReviewer(reportId);
    }
    if (input.version !== undefined && input.version !== current.version) {
      throw CommonErrors.versionConflict('progress_report', reportId, current.version);
    }
    if (current.state !== 'submitted') throw ReportErrors.reportNotSubmitted(reportId, current.state);
    const comment = input.comment?.trim() || null;
    if (input.decision === 'return' && !comment) throw ReportErrors.reviewCommentRequired();
    const publicEvidence = [...new Set(input.publicEvidenceIds ?? [])];
    if (input.decision === 'return' && publicEvidence.length) throw ReportErrors.publicEvidenceOnReturn();
    const now = new Date();
    const state = input.decision === 'accept' ? 'accepted' : 'returned';
    // Before the report's row is rewritten (and read back with its evidence): the switch in the same write.
    const marked = await markEvidencePublic(tx, reportId, publicEvidence);
    if (marked.length !== publicEvidence.length) {
      throw ReportErrors.publicEvidenceUnknown(
        reportId,
        publicEvidence.filter((id) => !marked.includes(id)),
      );
    }
    const report = await markReviewed(tx, reportId, {
      state,
      reviewerId: actor.kind === 'user' ? actor.userId : null,
      comment,
      now,
    });
    await recordEvent(
      tx,
      actor,
      {
        entityType: 'progress_report',
        entityId: reportId,
        action: input.decision,
        before: { state: current.state },
        after: {
          state,
          comment,
          ...(publicEvidence.length ? { publicEvidence: publicEvidence.sort((a, b) => a - b) } : {}),
        },
        reason: comment,
      },
      now,
    );
    // The reporting body (its author, focal points and head) hears the decision at once, with the comment.
    await notifyBodiesOfTask(tx, {
      taskId: current.task_id,
      kind: state === 'accepted' ? 'report_accepted' : 'report_returned',
      bodies: [current.agency_id],
      params: { comment },
    });
    if (state === 'accepted' && current.agency_role === 'lead') await applyToTask(tx, actor, current, now);
    return oneWithEvidence(actor, report);
  });
}

async function applyToTask(db: Db, actor: Actor, report: ReportContextRow, now: Date): Promise<void> {
  const { before, after } = await applyAcceptedLeadReport(db, report.task_id, {
    percent: report.percent,
    completedOn: vietnamDate(now),
    at: now,
  });
  const facts = (f: typeof before) => ({
    progressPercent: f.progress_percent,
    completedOn: f.completed_on,
    lastAcceptedReportAt: f.last_accepted_report_at,
  });
  await recordEvent(
    db,
    actor,
    {
      entityType: 'task',
      entityId: report.task_id,
      action: before.completed_on === null && after.completed_on !== null ? 'complete' : 'progress',
      before: facts(before),
      after: facts(after),
      reason: `progress_report:${report.id}`,
    },
    now,
  );
}

export async function getReport(db: Db, actor: Actor, reportId: number): Promise<ReportWithEvidence> {
  const report = await findReport(db, actor, reportId);
  if (!report) throw CommonErrors.notFound('progress_report', reportId);
  return oneWithEvidence(actor, report);
}

/**
 * A visible task's reports, newest first (other bodies' drafts are left out), with the progress the
 * acting body's next report is compared with.
 */
export async function listReportsOfTask(
  db: Db,
  actor: Actor,
  taskId: number,
): Promise<{ items: ReportWithEvidence[]; acceptedPercent: number | null }> {
  const task = await findVisibleTask(db, actor, taskId);
  if (!task) throw CommonErrors.notFound('task', taskId);
  const [reports, acceptedPercent] = await Promise.all([
    listTaskReports(db, actor, taskId),
    task.body_role && actor.kind === 'user'
      ? findAcceptedProgress(db, { taskId, agencyId: actor.agencyId, role: task.body_role })
      : null,
  ]);
  return { items: withEvidence(actor, reports), acceptedPercent };
}

/**
 * Reports across tasks, scoped to the actor's part of the system: an office sees the reports of the
 * directives it manages (its review queue with `state=submitted`), a body its own reports, an
 * administrator, an inspector and the national office everything. The page comes with the tasks its
 * reports are about (one statement for the page, none per report).
 */
export async function listReports(
  db: Db,
  actor: Actor,
  query: ReportListQuery,
): Promise<{ items: ReportWithEvidence[]; tasks: ReportTaskBrief[]; total: number; page: number; pageSize: number }> {
  const user = requireUser(actor);
  let scope: Sql;
  if (user.role === 'admin' || user.role === 'inspector' || (user.role === 'office' && user.scopePath === null)) {
    scope = sql`TRUE`;
  } else if (user.role === 'office') {
    scope = sql`d.scope_agency_id IN (SELECT id FROM agencies WHERE path <@ ${user.scopePath}::ltree)`;
  } else {
    scope = sql`r.agency_id = ${user.agencyId} AND ${taskVisibility(actor)}`;
  }
  const { rows, total } = await listReportsPage(db, actor, scope, query);
  const tasks = await listReportTasks(
    db,
    actor,
    rows.map((row) => row.task_id),
  );
  return { items: withEvidence(actor, rows), tasks, total, page: query.page, pageSize: query.pageSize };
}
