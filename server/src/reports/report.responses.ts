import type { EvidenceRow } from './report.queries.ts';
import type {
  EvidenceResponse,
  ReportListResponse,
  ReportPageResponse,
  ReportResponse,
  ReportTaskBrief,
} from './report.schemas.ts';
import type { ReportWithEvidence } from './report.service.ts';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** An evidence item, in a report or alone (the evidence routes answer with the same shape). */
export function toEvidenceResponse(row: EvidenceRow): EvidenceResponse {
  const isFile = row.kind === 'file' && row.file_id !== null;
  return {
    id: row.id,
    reportId: row.report_id,
    kind: row.kind,
    title: row.title ?? '',
    url: row.kind === 'link' ? row.url : null,
    file: isFile
      ? {
          id: row.file_id!,
          filename: row.filename ?? '',
          contentType: row.content_type ?? 'application/octet-stream',
          sizeBytes: row.size_bytes ?? 0,
          sha256: row.sha256 ?? '',
        }
      : null,
    downloadUrl: isFile ? `/api/evidence/${row.id}/download` : null,
    createdAt: typeof row.created_at === 'string' ? row.created_at : row.created_at.toISOString(),
    public: row.public,
  };
}

export function toReportResponse({ report: r, evidence, abilities }: ReportWithEvidence): ReportResponse {
  return {
    id: r.id,
    taskId: r.task_id,
    agency: { id: r.agency_id, name: r.agency_name },
    agencyRole: r.agency_role,
    author: r.author_name === null ? null : { id: r.author_id, name: r.author_name },
    percent: r.percent,
    narrative: r.narrative,
    difficulties: r.difficulties,
    recommendations: r.recommendations,
    progressLoweredFrom: r.progress_lowered_from,
    progressLoweredReason: r.progress_lowered_reason,
    state: r.state,
    submittedAt: iso(r.submitted_at),
    reviewer: r.reviewed_by !== null ? { id: r.reviewed_by, name: r.reviewer_name ?? '' } : null,
    reviewedAt: iso(r.reviewed_at),
    reviewComment: r.review_comment,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    evidence: evidence.map(toEvidenceResponse),
    abilities,
  };
}

/** A task's reports, with the figure the acting body's next report is compared with. */
export function toReportListResponse(list: {
  items: ReportWithEvidence[];
  acceptedPercent: number | null;
}): ReportListResponse {
  return { items: list.items.map(toReportResponse), acceptedPercent: list.acceptedPercent };
}

/** A page of reports, each with its task (null only if the task is no longer visible). */
export function toReportPageResponse(page: {
  items: ReportWithEvidence[];
  tasks: ReportTaskBrief[];
  total: number;
  page: number;
  pageSize: number;
}): ReportPageResponse {
  const taskById = new Map(page.tasks.map((task) => [task.id, task]));
  return {
    items: page.items.map((item) => ({ ...toReportResponse(item), task: taskById.get(item.report.task_id) ?? null })),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
  };
}
