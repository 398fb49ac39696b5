import { createAccountsJob } from '../accounts/account-import.service.ts';
import { importDirectiveJob } from '../imports/import.service.ts';
import type { JobDefinition, RecurringJob } from '../jobs/job.service.ts';
import { sendMailJob } from '../mail/mail.service.ts';
import { periodicReportJob } from '../periodic-reports/periodic-report.service.ts';
import { dailyReminders, dailyRemindersJob } from '../reminders/reminder.service.ts';

/** Every background job the app runs; a worker in any app process may pick any of them. */
export const jobDefinitions: JobDefinition[] = [
  importDirectiveJob,
  sendMailJob,
  dailyRemindersJob,
  periodicReportJob,
  createAccountsJob,
];

/** Jobs queued once per period (a day) by every worker process: each period's run exists once. */
export const recurringJobs: RecurringJob[] = [dailyReminders];
