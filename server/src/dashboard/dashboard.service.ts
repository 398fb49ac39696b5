import { type AgencyKind, type AgencyLevel, STALE_AFTER_DAYS } from '@giamsat/shared';
import type { Actor } from '../auth/actor.ts';
import { isLive, pathWithin, taskVisibility, workingSubtree } from '../auth/scope.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import { DashboardErrors } from './dashboard.errors.ts';
import { computeDashboard, type DashboardFigures, ledWithin, type TallyFilter } from './dashboard.queries.ts';
import type { DashboardQuery, DashboardScope } from './dashboard.schemas.ts';

export interface ScopeAgency {
  id: number;
  name: string;
  shortName: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  path: string;
}

export interface ResolvedScope {
  kind: DashboardScope;
  level: AgencyLevel | null;
  agency: ScopeAgency | null;
  directive: { id: number; number: string | null; title: string } | null;
  programme: { code: string; name: string } | null;
}

export interface Dashboard {
  scope: ResolvedScope;
  asOf: string;
  dueSoonDays: number;
  staleAfterDays: number;
  byAgencyLimit: number;
  figures: DashboardFigures;
}

async function resolveScope(db: Db, actor: Actor, query: DashboardQuery): Promise<ResolvedScope> {
  let agency: ScopeAgency | null = null;
  if (query.agencyId !== undefined) {
    const [row] = await db.query<ScopeAgency>(sql`
      SELECT id, name, short_name AS "shortName", level, kind, path::text AS path FROM agencies WHERE id = ${query.agencyId}`);
    // Another province's body is "not there" for a province's office (404, like a missing one).
    const subtree = workingSubtree(actor);
    if (!row || (subtree !== null && !pathWithin(row.path, subtree)))
      throw DashboardErrors.agencyNotFound(query.agencyId);
    agency = row;
  }
  let directive: ResolvedScope['directive'] = null;
  if (query.directiveId !== undefined) {
    // Only published directives have a dashboard; a draft is "not there".
    const [row] = await db.query<{ id: number; number: string | null; title: string }>(sql`
      SELECT d.id, d.number, d.title FROM directives d WHERE d.id = ${query.directiveId} AND ${isLive('d')}`);
    if (!row) throw DashboardErrors.directiveNotFound(query.directiveId);
    directive = row;
  }
  let programme: ResolvedScope['programme'] = null;
  if (query.programmeCode !== undefined) {
    const [row] = await db.query<{ code: string; name: string }>(
      sql`SELECT code, name FROM programmes WHERE code = ${query.programmeCode}`,
    );
    if (!row) throw DashboardErrors.programmeNotFound(query.programmeCode);
    programme = row;
  }
  return { kind: query.scope, level: query.level ?? null, agency, directive, programme };
}

/**
 * When the actor reads every published task and the scope narrows them only by directive level or
 * programme, the figures can come from the day's tally (dashboard.tally.ts): the filter; else undefined.
 */
export function tallyFilter(actor: Actor, scope: ResolvedScope): TallyFilter | undefined {
  if (workingSubtree(actor) !== null) return undefined;
  if (scope.agency || scope.directive) return undefined;
  return { level: scope.level, programmeCode: scope.programme?.code ?? null };
}

/** The SQL condition over `tasks t JOIN directives d` for the actor's visibility and the scope. */
export function scopeCondition(actor: Actor, scope: ResolvedScope): Sql {
  const conditions = [taskVisibility(actor, 't', 'd')];
  if (scope.level) conditions.push(sql`d.level = ${scope.level}`);
  if (scope.agency) conditions.push(ledWithin(scope.agency.path));
  if (scope.directive) conditions.push(sql`t.directive_id = ${scope.directive.id}`);
  if (scope.programme) conditions.push(sql`d.programme_code = ${scope.programme.code}`);
  return sql.and(conditions);
}

/**
 * GET /api/dashboard: open to everyone — the public site calls it without login and sees published
 * data; a signed-in user sees what taskVisibility() lets them see. Only tasks of published directives
 * count, for everyone.
 */
export async function getDashboard(db: Db, actor: Actor, query: DashboardQuery): Promise<Dashboard> {
  const scope = await resolveScope(db, actor, query);
  const today = vietnamDate();
  const asOf = query.asOf ?? today;
  const condition = scopeCondition(actor, scope);
  const figures = await computeDashboard(db, condition, asOf, {
    dueSoonDays: query.dueSoonDays,
    staleAfterDays: STALE_AFTER_DAYS,
    byAgencyLimit: query.byAgencyLimit,
    leadWithinPath: scope.agency?.path ?? null,
    // Today's figures for everything published (by level or programme at most) come from the day's
    // tally; another day, a narrower scope or a narrower reader is judged task by task.
    tally: asOf === today ? tallyFilter(actor, scope) : undefined,
  });
  return {
    scope,
    asOf,
    dueSoonDays: query.dueSoonDays,
    staleAfterDays: STALE_AFTER_DAYS,
    byAgencyLimit: query.byAgencyLimit,
    figures,
  };
}
