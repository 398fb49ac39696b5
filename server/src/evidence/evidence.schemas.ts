// Contracts of the evidence routes. An evidence item's shape (EvidenceResponse) is the reports': a report
// is read, and created, with its evidence.
import { z } from 'zod';
import { EvidenceResponse } from '../reports/report.schemas.ts';

export const EvidenceListResponse = z.object({ items: z.array(EvidenceResponse) });
