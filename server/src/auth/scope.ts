import { type Sql, sql } from '../db/sql.ts';
import type { Actor } from './actor.ts';

/**
 * A live task is one of a published directive: what bodies work on, what the dashboard counts and
 * what every list shows unless drafts are asked for. A draft is the office's work in progress.
 */
export function isLive(d = 'd'): Sql {
  return sql`${sql.raw(d)}.status = 'published'`;
}

/**
 * Which tasks an actor may see, as a SQL condition over `tasks t JOIN directives d`. Lists are
 * scoped in SQL so "not yours" and "not there" look the same (404, never 403 with a hint).
 *
 * - public: live tasks;
 * - administrator, inspector, the central standing office: everything;
 * - a province's office: the directives it owns (drafts too) and the live tasks assigned to bodies
 *   in its subtree (its communes); another office's draft is not its to see;
 * - a body's focal point or head: live tasks assigned to the body or its subtree, directly or
 *   through a named group the body belongs to.
 */
export function taskVisibility(actor: Actor, t = 't', d = 'd'): Sql {
  const task = sql.raw(t);
  const directive = sql.raw(d);
  if (actor.kind === 'system') return sql`TRUE`;
  if (actor.kind === 'public') return isLive(d);
  if (actor.role === 'admin' || actor.role === 'inspector') return sql`TRUE`;
  if (actor.role === 'office') {
    if (actor.scopePath === null) return sql`TRUE`;
    return sql`(${directive}.scope_agency_id IN (SELECT id FROM agencies WHERE path <@ ${actor.scopePath}::ltree)
      OR (${isLive(d)} AND ${assignedTo(task, actingWithin(actor.scopePath))}))`;
  }
  return sql`(${isLive(d)} AND ${assignedTo(task, actingWithin(actor.agencyPath))})`;
}

/**
 * The subtree a signed-in user works in, when narrower than the nation: a province's standing office
 * its scope, a body's focal point or head their body. Inspectors, administrators, the central office
 * and the public (who read all published data) have none. The dashboard's and the scores' bodies.
 */
export function workingSubtree(actor: Actor): string | null {
  if (actor.kind !== 'user') return null;
  if (actor.role === 'office') return actor.scopePath;
  if (actor.role === 'focal' || actor.role === 'head') return actor.agencyPath;
  return null;
}

/** Is the body at `path` within the subtree at `root` (an ltree path as text)? */
export const pathWithin = (path: string, root: string): boolean => path === root || path.startsWith(`${root}.`);

/**
 * The bodies that act for the body `agencyId`: itself and the named groups it belongs to (the view
 * agency_acts_as). A task assigned to one of them is assigned to the body.
 */
export function actingFor(agencyId: number): Sql {
  return sql`(SELECT x.acts_as_id FROM agency_acts_as x WHERE x.agency_id = ${agencyId})`;
}

/**
 * The bodies that act for the subtree under `path` (an ltree, or SQL giving one): its bodies and the
 * named groups one of them belongs to (a task led by "UBND cấp xã" is led by every commune).
 */
export function actingWithin(path: string | Sql): Sql {
  return sql`(SELECT x.acts_as_id FROM agency_acts_as x
    WHERE x.agency_path <@ ${typeof path === 'string' ? sql`${path}::ltree` : path})`;
}

/**
 * The task (`task`: its alias) is assigned to one of `acting` (actingFor, actingWithin), as lead or
 * coordinating or as `role`. Written as "id IN (a set)": the bodies are few, their assignments come
 * from the (agency_id, role) index, and the planner hashes the set instead of probing every task.
 */
export function assignedTo(task: Sql, acting: Sql, role?: 'lead' | 'coordinating'): Sql {
  const roleCondition = role ? sql`AND ta.role = ${role}` : sql.empty;
  return sql`${task}.id IN (SELECT ta.task_id FROM task_assignments ta WHERE ta.agency_id IN ${acting} ${roleCondition})`;
}

/**
 * The bodies of the standing office of a scope (`scopeAgencyId`, null: the nation): the bodies of the active
 * office accounts working for exactly that scope — the office that manages the directives it owns.
 */
export function officeBodiesOf(scopeAgencyId: number | null): Sql {
  return sql`SELECT u.agency_id FROM users u
    WHERE u.role = 'office' AND u.is_active AND u.scope_agency_id IS NOT DISTINCT FROM ${scopeAgencyId}::bigint`;
}

/** Can the actor manage (edit, publish, review reports of) directives owned by this scope? */
export function canManageScope(actor: Actor, directiveScopePath: string | null): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'office') return false;
  if (actor.scopePath === null) return true;
  if (directiveScopePath === null) return false;
  return directiveScopePath === actor.scopePath || directiveScopePath.startsWith(`${actor.scopePath}.`);
}

/**
 * Who may accept or return a body's progress report: an office that manages the task's directive (or an
 * administrator), and never someone of the body that wrote it — nobody judges their own body's work.
 * When the managing office is itself the reporting body, an office above it or an administrator decides.
 */
export function canReviewReportOf(actor: Actor, directiveScopePath: string | null, reportingAgencyId: number): boolean {
  if (actor.kind === 'user' && actor.agencyId === reportingAgencyId) return false;
  return canManageScope(actor, directiveScopePath);
}

/**
 * Directives the actor may manage (edit, publish, add tasks), as SQL over the alias `d`: the same rule
 * as canManageScope() — administrators and the central office everything, a scoped office the
 * directives owned within its subtree, nobody else anything.
 */
export function manageableSql(actor: Actor, d = 'd'): Sql {
  const directive = sql.raw(d);
  if (actor.kind === 'system') return sql`TRUE`;
  if (actor.kind === 'public') return sql`FALSE`;
  if (actor.role === 'admin') return sql`TRUE`;
  if (actor.role !== 'office') return sql`FALSE`;
  if (actor.scopePath === null) return sql`TRUE`;
  return sql`${directive}.scope_agency_id IN (SELECT id FROM agencies WHERE path <@ ${actor.scopePath}::ltree)`;
}

/**
 * Published directives are public; drafts are seen by those who can manage them and by inspectors,
 * who read everything (as they do the drafts' tasks).
 */
export function directiveVisibility(actor: Actor, d = 'd'): Sql {
  if (actor.kind === 'user' && actor.role === 'inspector') return sql`TRUE`;
  return sql`(${isLive(d)} OR ${manageableSql(actor, d)})`;
}

/**
 * Which reports an actor may read, over `progress_reports r` (the task's own visibility is checked
 * beside it): a draft is the reporting body's work in progress and is seen by that body only; the
 * public sees accepted reports of published tasks ("public progress"), nothing under review.
 */
export function reportVisibility(actor: Actor, r = 'r'): Sql {
  const report = sql.raw(r);
  if (actor.kind === 'system') return sql`TRUE`;
  if (actor.kind === 'public') return sql`${report}.state = 'accepted'`;
  return sql`(${report}.state <> 'draft' OR ${report}.agency_id = ${actor.agencyId})`;
}

/**
 * Whether the actor reads what is internal to the work: people's names and accounts (who wrote or
 * reviewed a report), review comments and a task's internal note. The public reads the work itself —
 * published tasks, their states, accepted reports ("Ba công khai") — never who did it or what was said
 * about it inside.
 */
export function seesInternals(actor: Actor): boolean {
  return actor.kind !== 'public';
}

/**
 * Whether the actor reads an evidence item (minh chứng), beside its report's own visibility (the public
 * reads accepted reports only): the public reads only the items the reviewer marked public when
 * accepting the report (issue 12; the switch is off by default), everyone else every item.
 */
export function seesEvidence(actor: Actor, evidence: { public: boolean }): boolean {
  return actor.kind !== 'public' || evidence.public;
}

/** seesEvidence() as a SQL condition, for queries over `evidence e`. */
export function evidenceVisibility(actor: Actor, e = 'e'): Sql {
  return actor.kind === 'public' ? sql`${sql.raw(e)}.public` : sql`TRUE`;
}

/**
 * Which feedback submissions (phản ánh, kiến nghị) an actor may see, over `feedback f`, with their
 * contact details: the standing office that receives them (a scoped office those of its scope, the
 * central office all), the body they are with now, administrators and inspectors. The public follows
 * one only by its tracking code, and never sees who sent it.
 */
export function feedbackVisibility(actor: Actor, f = 'f'): Sql {
  const feedback = sql.raw(f);
  if (actor.kind === 'system') return sql`TRUE`;
  if (actor.kind === 'public') return sql`FALSE`;
  if (actor.role === 'admin' || actor.role === 'inspector') return sql`TRUE`;
  const withBody = sql`${feedback}.assigned_agency_id = ${actor.agencyId}`;
  if (actor.role !== 'office') return withBody;
  if (actor.scopePath === null) return sql`TRUE`;
  return sql`(${withBody} OR ${feedback}.scope_agency_id IN (SELECT id FROM agencies WHERE path <@ ${actor.scopePath}::ltree))`;
}
