import type { AgencyDetailRow, AgencyRow } from './agency.queries.ts';
import type { AgencyDetail, AgencySummary } from './agency.schemas.ts';

export function toAgencySummary(row: AgencyRow): AgencySummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    shortName: row.short_name,
    level: row.level,
    kind: row.kind,
    parentId: row.parent_id,
    path: row.path,
    mergedIntoId: row.merged_into_id,
    mergedOn: row.merged_on,
    version: row.version,
  };
}

export function toAgencyDetail(row: AgencyDetailRow): AgencyDetail {
  return {
    ...toAgencySummary(row),
    aliases: row.aliases,
    parent: row.parent_id !== null ? { id: row.parent_id, name: row.parent_name ?? '' } : null,
    mergedInto: row.merged_into_id !== null ? { id: row.merged_into_id, name: row.merged_into_name ?? '' } : null,
    childCount: row.child_count,
    memberCount: row.member_count,
    groups: row.groups,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
