import { importDirectiveJob } from '../imports/import.service.ts';
import type { JobDefinition } from '../jobs/job.service.ts';
import { sendMailJob } from '../mail/mail.service.ts';

/** Every background job the app runs; a worker in any app process may pick any of them. */
export const jobDefinitions: JobDefinition[] = [importDirectiveJob, sendMailJob];
