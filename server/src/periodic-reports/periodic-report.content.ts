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
}

/** What a report says, frozen when it was made. */
export interface ReportContent {
  from: string;
  to: string;
  issuer: { name: string; kind: string; place: string };
  scopeName: string;
  dashboard: Dashboard;
  tasks: ReportTask[];
  completedInPeriod: number;
}
