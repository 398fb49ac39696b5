import { slugify, tidyText, toNewToneMarks, toneMarkVariants, toOldToneMarks } from '@giamsat/shared/text';
import { type Actor, requireRole } from '../auth/actor.ts';
import { canManageScope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { recordEvent, recordEvents } from '../events/events.ts';
import { AgencyErrors } from './agency.errors.ts';
import {
  type AgencyDetailRow,
  bumpAgencyVersion,
  deleteAlias,
  findAgency,
  findMemberCandidates,
  inheritGroups,
  insertAgency,
  insertAliases,
  insertGroupMembers,
  listAgencies as listAgencyRows,
  listAliases,
  listGroupMembers,
  loadAgencyDetail,
  markMerged,
  moveSubtree,
  moveUsers,
  refreshGroupMembers,
  reparentChildren,
  resolveNames,
  slugExists,
  transferOpenTasks,
  updateAgencyFields,
} from './agency.queries.ts';
import type {
  AgencyListQuery,
  AgencyPageQuery,
  CreateAgencyBody,
  MergeAgencyBody,
  UpdateAgencyBody,
} from './agency.schemas.ts';

// Bodies (cơ quan): anyone may read the list (body names are public); only administrators change it.

const ADMIN_ONLY = ['admin'] as const;

export async function listAgencies(db: Db, _actor: Actor, query: AgencyListQuery) {
  const rows = await listAgencyRows(db, query);
  return {
    rows,
    total: rows[0]?.total ?? (query.offset > 0 ? await countAll(db, query) : 0),
    limit: query.limit,
    offset: query.offset,
  };
}

// A page past the end has no rows to carry the window count; count once more from the start.
async function countAll(db: Db, query: AgencyListQuery): Promise<number> {
  const [first] = await listAgencyRows(db, { ...query, limit: 1, offset: 0 });
  return first?.total ?? 0;
}

export async function getAgency(db: Db, _actor: Actor, id: number): Promise<AgencyDetailRow> {
  return detailOrThrow(db, id);
}

export async function listAgencyMembers(db: Db, _actor: Actor, id: number, page: AgencyPageQuery) {
  const group = await findAgency(db, id);
  if (!group) throw CommonErrors.notFound('agency', id);
  if (group.kind !== 'group') throw AgencyErrors.notAGroup(id);
  const rows = await listGroupMembers(db, id, page);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0)
    total = (await listGroupMembers(db, id, { limit: 1, offset: 0 }))[0]?.total ?? 0;
  return { rows, total, limit: page.limit, offset: page.offset };
}

async function freeSlug(db: Db, name: string): Promise<string> {
  // A name with no letter or digit still gets a slug: "co-quan" (a body).
  const base = slugify(name) || 'co-quan';
  if (!(await slugExists(db, base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!(await slugExists(db, candidate))) return candidate;
  }
}

/** A parent must be a live body of the tree (not a group, not merged away). */
async function loadParent(db: Db, parentId: number) {
  const parent = await findAgency(db, parentId);
  if (!parent) throw AgencyErrors.parentNotFound(parentId);
  if (parent.kind === 'group') throw AgencyErrors.groupNotInTree();
  if (parent.merged_into_id !== null) throw AgencyErrors.parentMerged(parentId, parent.merged_into_id);
  return parent;
}

async function detailOrThrow(db: Db, id: number): Promise<AgencyDetailRow> {
  const row = await loadAgencyDetail(db, id);
  if (!row) throw CommonErrors.notFound('agency', id);
  return row;
}

export async function createAgency(db: Db, actor: Actor, input: CreateAgencyBody): Promise<AgencyDetailRow> {
  requireRole(actor, ADMIN_ONLY, 'agency.create');
  const isGroup = input.kind === 'group';
  if (isGroup && input.parentId != null) throw AgencyErrors.groupNotInTree();
  if (!isGroup && input.memberIds !== undefined) throw AgencyErrors.membersOnlyForGroups();
  const name = tidyText(input.name);
  return db.transaction(async (tx) => {
    const parent = input.parentId != null ? await loadParent(tx, input.parentId) : null;
    if (input.slug && (await slugExists(tx, input.slug))) throw AgencyErrors.slugTaken(input.slug);
    const slug = input.slug ?? (await freeSlug(tx, name));
    const id = await insertAgency(tx, {
      slug,
      name,
      shortName: input.shortName ? tidyText(input.shortName) : null,
      level: input.level,
      kind: input.kind,
      parent: parent ? { id: parent.id, path: parent.path } : null,
    });
    const aliases = [...input.aliases.map(tidyText), ...toneMarkVariants(name)];
    await insertAliases(tx, id, [...new Set(aliases)]);
    if (isGroup && input.memberIds?.length) {
      const wanted = [...new Set(input.memberIds)];
      const found = new Set(await findMemberCandidates(tx, wanted));
      const missing = wanted.filter((m) => !found.has(m));
      if (missing.length) throw AgencyErrors.memberNotFound(missing);
      await insertGroupMembers(tx, id, wanted);
    }
    // A new body joins the named groups whose rule it matches ("Ủy ban nhân dân cấp xã"…).
    if (!isGroup) await refreshGroupMembers(tx, { memberIds: [id] });
    const detail = await detailOrThrow(tx, id);
    await recordEvent(tx, actor, {
      entityType: 'agency',
      entityId: id,
      action: 'created',
      after: {
        slug,
        name,
        shortName: detail.short_name,
        level: detail.level,
        kind: detail.kind,
        parentId: detail.parent_id,
        aliases: detail.aliases,
        memberIds: isGroup ? (input.memberIds ?? []) : undefined,
      },
    });
    return detail;
  });
}

export async function updateAgency(
  db: Db,
  actor: Actor,
  id: number,
  input: UpdateAgencyBody,
): Promise<AgencyDetailRow> {
  requireRole(actor, ADMIN_ONLY, 'agency.update');
  return db.transaction(async (tx) => {
    const current = await findAgency(tx, id, { forUpdate: true });
    if (!current) throw CommonErrors.notFound('agency', id);
    if (current.version !== input.version) throw CommonErrors.versionConflict('agency', id, current.version);
    const next = {
      name: input.name !== undefined ? tidyText(input.name) : current.name,
      shortName: input.shortName !== undefined ? input.shortName && tidyText(input.shortName) : current.short_name,
      level: input.level ?? current.level,
      kind: input.kind ?? current.kind,
      parentId: input.parentId !== undefined ? input.parentId : current.parent_id,
    };
    if ((current.kind === 'group') !== (next.kind === 'group')) throw AgencyErrors.kindGroupFixed();
    const at = new Date();
    if (next.parentId !== current.parent_id) {
      let newPath = String(id);
      if (next.parentId !== null) {
        if (current.kind === 'group') throw AgencyErrors.groupNotInTree();
        const parent = await loadParent(tx, next.parentId);
        const parentPath = `${parent.path}.`;
        if (parent.id === id || parentPath.startsWith(`${current.path}.`)) {
          throw AgencyErrors.parentCycle(id, next.parentId);
        }
        newPath = `${parent.path}.${id}`;
      }
      await moveSubtree(tx, current.path, newPath);
    }
    await updateAgencyFields(tx, id, next, at);
    if (next.name !== current.name) {
      // A renamed body is still found, and resolved, by the name directives used before.
      await insertAliases(tx, id, [current.name, ...toneMarkVariants(current.name), ...toneMarkVariants(next.name)]);
      await deleteAlias(tx, id, next.name);
    }
    await recordEvent(tx, actor, {
      entityType: 'agency',
      entityId: id,
      action: 'updated',
      before: {
        name: current.name,
        shortName: current.short_name,
        level: current.level,
        kind: current.kind,
        parentId: current.parent_id,
        path: current.path,
      },
      after: { ...next, path: (await findAgency(tx, id))?.path },
    });
    return detailOrThrow(tx, id);
  });
}

export async function addAgencyAlias(db: Db, actor: Actor, id: number, rawAlias: string) {
  requireRole(actor, ADMIN_ONLY, 'agency.alias.add');
  return db.transaction(async (tx) => {
    const agency = await findAgency(tx, id, { forUpdate: true });
    if (!agency) throw CommonErrors.notFound('agency', id);
    const alias = tidyText(rawAlias);
    if (alias === agency.name) throw AgencyErrors.aliasIsName(alias);
    if (!(await addAlias(tx, actor, id, alias))) throw AgencyErrors.aliasExists(alias);
    return { aliases: await listAliases(tx, id) };
  });
}

/**
 * A name a document wrote for a body, kept as its alias so the next import recognises it: by an
 * administrator, or by an office for a body within its scope (where it assigns work). A name the body
 * already has is no change (false).
 */
export async function keepWrittenName(db: Db, actor: Actor, id: number, written: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const agency = await findAgency(tx, id, { forUpdate: true });
    if (!agency) throw CommonErrors.notFound('agency', id);
    if (!canManageScope(actor, agency.path)) throw AgencyErrors.aliasOutsideScope(id, agency.name);
    const alias = tidyText(written);
    return alias !== agency.name && (await addAlias(tx, actor, id, alias));
  });
}

/** Adds an alias with its history row; false when the body has it already. */
async function addAlias(tx: Db, actor: Actor, id: number, alias: string): Promise<boolean> {
  const added = await insertAliases(tx, id, [alias]);
  if (added.length === 0) return false;
  await bumpAgencyVersion(tx, id, new Date());
  await recordEvent(tx, actor, { entityType: 'agency', entityId: id, action: 'alias_added', after: { alias } });
  return true;
}

export async function removeAgencyAlias(db: Db, actor: Actor, id: number, rawAlias: string) {
  requireRole(actor, ADMIN_ONLY, 'agency.alias.remove');
  const alias = rawAlias.normalize('NFC');
  return db.transaction(async (tx) => {
    const agency = await findAgency(tx, id, { forUpdate: true });
    if (!agency) throw CommonErrors.notFound('agency', id);
    if (!(await deleteAlias(tx, id, alias))) throw AgencyErrors.aliasNotFound(alias);
    await bumpAgencyVersion(tx, id, new Date());
    await recordEvent(tx, actor, { entityType: 'agency', entityId: id, action: 'alias_removed', before: { alias } });
    return { aliases: await listAliases(tx, id) };
  });
}

/**
 * Merges a body into its successor (ministries merged; 63 provinces became 34). The body keeps its
 * row and its history (merged_into_id, merged_on); its OPEN tasks pass to the successor, its users
 * and children move there, and done tasks stay where they were done.
 */
export async function mergeAgency(db: Db, actor: Actor, id: number, input: MergeAgencyBody) {
  requireRole(actor, ADMIN_ONLY, 'agency.merge');
  if (input.successorId === id) throw AgencyErrors.mergeIntoSelf();
  return db.transaction(async (tx) => {
    // Lock in id order, so two merges touching the same pair cannot deadlock.
    const [firstId, secondId] = id < input.successorId ? [id, input.successorId] : [input.successorId, id];
    const first = await findAgency(tx, firstId, { forUpdate: true });
    const second = await findAgency(tx, secondId, { forUpdate: true });
    const agency = first?.id === id ? first : second;
    const successor = first?.id === input.successorId ? first : second;
    if (!agency) throw CommonErrors.notFound('agency', id);
    if (input.version !== undefined && agency.version !== input.version) {
      throw CommonErrors.versionConflict('agency', id, agency.version);
    }
    if (agency.merged_into_id !== null) throw AgencyErrors.alreadyMerged(id, agency.merged_into_id);
    if (!successor) throw AgencyErrors.successorNotFound(input.successorId);
    if (agency.kind === 'group' || successor.kind === 'group') throw AgencyErrors.mergeGroup();
    if (successor.merged_into_id !== null) {
      throw AgencyErrors.successorMerged(successor.id, successor.merged_into_id);
    }
    if (successor.path.startsWith(`${agency.path}.`)) throw AgencyErrors.mergeIntoDescendant(successor.id);

    const at = new Date();
    const reason = tidyText(input.reason);
    const transferred = await transferOpenTasks(tx, { agencyId: id, successorId: successor.id, at });
    const usersMoved = await moveUsers(tx, id, successor.id, at);
    const childrenReparented = await reparentChildren(tx, agency, successor, at);
    await inheritGroups(tx, id, successor.id);
    await markMerged(tx, id, successor.id, input.mergedOn, at);
    // One body written two ways: the successor is found by the merged body's names from now on.
    const aliasesAdded = input.keepNameAsAlias
      ? await insertAliases(tx, successor.id, [
          agency.name,
          ...toneMarkVariants(agency.name),
          ...(await listAliases(tx, id)),
        ])
      : [];
    if (aliasesAdded.length > 0) await bumpAgencyVersion(tx, successor.id, at);
    const summary = { tasksTransferred: transferred.length, usersMoved: usersMoved.length, childrenReparented };
    await recordEvents(
      tx,
      actor,
      [
        ...transferred.map((task) => ({
          entityType: 'task' as const,
          entityId: task.taskId,
          action: 'assignment_transferred' as const,
          before: { assignments: task.before },
          after: { assignments: task.after },
          reason,
        })),
        ...usersMoved.map((userId) => ({
          entityType: 'user' as const,
          entityId: userId,
          action: 'agency_changed' as const,
          before: { agencyId: id },
          after: { agencyId: successor.id },
          reason,
        })),
        {
          entityType: 'agency' as const,
          entityId: id,
          action: 'merged' as const,
          before: { mergedIntoId: null, mergedOn: null, parentId: agency.parent_id },
          after: { mergedIntoId: successor.id, mergedOn: input.mergedOn, ...summary },
          reason,
        },
        {
          entityType: 'agency' as const,
          entityId: successor.id,
          action: 'absorbed' as const,
          after: { mergedAgencyId: id, mergedOn: input.mergedOn, ...summary, aliasesAdded },
          reason,
        },
      ],
      at,
    );
    return {
      agency: await detailOrThrow(tx, id),
      successor: await detailOrThrow(tx, successor.id),
      ...summary,
    };
  });
}

/**
 * The body each written name refers to, or null: exact name, then alias, then the other tone-mark
 * placement, then unaccented equality when that points to one body only. Used when an extracted
 * directive is imported. A merged body resolves to its successor unless `followMerges` is false
 * (a new task for a merged ministry belongs to the ministry that absorbed it).
 */
export async function resolveAgencyNames(
  db: Db,
  names: readonly string[],
  options: { followMerges?: boolean; withinAgencyId?: number | null } = {},
): Promise<(number | null)[]> {
  const inputs = names.map((name) => {
    const written = tidyText(name);
    return { written, variants: [toOldToneMarks(written), toNewToneMarks(written)] };
  });
  return resolveNames(db, inputs, options.followMerges ?? true, options.withinAgencyId ?? null);
}
