import { importDirectiveJob } from '../imports/import.service.ts';
import type { JobDefinition } from '../jobs/job.service.ts';

/** Every background job the app runs; a worker in any app process may pick any of them. */
export const jobDefinitions: JobDefinition[] = [importDirectiveJob];
