import type { z } from 'zod';
import type { DirectiveRefRow, DirectiveRow, DirectiveSourceRow } from './directive.queries.ts';
import type { DirectiveResponse, DirectiveSourceResponse, DirectiveSummary } from './directive.schemas.ts';
import type { DirectiveDetail } from './directive.service.ts';

export function toDirectiveSummary(row: DirectiveRow): DirectiveSummary {
  return {
    id: row.id,
    number: row.number,
    docType: row.doc_type,
    issuedOn: row.issued_on,
    issuer: row.issuer_agency_id === null ? null : { id: row.issuer_agency_id, name: row.issuer_agency_name ?? '' },
    issuerName: row.issuer_name,
    level: row.level,
    title: row.title,
    programmeCode: row.programme_code,
    status: row.status,
    scopeAgency: row.scope_agency_id === null ? null : { id: row.scope_agency_id, name: row.scope_agency_name ?? '' },
    taskCount: row.task_count,
    publishedAt: row.published_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const toDirectiveRef = (r: DirectiveRefRow) => ({
  id: r.id,
  number: r.number,
  title: r.title,
  level: r.level,
  status: r.status,
});

export function toDirectiveResponse(detail: DirectiveDetail): z.infer<typeof DirectiveResponse> {
  const { row } = detail;
  return {
    ...toDirectiveSummary(row),
    sourceFileId: row.source_file_id,
    createdBy: row.created_by === null ? null : { id: row.created_by, name: row.created_by_name ?? '' },
    publishedBy: row.published_by === null ? null : { id: row.published_by, name: row.published_by_name ?? '' },
    implements: detail.implements.map((link) => ({
      number: link.number,
      directive:
        link.id === null || link.level === null || link.status === null
          ? null
          : toDirectiveRef({
              id: link.id,
              number: link.linked_number,
              title: link.title ?? '',
              level: link.level,
              status: link.status,
            }),
    })),
    implementedBy: detail.implementedBy.map(toDirectiveRef),
    taskCounts: detail.taskCounts,
    asOf: detail.asOf,
    abilities: detail.abilities,
  };
}

export function toDirectiveSourceResponse(source: DirectiveSourceRow): DirectiveSourceResponse {
  return {
    text: source.text,
    filename: source.filename,
    issuerName: source.issuer_name,
    issuerSuccessors: source.issuer_successors,
    confidence: source.confidence,
    tasks: source.tasks.map((t) => ({
      id: t.id,
      ref: t.ref,
      sourceLine: t.source_line,
      unresolvedBodies: t.unresolved_bodies,
      confidence: t.confidence,
      bodySuccessors: t.body_successors,
      startingProgress: t.starting_progress,
    })),
    pages: source.pages.map((p) => ({ page: p.page, startsAtLine: p.starts_at_line })),
  };
}
