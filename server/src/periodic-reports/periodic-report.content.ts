import type { Timeliness } from '@giamsat/shared';
import type { Dashboard } from '../dashboard/dashboard.service.ts';

// What a periodic report says, gathered by the service and written by the .docx and .xlsx writers.

/** A task as the report lists it, judged on the period's last day. */
export interface ReportTask {
  ref: string;
  text: string;
  directiveNumber: string | null;
  leadBodies: string;
  dueDate: string | null;
  completedOn: string | null;
  state: Timeliness;
  daysOverdue: number;
  /** No accepted report for the dashboard's stale window (30 days) by the period's last day. */
  stale: boolean;
  /** The last accepted report's day, or null. */
  lastReportOn: string | null;
}

/** What a body wrote under "Khó khăn, vướng mắc" and "Kiến nghị, đề xuất" in the period's reports. */
export interface BodyConcerns {
  body: string;
  difficulties: string[];
  recommendations: string[];
}

/** What a report says, frozen when it was made. */
export interface ReportContent {
  from: string;
  to: string;
  issuer: { name: string; kind: string; place: string };
  scopeName: string;
  dashboard: Dashboard;
  /** The same figures on the day before the period: what changed in it. */
  before: Dashboard;
  tasks: ReportTask[];
  concerns: BodyConcerns[];
  completedInPeriod: number;
}
