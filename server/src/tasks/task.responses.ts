import { type Timeliness, Timeliness as TimelinessEnum } from '@giamsat/shared';
import type { z } from 'zod';
import { type EventRow, toEventFields } from '../events/events.ts';
import type { TaskListRow } from './task.queries.ts';
import type { TaskResponse, TaskRow } from './task.schemas.ts';
import type { TaskDetail } from './task.service.ts';

const toTimeliness = (value: string): Timeliness => TimelinessEnum.parse(value);

function toDeadline(
  r: Pick<TaskListRow, 'deadline_kind' | 'deadline_raw' | 'due_date' | 'first_due_date' | 'recurrence_period'>,
) {
  return {
    kind: r.deadline_kind,
    raw: r.deadline_raw,
    due: r.due_date,
    firstDue: r.first_due_date,
    period: r.recurrence_period,
  };
}

/** Where the task stands, as every task answer gives it (from the standing columns, task.standing.ts). */
function toStanding(r: TaskListRow) {
  return {
    deadline: toDeadline(r),
    timeliness: toTimeliness(r.timeliness),
    dueSoon: r.due_soon,
    daysOverdue: r.days_overdue,
    progressPercent: r.progress_percent,
    completedOn: r.completed_on,
    lastAcceptedReportAt: r.last_accepted_report_at?.toISOString() ?? null,
  };
}

export function toTaskRow(r: TaskListRow): TaskRow {
  return {
    id: r.id,
    ref: r.ref,
    text: r.text,
    directive: {
      id: r.directive_id,
      number: r.directive_number,
      programmeCode: r.programme_code,
      level: r.directive_level,
      status: r.directive_status,
    },
    lead: r.lead.map((a) => ({ id: a.id, name: a.name })),
    coordinating: r.coordinating.map((a) => ({ id: a.id, name: a.name })),
    ...toStanding(r),
    parentTaskId: r.parent_task_id,
    version: r.version,
  };
}

export function toTaskResponse(detail: TaskDetail): z.infer<typeof TaskResponse> {
  const r = detail.record;
  const toAgency = (a: TaskDetail['record']['lead'][number]) => ({
    id: a.id,
    name: a.name,
    shortName: a.short_name,
    level: a.level,
    kind: a.kind,
  });
  return {
    id: r.id,
    ref: r.ref,
    text: r.text,
    deliverable: r.deliverable,
    note: r.note,
    sourceLine: r.source_line,
    unresolvedBodies: r.unresolved_bodies,
    directive: {
      id: r.directive_id,
      number: r.directive_number,
      title: r.directive_title,
      level: r.directive_level,
      status: r.directive_status,
      programmeCode: r.programme_code,
      issuedOn: r.directive_issued_on,
      scopeAgency: r.scope_agency_id === null ? null : { id: r.scope_agency_id, name: r.scope_agency_name ?? '' },
    },
    lead: r.lead.map(toAgency),
    coordinating: r.coordinating.map(toAgency),
    ...toStanding(r),
    parent: detail.parent
      ? {
          id: detail.parent.id,
          ref: detail.parent.ref,
          text: detail.parent.text,
          directive: {
            id: detail.parent.directive_id,
            number: detail.parent.directive_number,
            level: detail.parent.directive_level,
          },
        }
      : null,
    children: detail.children.map(toTaskRow),
    rollup: {
      count: detail.rollup.count,
      done: detail.rollup.done,
      overdue: detail.rollup.overdue,
      averagePercent: detail.rollup.average_percent ?? 0,
    },
    twins: detail.twins.map(toTaskRow),
    asOf: detail.asOf,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    abilities: detail.abilities,
  };
}

export const toHistoryItem = (h: EventRow) => ({
  ...toEventFields(h),
  actor: h.actor_id === null ? null : { id: h.actor_id, name: h.actor_full_name ?? '' },
});
