import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BodyRegistry } from '@giamsat/extraction';
import { AgencyLevel } from '@giamsat/shared';
import { tidyText, toneMarkVariants } from '@giamsat/shared/text';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { refreshGroupMembers } from './agency.queries.ts';

// The body registry the extraction library ships is also the server's list of bodies: one file, so
// the extractor's canonical names and the database's agencies never drift apart.

const RegistryBodyEntry = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  level: AgencyLevel,
  kind: z.enum(['party', 'state', 'front', 'enterprise', 'university', 'other']),
  parent: z.string().optional(),
  generic: z.boolean().optional(),
});

const RegistryFile = z.object({
  bodies: z.array(RegistryBodyEntry),
  // Bodies that ended under their name (the 2025 reorganisation): the seed makes no agency of them,
  // the import's extractor recognises them and names their successors.
  historical: z
    .array(
      RegistryBodyEntry.extend({
        validFrom: z.string().optional(),
        validTo: z.string(),
        successors: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  groups: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        aliases: z.array(z.string()).default([]),
        members: z.object({
          ids: z.array(z.string()).optional(),
          level: AgencyLevel.optional(),
          kind: z.enum(['party', 'state', 'front', 'enterprise', 'university', 'other']).optional(),
          namePrefix: z.string().optional(),
          unit: z.boolean().optional(),
        }),
      }),
    )
    .default([]),
});

/** The registry file of @giamsat/extraction, read from the installed package. */
export function loadDefaultRegistry(): BodyRegistry {
  const file = createRequire(import.meta.url).resolve('@giamsat/extraction/registry.json');
  return RegistryFile.parse(JSON.parse(readFileSync(file, 'utf8'))) satisfies BodyRegistry;
}

export interface SeedResult {
  bodiesInserted: number;
  groupsInserted: number;
  aliasesInserted: number;
  membersInserted: number;
  /** Registry entries that could not be placed as written (unknown parent, duplicate slug, cycle). */
  warnings: string[];
}

interface SeedRow {
  slug: string;
  name: string;
  level: string;
  kind: string;
  parent: string | null;
  selector: Record<string, unknown> | null;
}

/** Name, aliases and every other tone-mark spelling of them, without the name itself. */
function aliasesOf(name: string, aliases: readonly string[]): string[] {
  const all = new Set<string>();
  for (const written of [name, ...aliases]) {
    const text = tidyText(written);
    if (!text) continue;
    all.add(text);
    for (const other of toneMarkVariants(text)) all.add(other);
  }
  all.delete(name.normalize('NFC'));
  return [...all];
}

/** Registry entries as rows, with parents checked: an unknown parent or a cycle leaves a root. */
function toSeedRows(registry: BodyRegistry, warnings: string[]): SeedRow[] {
  const rows: SeedRow[] = [];
  const seen = new Set<string>();
  for (const body of registry.bodies) {
    // "Sở Tư pháp" without a province names a kind of department, not a body: imports resolve it
    // to the importing province's own department.
    if (body.generic) continue;
    if (seen.has(body.id)) {
      warnings.push(`duplicate slug ${body.id}: later entry ignored`);
      continue;
    }
    seen.add(body.id);
    rows.push({
      slug: body.id,
      name: body.name.normalize('NFC'),
      level: body.level,
      kind: body.kind,
      parent: body.parent ?? null,
      selector: null,
    });
  }
  const bodySlugs = new Set(rows.map((r) => r.slug));
  for (const row of rows) {
    if (row.parent !== null && !bodySlugs.has(row.parent)) {
      warnings.push(`${row.slug}: unknown parent ${row.parent}, placed at the root`);
      row.parent = null;
    }
  }
  const parentOf = new Map(rows.map((r) => [r.slug, r.parent]));
  for (const row of rows) {
    let step = row.parent;
    for (let depth = 0; step !== null && depth <= rows.length; depth++) {
      if (step === row.slug) {
        warnings.push(`${row.slug}: parent cycle, placed at the root`);
        row.parent = null;
        parentOf.set(row.slug, null);
        break;
      }
      step = parentOf.get(step) ?? null;
    }
  }
  for (const group of registry.groups) {
    if (seen.has(group.id)) {
      warnings.push(`duplicate slug ${group.id}: later entry ignored`);
      continue;
    }
    seen.add(group.id);
    const prefix = group.members.namePrefix;
    rows.push({
      slug: group.id,
      name: group.name.normalize('NFC'),
      level: group.members.level ?? 'central',
      kind: 'group',
      parent: null,
      selector: {
        ...group.members,
        ...(prefix ? { namePrefixes: [prefix.normalize('NFC'), ...toneMarkVariants(prefix)] } : {}),
      },
    });
  }
  return rows;
}

/**
 * Loads the body registry: bodies with their ltree paths (parent first), aliases in both tone-mark
 * placements, named groups (kind 'group') with their members expanded from the selectors.
 * Idempotent by slug: a body already there is left as it is (an administrator may have edited it);
 * missing aliases and group members are added. A handful of set-based statements, whatever the size.
 */
export async function seedRegistry(db: Db, registry: BodyRegistry = loadDefaultRegistry()): Promise<SeedResult> {
  const warnings: string[] = [];
  const rows = toSeedRows(registry, warnings);
  const json = JSON.stringify(rows);
  return db.transaction(async (tx) => {
    // One statement places every new body: ids are drawn from the identity sequence first, so a
    // body's path (its parent's path, then its own id) is known before the row is written.
    const inserted = await tx.query<{ id: number; kind: string }>(sql`
      WITH RECURSIVE fresh AS MATERIALIZED (
        SELECT r.slug, r.name, r.level, r.kind, r.parent, r.selector,
               nextval(pg_get_serial_sequence('agencies', 'id')) AS id
        FROM jsonb_to_recordset(${json}::jsonb)
             AS r(slug text, name text, level text, kind text, parent text, selector jsonb)
        WHERE NOT EXISTS (SELECT 1 FROM agencies a WHERE a.slug = r.slug)
      ), tree AS (
        SELECT f.*, p.id AS parent_id,
               CASE WHEN p.id IS NULL THEN f.id::text::ltree ELSE p.path || f.id::text END AS path
        FROM fresh f LEFT JOIN agencies p ON p.slug = f.parent
        WHERE f.parent IS NULL OR NOT EXISTS (SELECT 1 FROM fresh x WHERE x.slug = f.parent)
        UNION ALL
        SELECT f.*, tree.id, tree.path || f.id::text
        FROM fresh f JOIN tree ON f.parent = tree.slug
      )
      INSERT INTO agencies (id, slug, name, level, kind, parent_id, path, member_selector)
      OVERRIDING SYSTEM VALUE
      SELECT id, slug, name, level, kind, parent_id, path, selector FROM tree
      ON CONFLICT (slug) DO NOTHING
      RETURNING id, kind`);
    const groups = rows.filter((r) => r.selector !== null);
    if (groups.length > 0) {
      await tx.query(sql`
        UPDATE agencies a SET member_selector = r.selector
        FROM jsonb_to_recordset(${JSON.stringify(groups)}::jsonb) AS r(slug text, selector jsonb)
        WHERE a.slug = r.slug AND a.kind = 'group' AND a.member_selector IS DISTINCT FROM r.selector`);
    }

    const aliasSlugs: string[] = [];
    const aliasTexts: string[] = [];
    const entries = [...registry.bodies, ...registry.groups];
    for (const entry of entries) {
      for (const alias of aliasesOf(entry.name, entry.aliases)) {
        aliasSlugs.push(entry.id);
        aliasTexts.push(alias);
      }
    }
    const aliases = await tx.query(sql`
      INSERT INTO agency_aliases (agency_id, alias)
      SELECT a.id, x.alias
      FROM unnest(${aliasSlugs}::text[], ${aliasTexts}::text[]) AS x(slug, alias)
      JOIN agencies a ON a.slug = x.slug
      WHERE x.alias <> a.name
      ON CONFLICT DO NOTHING
      RETURNING agency_id`);

    const groupIds = await tx.query<{ id: number }>(sql`
      SELECT id FROM agencies WHERE kind = 'group' AND slug = ANY(${groups.map((g) => g.slug)}::text[])`);
    const members = await refreshGroupMembers(tx, { groupIds: groupIds.map((g) => g.id) });

    return {
      bodiesInserted: inserted.filter((r) => r.kind !== 'group').length,
      groupsInserted: inserted.filter((r) => r.kind === 'group').length,
      aliasesInserted: aliases.length,
      membersInserted: members,
      warnings,
    };
  });
}
