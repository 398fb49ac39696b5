import type { HistoryAction, HistoryEntity } from '@giamsat/shared';
import { seedRegistry } from '../agencies/agency.seed.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { bodiesToNotify } from '../directives/directive.queries.ts';
import { timelinessSql } from '../tasks/task.standing.ts';
import { createAccounts, type PrintedAccount } from './accounts.ts';
import { ensureDepartments, generateCommunes, listProvinces } from './bodies.ts';
import { centralDirectives } from './directives.ts';
import * as words from './vocabulary.ts';

// Demo and scale data. Everything after the bodies and accounts is generated set-based in SQL
// (INSERT … SELECT over generate_series, choices drawn from demo_random(key, salt)), so the national
// scale (200,000 tasks, 2,000,000 reports) loads in minutes even into PGlite, and the demo scale in
// seconds. Work tables are TEMP … ON COMMIT DROP inside the one transaction: a failed load leaves
// nothing behind. The generator writes only what the rules allow: a task's completed_on,
// progress_percent and last_accepted_report_at are derived at the end from its accepted lead reports,
// exactly as accepting a report through the API would set them.
//
// The SQL below is assembled from trusted numbers (seed, sizes, ids) and the vocabulary arrays sent as
// parameters; no user input reaches it.

export type DemoScale = 'demo' | 'large' | 'national';

export interface ScaleSettings {
  communes: number;
  centralDirectives: number;
  centralTasks: readonly [number, number];
  /** Central directives each province implements with a plan of its own. */
  provincePlans: number;
  provinceTasks: readonly [number, number];
  /** Province plans each commune implements. */
  communePlans: number;
  communeTasks: readonly [number, number];
  /** Reports per task that has started (fewer when the task's time span is short). */
  reports: readonly [number, number];
  /** Share of submitted/accepted reports below 100% that carry a file (completion reports always do). */
  evidenceShare: number;
  /** One history row per report submission and review (millions at national scale: off there). */
  reportEvents: boolean;
  /** Tasks per statement, so progress can be shown and no statement grows without bound. */
  chunk: number;
}

export const SCALES: Record<DemoScale, ScaleSettings> = {
  // ≈ 160 central + 680 province + 1,000 commune tasks.
  demo: {
    communes: 204,
    centralDirectives: 8,
    centralTasks: [14, 26],
    provincePlans: 2,
    provinceTasks: [6, 14],
    communePlans: 1,
    communeTasks: [3, 7],
    reports: [2, 6],
    evidenceShare: 0.5,
    reportEvents: true,
    chunk: 50_000,
  },
  // ≈ 160 central + 1,300 province + 10,800 commune tasks: the web benchmark's 10,000-task list.
  large: {
    communes: 1200,
    centralDirectives: 8,
    centralTasks: [14, 26],
    provincePlans: 3,
    provinceTasks: [8, 14],
    communePlans: 1,
    communeTasks: [7, 11],
    reports: [1, 3],
    evidenceShare: 0.2,
    reportEvents: false,
    chunk: 50_000,
  },
  // ≈ 1,900 central + 40,800 province + 159,000 commune tasks; ≈ 10 reports per task.
  national: {
    communes: 3321,
    centralDirectives: 48,
    centralTasks: [30, 50],
    provincePlans: 24,
    provinceTasks: [40, 60],
    communePlans: 2,
    communeTasks: [16, 32],
    reports: [7, 20],
    evidenceShare: 0.1,
    reportEvents: false,
    chunk: 20_000,
  },
};

export interface GenerateOptions {
  scale: DemoScale;
  /** The day deadlines are spread around (default: today in Vietnam). */
  referenceDate?: string;
  seed?: number;
  log?: (line: string) => void;
  /** How progress lines name what is loading ("national scale into postgres"). */
  label?: string;
}

export interface GenerateResult {
  accounts: PrintedAccount[];
  counts: { communes: number; directives: number; tasks: number; reports: number; evidence: number };
}

const VN = `'Asia/Ho_Chi_Minh'`;

/** Vietnamese d/m/yyyy as the directives write it ("20/6/2025"). */
const dmy = (date: string) => `to_char(${date}, 'FMDD/FMMM/YYYY')`;

const ROMAN = `(ARRAY['I','II','III','IV','V','VI','VII','VIII','IX','X','XI','XII'])`;

const HISTORY_COLUMNS = ['at', 'actor_id', 'entity_type', 'entity_id', 'action', 'before', 'after', 'reason'];

/**
 * History rows through the one writer of history, record_events(), still set-based: `rows` selects
 * (at, actor_id, entity_type, entity_id, action, before, after, reason), each column goes as one array,
 * and the rows are stored by time (`n` keeps rows of the same moment in one order across the arrays).
 */
const recordHistory = (rows: string) => `
  SELECT record_events(${HISTORY_COLUMNS.map((c) => `array_agg(h.${c} ORDER BY h.n)`).join(', ')})
  FROM (SELECT e.*, row_number() OVER (ORDER BY e.at) AS n
        FROM (${rows}) AS e(${HISTORY_COLUMNS.join(', ')})) AS h`;

/** One action, or one of two picked by a SQL condition. */
type ActionSql<E extends HistoryEntity> =
  | HistoryAction<E>
  | { when: string; action: HistoryAction<E>; otherwise: HistoryAction<E> };

/**
 * The entity_type, entity_id and action of history rows: the action is one the app records for that
 * kind of entity (HISTORY_ACTIONS), so the demo's history reads like the app's, checked when compiled.
 */
function about<E extends HistoryEntity>(entity: E, id: string, action: ActionSql<E>): string {
  const name =
    typeof action === 'string'
      ? `'${action}'`
      : `CASE WHEN ${action.when} THEN '${action.action}' ELSE '${action.otherwise}' END`;
  return `'${entity}', ${id}, ${name}`;
}

/** An instant in a history payload as the app writes one (JSON.stringify of a Date: UTC, milliseconds). */
const jsonInstant = (at: string) => `to_char((${at}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function generateDemoData(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  const scale = SCALES[options.scale];
  const ref = options.referenceDate ?? vietnamDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new Error(`referenceDate must be yyyy-mm-dd: ${ref}`);
  const seed = options.seed ?? 57;
  if (!Number.isInteger(seed) || seed < 0 || seed > 1_000_000) throw new Error('seed must be an integer 0…1,000,000');
  const log = options.log ?? (() => {});
  const target = options.label ?? (options.scale === 'national' ? 'national scale' : 'demo data');
  const R = (key: string, purpose: number) => `demo_random((${key})::bigint, ${seed * 1000 + purpose})`;
  const REF = `'${ref}'::date`;

  const result = await db.transaction(async (tx) => {
    const q = (text: string, params: unknown[] = []) => tx.query(text, params);

    // ── Bodies and accounts ──────────────────────────────────────────────────────────────────
    await seedRegistry(tx);
    const provinces = await listProvinces(tx);
    if (provinces.length === 0) throw new Error('the body registry has no provinces');
    await ensureDepartments(tx, provinces);
    const { communes } = await generateCommunes(tx, provinces, scale.communes, seed);
    log(`  ${target}: ${provinces.length} provinces, ${communes.toLocaleString('en')} communes`);
    // The named commune accounts: Hà Nội's first commune (one body with its People's Committee).
    const [hanoiCommune] = await tx.query<{ slug: string }>(
      `SELECT c.slug FROM agencies c JOIN agencies p ON p.id = c.parent_id
       WHERE p.slug = 'tp-ha-noi' AND c.level = 'commune' ORDER BY c.id LIMIT 1`,
    );
    const accounts = await createAccounts(tx, seed, { slug: hanoiCommune?.slug ?? 'tp-ha-noi' });

    // Bulk load: the rows are consistent by construction (and the demo tests check it), so when the
    // role may (a superuser: PGlite, the benchmark's server) foreign-key triggers are skipped for this
    // transaction only; they cost more than the inserts themselves at 2,000,000 reports.
    const [role] = await tx.query<{ superuser: boolean }>(
      `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    if (role?.superuser) await tx.query(`SET LOCAL session_replication_role = replica`);

    // ── Work tables ──────────────────────────────────────────────────────────────────────────
    await tx.exec(`
      CREATE TEMP TABLE demo_gen_pool (pool text, rn int, agency_id bigint, is_group boolean, PRIMARY KEY (pool, rn)) ON COMMIT DROP;
      CREATE TEMP TABLE demo_gen_pool_size (pool text PRIMARY KEY, n int) ON COMMIT DROP;
      CREATE TEMP TABLE demo_gen_focal (agency_id bigint PRIMARY KEY, user_id bigint) ON COMMIT DROP;
      CREATE TEMP TABLE demo_gen_directive (
        id bigint PRIMARY KEY, level text, gkey bigint, number text, doc_type text, title text, issuer_id bigint,
        issuer_name text, programme text, issued_on date, status text, scope_id bigint, office_id bigint,
        province_id bigint, parent_directive_id bigint, implements_number text, lead_pool text, coord_pool text,
        coord_max int, fixed_lead_id bigint, locality text, task_count int, first_task_id bigint) ON COMMIT DROP;
      CREATE TEMP TABLE demo_gen_task (
        id bigint PRIMARY KEY, directive_id bigint, level text, k int, parent_id bigint, obj int, text text,
        lead_id bigint, coord_ids bigint[], coord_reporter bigint, kind text, period text, dv int, first_due date,
        due date, extended boolean, fate text, done_on date, n_reports int, target int, issued_on date,
        office_id bigint) ON COMMIT DROP;`);

    // Who leads and who coordinates: weighted pools (the Ministry of Science and Technology leads most
    // NQ57 work centrally, the Department of Science and Technology in a province).
    await q(`
      INSERT INTO demo_gen_pool (pool, rn, agency_id, is_group)
      SELECT 'central_lead', row_number() OVER (ORDER BY a.id, g), a.id, false
      FROM agencies a CROSS JOIN LATERAL generate_series(1,
        CASE WHEN a.slug = 'bo-khoa-hoc-va-cong-nghe' THEN 14 WHEN a.name LIKE 'Bộ %' THEN 3 ELSE 1 END) g
      WHERE a.level = 'central' AND a.parent_id IS DISTINCT FROM (SELECT id FROM agencies WHERE slug = 'bcd-tw')
        AND a.kind IN ('state', 'party', 'front', 'university', 'enterprise') AND a.merged_into_id IS NULL
        AND a.slug NOT IN ('ban-chap-hanh-trung-uong-dang', 'bo-chinh-tri', 'ban-bi-thu', 'quoc-hoi', 'chinh-phu',
          'chu-tich-nuoc', 'thu-tuong-chinh-phu', 'uy-ban-thuong-vu-quoc-hoi', 'bcd-tw')`);
    await q(`
      INSERT INTO demo_gen_pool (pool, rn, agency_id, is_group)
      SELECT 'central_coord', row_number() OVER (ORDER BY a.id, g), a.id, a.kind = 'group'
      FROM agencies a CROSS JOIN LATERAL generate_series(1, CASE WHEN a.kind = 'group' THEN 4 ELSE 1 END) g
      WHERE a.merged_into_id IS NULL AND (
        a.id IN (SELECT agency_id FROM demo_gen_pool WHERE pool = 'central_lead')
        OR a.slug IN ('group-cac-bo-nganh-dia-phuong', 'group-cac-co-quan-trung-uong',
                      'group-uy-ban-nhan-dan-cac-tinh-thanh-pho-truc-thuoc-trung-uong'))`);
    await q(
      `
      INSERT INTO demo_gen_pool (pool, rn, agency_id, is_group)
      SELECT 'pl' || a.parent_id, row_number() OVER (PARTITION BY a.parent_id ORDER BY a.id, g), a.id, false
      FROM agencies a CROSS JOIN LATERAL generate_series(1, CASE
          WHEN a.slug LIKE '%-so-khoa-hoc-va-cong-nghe' THEN 6
          WHEN a.name LIKE 'Sở %' THEN 2 ELSE 1 END) g
      WHERE a.parent_id = ANY($1::bigint[]) AND a.kind = 'state' AND a.name NOT LIKE 'Hội đồng%'
        AND a.level = 'province' AND a.merged_into_id IS NULL`,
      [provinces.map((p) => p.id)],
    );
    await q(
      `
      INSERT INTO demo_gen_pool (pool, rn, agency_id, is_group)
      SELECT 'pc' || a.parent_id, row_number() OVER (PARTITION BY a.parent_id ORDER BY a.id), a.id, false
      FROM agencies a
      WHERE a.parent_id = ANY($1::bigint[]) AND a.kind = 'state' AND a.name LIKE 'Sở %' AND a.merged_into_id IS NULL`,
      [provinces.map((p) => p.id)],
    );
    await q(`INSERT INTO demo_gen_pool_size SELECT pool, count(*) FROM demo_gen_pool GROUP BY pool`);
    await q(`
      INSERT INTO demo_gen_focal SELECT a.id, u.id FROM agencies a JOIN users u ON u.username = 'daumoi.' || a.slug`);

    // ── Directives ───────────────────────────────────────────────────────────────────────────
    const [ids] = await tx.query<{ directive: number; task: number; report: number; file: number }>(`
      SELECT (SELECT coalesce(max(id), 0) FROM directives) AS directive, (SELECT coalesce(max(id), 0) FROM tasks) AS task,
             (SELECT coalesce(max(id), 0) FROM progress_reports) AS report, (SELECT coalesce(max(id), 0) FROM stored_files) AS file`);
    const base = ids ?? { directive: 0, task: 0, report: 0, file: 0 };
    const central = centralDirectives(scale.centralDirectives, seed, ref, scale.centralTasks);
    await q(
      `
      INSERT INTO demo_gen_directive (id, level, gkey, number, doc_type, title, issuer_id, issuer_name, programme,
        issued_on, status, scope_id, office_id, implements_number, lead_pool, coord_pool, coord_max, locality, task_count)
      SELECT ${base.directive} + x.n, 'central', x.n, x.number, x.doc_type, x.title, i.id, x.issuer_name, x.programme,
        x.issued_on, 'published', NULL, (SELECT id FROM users WHERE username = 'vptw'), x.implements_number,
        'central_lead', 'central_coord', 3, NULL, x.task_count
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::int[])
        WITH ORDINALITY AS x(number, doc_type, title, issuer_slug, issuer_name, programme, issued_on, implements_number, task_count, n)
      LEFT JOIN agencies i ON i.slug = x.issuer_slug`,
      [
        central.map((d) => d.number),
        central.map((d) => d.docType),
        central.map((d) => d.title),
        central.map((d) => d.issuerSlug),
        central.map((d) => d.issuerName),
        central.map((d) => d.programme),
        central.map((d) => d.issuedOn),
        central.map((d) => d.implementsNumber),
        central.map((d) => d.taskCount),
      ],
    );
    // Each province implements some of the central directives with a plan of its own, issued a few
    // weeks after; plan numbers are unique so "implements 123/KH-UBND" names one plan.
    const [provinceTasks] = scale.provinceTasks;
    await q(`
      WITH choice AS (
        SELECT p.id AS province_id, p.name AS province_name, p.slug AS province_slug, c.id, c.gkey, c.number, c.doc_type,
               c.programme, c.issued_on,
               row_number() OVER (PARTITION BY p.id ORDER BY ${R('p.id * 100000 + c.gkey', 1)}) AS pick
        FROM agencies p CROSS JOIN demo_gen_directive c
        WHERE c.level = 'central' AND p.id IN (${provinces.map((p) => p.id).join(',')})
      ), chosen AS (
        SELECT *, row_number() OVER (ORDER BY province_id, id) AS seq FROM choice WHERE pick <= ${scale.provincePlans}
      )
      INSERT INTO demo_gen_directive (id, level, gkey, number, doc_type, title, issuer_id, issuer_name, programme,
        issued_on, status, scope_id, office_id, province_id, parent_directive_id, implements_number, lead_pool,
        coord_pool, coord_max, locality, task_count)
      SELECT ${base.directive + central.length} + ch.seq, 'province', 1000 + ch.seq,
        CASE WHEN ${R('1000 + ch.seq', 2)} < 0.3 THEN (100 + ch.seq) || '-KH/TU' ELSE (1000 + ch.seq) || '/KH-UBND' END,
        'Kế hoạch',
        'Kế hoạch triển khai thực hiện ' || ch.doc_type || ' số ' || ch.number || ' trên địa bàn ' || lower(left(ch.province_name, 1)) || substr(ch.province_name, 2),
        ch.province_id,
        ch.province_name,
        ch.programme,
        LEAST(ch.issued_on + 10 + floor(${R('1000 + ch.seq', 3)} * 35)::int, ${REF} - 20),
        'published', ch.province_id, o.id, ch.province_id, ch.id, ch.number,
        'pl' || ch.province_id, 'pc' || ch.province_id, 2,
        lower(left(ch.province_name, 1)) || substr(ch.province_name, 2),
        ${provinceTasks} + floor(${R('1000 + ch.seq', 4)} * ${scale.provinceTasks[1] - provinceTasks + 1})::int
      FROM chosen ch
      LEFT JOIN users o ON o.username = 'vanphong.' || ch.province_slug`);
    // Each commune implements one or two of its province's plans (a few commune plans are still drafts).
    const [communeTasks] = scale.communeTasks;
    await q(`
      WITH choice AS (
        SELECT c.id AS commune_id, c.name AS commune_name, pd.*,
               row_number() OVER (PARTITION BY c.id ORDER BY ${R('c.id * 100000 + pd.gkey', 5)}) AS pick
        FROM agencies c
        JOIN demo_gen_directive pd ON pd.level = 'province' AND pd.province_id = c.parent_id
        WHERE c.level = 'commune' AND c.parent_id IN (${provinces.map((p) => p.id).join(',')})
      ), chosen AS (
        SELECT *, row_number() OVER (ORDER BY commune_id, id) AS seq FROM choice WHERE pick <= ${scale.communePlans}
      )
      INSERT INTO demo_gen_directive (id, level, gkey, number, doc_type, title, issuer_id, issuer_name, programme,
        issued_on, status, scope_id, office_id, province_id, parent_directive_id, implements_number, lead_pool,
        coord_pool, coord_max, fixed_lead_id, locality, task_count)
      SELECT (SELECT max(id) FROM demo_gen_directive) + ch.seq, 'commune', 1000000 + ch.seq,
        (10000 + ch.seq) || '/KH-UBND', 'Kế hoạch',
        'Kế hoạch thực hiện Kế hoạch số ' || ch.number || ' tại ' || lower(left(ch.commune_name, 1)) || substr(ch.commune_name, 2),
        ch.commune_id, ch.commune_name, ch.programme,
        LEAST(ch.issued_on + 7 + floor(${R('1000000 + ch.seq', 6)} * 25)::int, ${REF} - 10),
        CASE WHEN ${R('1000000 + ch.seq', 7)} < 0.02 THEN 'draft' ELSE 'published' END,
        ch.commune_id, ch.office_id, ch.province_id, ch.id, ch.number, NULL, 'pc' || ch.province_id, 1, ch.commune_id,
        lower(left(ch.commune_name, 1)) || substr(ch.commune_name, 2),
        ${communeTasks} + floor(${R('1000000 + ch.seq', 8)} * ${scale.communeTasks[1] - communeTasks + 1})::int
      FROM chosen ch`);
    await q(`
      INSERT INTO directives (id, number, doc_type, issued_on, issuer_agency_id, issuer_name, level, title,
        programme_code, status, scope_agency_id, created_by, published_at, published_by, version, created_at, updated_at)
      OVERRIDING SYSTEM VALUE
      SELECT d.id, d.number, d.doc_type, d.issued_on, d.issuer_id, d.issuer_name, d.level, d.title, d.programme, d.status,
        d.scope_id, d.office_id,
        CASE WHEN d.status = 'published' THEN ((d.issued_on + 2)::timestamp + interval '9 hours') AT TIME ZONE ${VN} END,
        CASE WHEN d.status = 'published' THEN d.office_id END,
        -- publishing counts as a change of the directive (directive.queries markPublished)
        CASE WHEN d.status = 'published' THEN 2 ELSE 1 END,
        ((d.issued_on + 1)::timestamp + interval '8 hours') AT TIME ZONE ${VN},
        ((d.issued_on + 2)::timestamp + interval '9 hours') AT TIME ZONE ${VN}
      FROM demo_gen_directive d ORDER BY d.id`);
    await q(`SELECT setval(pg_get_serial_sequence('directives', 'id'), (SELECT max(id) FROM directives))`);
    await q(`INSERT INTO directive_implements (directive_id, implements_number)
             SELECT id, implements_number FROM demo_gen_directive WHERE implements_number IS NOT NULL`);
    // Where each level's tasks start: tasks of one directive get consecutive ids, so a child picks its
    // parent as first_task_id + a random offset below task_count.
    await q(`
      WITH t AS (SELECT id, ${base.task} + sum(task_count) OVER (ORDER BY id) - task_count + 1 AS first FROM demo_gen_directive)
      UPDATE demo_gen_directive d SET first_task_id = t.first FROM t WHERE t.id = d.id`);
    const [totals] = await tx.query<{ directives: number; tasks: number }>(
      `SELECT count(*)::int AS directives, sum(task_count)::int AS tasks FROM demo_gen_directive`,
    );
    const totalTasks = totals?.tasks ?? 0;
    log(`  ${target}: ${(totals?.directives ?? 0).toLocaleString('en')} directives`);

    const g: Gen = { tx, q, R, ref, REF, scale, base, log, target, reportEvents: scale.reportEvents };
    await generateTasks(g, totalTasks);
    await assignCommunesUpward(g);
    await generateTwins(g);
    const reports = await generateReports(g);
    await deriveTaskProgress(g);
    const evidence = await generateEvidence(g);
    await generateExtensions(g);
    await generateHistory(g);
    await q(`SELECT setval(pg_get_serial_sequence('tasks', 'id'), (SELECT max(id) FROM tasks))`);
    // The bulk load may have run without triggers (above): what they keep is set here, set-based — each
    // task's lead bodies (task_lead_agency_ids.sql), the bodies that can report (body_can_report.sql) —
    // and any dashboard tally is dropped, to be built afresh (TRUNCATE: the cascade of a DELETE is a
    // trigger too; CASCADE takes every tally table, all of which hang on dashboard_days).
    await q(`
      UPDATE tasks t SET lead_agency_ids = s.ids FROM task_lead_sets s
      WHERE s.task_id = t.id AND t.lead_agency_ids IS DISTINCT FROM s.ids`);
    await q(`SELECT reporting_bodies_refresh()`);
    await q(`TRUNCATE dashboard_days CASCADE`);
    return {
      accounts,
      counts: { communes, directives: totals?.directives ?? 0, tasks: totalTasks, reports, evidence },
    };
  });
  // Fresh statistics: the dashboard's plans depend on them, and autovacuum may not have run yet.
  await db.exec('ANALYZE');
  log(
    `  ${target}: ${result.counts.tasks.toLocaleString('en')} tasks, ${result.counts.reports.toLocaleString('en')} reports, ` +
      `${result.counts.evidence.toLocaleString('en')} evidence files`,
  );
  return result;
}

interface Gen {
  tx: Db;
  q: (text: string, params?: unknown[]) => Promise<unknown[]>;
  /** SQL for a pseudo-random number in [0, 1) from a key expression and a purpose number. */
  R: (key: string, purpose: number) => string;
  /** The reference day: as 'yyyy-mm-dd' (ref) and as a SQL date literal (REF). */
  ref: string;
  REF: string;
  scale: ScaleSettings;
  base: { directive: number; task: number; report: number; file: number };
  log: (line: string) => void;
  target: string;
  reportEvents: boolean;
}

const len = (list: readonly unknown[]) => list.length;
const fmt = (n: number) => n.toLocaleString('en');

/** Task id ranges of about `chunk` tasks, never splitting a directive. */
async function taskChunks(g: Gen): Promise<{ lo: number; hi: number; dlo: number; dhi: number }[]> {
  return g.tx.query(`
    SELECT min(first_task_id) AS lo, max(first_task_id + task_count - 1) AS hi, min(id) AS dlo, max(id) AS dhi
    FROM (SELECT *, floor((first_task_id - ${g.base.task} - 1) / ${g.scale.chunk}) AS chunk, level AS lvl
          FROM demo_gen_directive) x
    GROUP BY lvl, chunk ORDER BY lo`);
}

async function generateTasks(g: Gen, total: number): Promise<void> {
  const { R, REF, q } = g;
  const { TASK_VERBS, TASK_OBJECTS, TASK_SCOPES, LOCAL_SCOPES, DELIVERABLES } = words;
  let done = 0;
  for (const chunk of await taskChunks(g)) {
    // Parents are generated before children (central, then province, then commune chunks), so a child
    // reads its parent's deadline and subject from the work table.
    await q(
      `
      WITH x AS MATERIALIZED (
        SELECT d.first_task_id + k - 1 AS id, d.id AS directive_id, d.level, k, d.issued_on, d.office_id, d.status,
               d.lead_pool, d.coord_pool, d.coord_max, d.fixed_lead_id, d.locality,
               pd.first_task_id AS pfirst, pd.task_count AS pcount
        FROM demo_gen_directive d
        LEFT JOIN demo_gen_directive pd ON pd.id = d.parent_directive_id
        CROSS JOIN LATERAL generate_series(1, d.task_count) k
        WHERE d.id BETWEEN ${chunk.dlo} AND ${chunk.dhi}
      ), x1 AS MATERIALIZED (
        SELECT x.*, p.id AS parent_id, p.first_due AS parent_due, p.obj AS parent_obj,
          CASE WHEN ${R('x.id', 10)} < 0.76 THEN 'date' WHEN ${R('x.id', 10)} < 0.85 THEN 'recurring'
               WHEN ${R('x.id', 10)} < 0.94 THEN 'continuous' WHEN ${R('x.id', 10)} < 0.98 THEN 'event' ELSE 'none' END AS kind
        FROM x LEFT JOIN demo_gen_task p ON p.id = x.pfirst + floor(${R('x.id', 11)} * x.pcount)::int
      ), x2 AS MATERIALIZED (
        SELECT x1.*,
          CASE WHEN x1.kind = 'recurring' THEN CASE WHEN ${R('x1.id', 12)} < 0.55 THEN 'monthly' ELSE 'quarterly' END END AS period,
          (x1.kind = 'date' OR (x1.kind = 'recurring' AND ${R('x1.id', 13)} < 0.5)) AS has_due,
          CASE WHEN x1.kind = 'recurring' THEN 10 ELSE floor(${R('x1.id', 14)} * 100)::int END AS dv,
          -- A lower level's deadline comes before its parent's; otherwise 1–16 months after issue.
          LEAST(${REF} + 365, GREATEST(x1.issued_on + 20,
            CASE WHEN x1.parent_due IS NOT NULL AND ${R('x1.id', 15)} < 0.8
                 THEN x1.parent_due - floor(${R('x1.id', 16)} * 60)::int
                 ELSE x1.issued_on + 30 + floor(${R('x1.id', 16)} * 480)::int END)) AS base_due
        FROM x1
      ), x3 AS MATERIALIZED (
        -- The wording decides the date (PRODUCT.md): "tháng 6/2025" is the month's last day, "quý IV" the
        -- quarter's, "năm 2025" the year's; "chậm nhất ngày" / "trước ngày" an exact day.
        SELECT x2.*,
          CASE WHEN NOT x2.has_due THEN NULL
               WHEN x2.dv < 35 THEN (date_trunc('month', x2.base_due) + interval '1 month - 1 day')::date
               WHEN x2.dv < 55 THEN (date_trunc('quarter', x2.base_due) + interval '3 months - 1 day')::date
               WHEN x2.dv < 95 OR (date_trunc('year', x2.base_due) + interval '1 year - 1 day')::date > ${REF} + 365
                 THEN x2.base_due
               ELSE (date_trunc('year', x2.base_due) + interval '1 year - 1 day')::date END AS first_due
        FROM x2
      ), x4 AS MATERIALIZED (
        -- An accepted extension, decided on or before the first deadline (which has passed).
        SELECT x3.*, (x3.kind = 'date' AND x3.status = 'published' AND ${R('x3.id', 17)} < 0.07
                      AND x3.first_due < ${REF} AND x3.first_due - 20 > x3.issued_on) AS extended
        FROM x3
      ), x5 AS MATERIALIZED (
        SELECT x4.*, x4.first_due + CASE WHEN x4.extended THEN 30 + floor(${R('x4.id', 18)} * 90)::int ELSE 0 END AS due
        FROM x4
      ), x6 AS MATERIALIZED (
        -- What becomes of the task by the reference date. 'on_time' / 'late': a lead report of 100% is
        -- accepted on done_on; 'open': accepted progress below 100%; 'idle': nothing accepted yet.
        SELECT x5.*,
          CASE WHEN x5.status <> 'published' THEN 'draft'
               WHEN x5.due IS NULL THEN CASE WHEN ${R('x5.id', 19)} < 0.7 THEN 'open' ELSE 'idle' END
               WHEN x5.due < ${REF} - 1 THEN CASE WHEN ${R('x5.id', 19)} < 0.42 THEN 'on_time' WHEN ${R('x5.id', 19)} < 0.64 THEN 'late'
                                            WHEN ${R('x5.id', 19)} < 0.94 THEN 'open' ELSE 'idle' END
               ELSE CASE WHEN ${R('x5.id', 19)} < 0.16 THEN 'on_time' WHEN ${R('x5.id', 19)} < 0.8 THEN 'open' ELSE 'idle' END
          END AS fate0,
          CASE WHEN x5.extended THEN x5.first_due - 5 ELSE x5.issued_on + 10 END AS lo,
          LEAST(x5.due, ${REF} - 1) AS hi
        FROM x5
      ), x7 AS MATERIALIZED (
        SELECT x6.*, CASE WHEN x6.fate0 = 'on_time' AND x6.hi < x6.lo + 2 THEN 'open' ELSE x6.fate0 END AS fate
        FROM x6
      ), x8 AS MATERIALIZED (
        SELECT x7.*,
          CASE WHEN x7.fate = 'on_time' THEN x7.lo + floor((x7.hi - x7.lo) * (0.3 + 0.7 * ${R('x7.id', 20)}))::int
               WHEN x7.fate = 'late' THEN x7.due + 1 + floor((${REF} - 2 - x7.due) * ${R('x7.id', 20)} ^ 2)::int END AS done_on
        FROM x7
      )
      INSERT INTO demo_gen_task (id, directive_id, level, k, parent_id, obj, text, lead_id, coord_ids, coord_reporter,
        kind, period, dv, first_due, due, extended, fate, done_on, n_reports, target, issued_on, office_id)
      SELECT x8.id, x8.directive_id, x8.level, x8.k, x8.parent_id, o.obj,
        ($1::text[])[1 + floor(${R('x8.id', 25)} * ${len(TASK_VERBS)})::int] || ' ' || ($2::text[])[o.obj] || ' ' ||
          CASE WHEN x8.level = 'central' THEN ($3::text[])[1 + floor(${R('x8.id', 26)} * ${len(TASK_SCOPES)})::int]
               ELSE replace(($4::text[])[1 + floor(${R('x8.id', 26)} * ${len(LOCAL_SCOPES)})::int], '{L}', x8.locality) END,
        l.lead_id, c.ids, c.reporter, x8.kind, x8.period, x8.dv, x8.first_due, x8.due, x8.extended, x8.fate, x8.done_on,
        CASE WHEN x8.fate = 'draft' THEN 0
             WHEN x8.fate = 'idle' THEN CASE WHEN ${R('x8.id', 21)} < 0.5 THEN 1 ELSE 0 END
             -- At most one report every 3 days of the task's span, so reviews never overtake the next report.
             ELSE LEAST(${g.scale.reports[0]} + floor(${R('x8.id', 21)} * ${g.scale.reports[1] - g.scale.reports[0] + 1})::int,
                        GREATEST(1, (coalesce(x8.done_on, ${REF} - 1) - x8.issued_on - 5) / 3)) END,
        10 + floor(${R('x8.id', 22)} * 80)::int, x8.issued_on, x8.office_id
      FROM x8
      CROSS JOIN LATERAL (SELECT CASE WHEN x8.parent_obj IS NOT NULL AND ${R('x8.id', 23)} < 0.6 THEN x8.parent_obj
                                      ELSE 1 + floor(${R('x8.id', 23)} * ${len(TASK_OBJECTS)})::int END AS obj) o
      CROSS JOIN LATERAL (
        SELECT coalesce(x8.fixed_lead_id, (SELECT lp.agency_id FROM demo_gen_pool lp JOIN demo_gen_pool_size s ON s.pool = lp.pool
          WHERE lp.pool = x8.lead_pool AND lp.rn = 1 + floor(${R('x8.id', 24)} * s.n)::int)) AS lead_id) l
      CROSS JOIN LATERAL (
        SELECT array_agg(DISTINCT cp.agency_id) AS ids,
               (array_agg(cp.agency_id ORDER BY i) FILTER (WHERE NOT cp.is_group))[1] AS reporter
        FROM generate_series(1, floor(${R('x8.id', 27)} * (x8.coord_max + 1))::int) i
        JOIN demo_gen_pool_size cs ON cs.pool = x8.coord_pool
        JOIN demo_gen_pool cp ON cp.pool = x8.coord_pool AND cp.rn = 1 + floor(${R('x8.id * 8 + i', 28)} * cs.n)::int
        WHERE cp.agency_id IS DISTINCT FROM l.lead_id) c
      ORDER BY x8.id`,
      [TASK_VERBS, TASK_OBJECTS, TASK_SCOPES, LOCAL_SCOPES],
    );
    await q(
      `
      INSERT INTO tasks (id, directive_id, ref, text, deliverable, note, deadline_kind, deadline_raw, due_date,
        first_due_date, recurrence_period, parent_task_id, created_at, updated_at)
      OVERRIDING SYSTEM VALUE
      SELECT t.id, t.directive_id,
        CASE WHEN t.level = 'central' THEN ${ROMAN}[1 + (t.k - 1) / 8] || '.' || ((t.k - 1) % 8 + 1) ELSE t.k::text END,
        t.text,
        CASE WHEN ${R('t.id', 30)} < 0.7 THEN ($1::text[])[1 + floor(${R('t.id', 31)} * ${len(DELIVERABLES)})::int] END,
        CASE WHEN t.extended THEN 'Hạn được giao: ' || ${dmy('t.first_due')} END,
        t.kind,
        CASE t.kind
          WHEN 'date' THEN CASE
            WHEN t.dv < 35 THEN CASE WHEN ${R('t.id', 32)} < 0.5 THEN 'Trong tháng ' ELSE 'Tháng ' END || to_char(t.first_due, 'FMMM/YYYY')
            WHEN t.dv < 55 THEN 'Quý ' || ${ROMAN}[extract(quarter FROM t.first_due)::int] || '/' || to_char(t.first_due, 'YYYY')
            WHEN t.dv < 80 THEN 'Chậm nhất ngày ' || ${dmy('t.first_due')}
            WHEN t.dv < 95 THEN 'Trước ngày ' || ${dmy('(t.first_due + 1)')}
            WHEN to_char(t.first_due, 'MM-DD') = '12-31' THEN 'Năm ' || to_char(t.first_due, 'YYYY')
            ELSE 'Chậm nhất ngày ' || ${dmy('t.first_due')} END
          WHEN 'recurring' THEN CASE t.period WHEN 'monthly' THEN 'Hằng tháng' ELSE 'Định kỳ hằng quý báo cáo' END ||
            coalesce('; hoàn thành trong tháng ' || to_char(t.first_due, 'FMMM/YYYY'), '')
          WHEN 'continuous' THEN CASE WHEN ${R('t.id', 33)} < 0.5 THEN 'Thường xuyên' ELSE 'Nhiệm vụ thường xuyên' END
          WHEN 'event' THEN CASE WHEN ${R('t.id', 33)} < 0.5 THEN 'Hoàn thành cùng thời điểm Luật Chuyển đổi số có hiệu lực'
                                 ELSE 'Sau khi Nghị định hướng dẫn được ban hành' END
          ELSE '' END,
        t.due, t.first_due, t.period, t.parent_id,
        ((t.issued_on + 1)::timestamp + interval '8 hours') AT TIME ZONE ${VN},
        ((t.issued_on + 1)::timestamp + interval '8 hours') AT TIME ZONE ${VN}
      FROM demo_gen_task t WHERE t.id BETWEEN ${chunk.lo} AND ${chunk.hi}
      ORDER BY t.id`,
      [DELIVERABLES],
    );
    await q(`
      INSERT INTO task_assignments (task_id, agency_id, role, position)
      SELECT t.id, t.lead_id, 'lead', 0 FROM demo_gen_task t WHERE t.id BETWEEN ${chunk.lo} AND ${chunk.hi} AND t.lead_id IS NOT NULL
      UNION ALL
      SELECT t.id, c.agency_id, 'coordinating', c.pos
      FROM demo_gen_task t CROSS JOIN LATERAL unnest(t.coord_ids) WITH ORDINALITY AS c(agency_id, pos)
      WHERE t.id BETWEEN ${chunk.lo} AND ${chunk.hi}`);
    done += chunk.hi - chunk.lo + 1;
    g.log(`  loading ${g.target}… ${fmt(done)}/${fmt(total)} tasks`);
  }
}

/**
 * A province plan names the communes that carry a task out: the People's Committee of each commune
 * whose plan implements a province task coordinates that task, so the commune sees it among its own
 * and its standing office can plan under it.
 */
async function assignCommunesUpward(g: Gen): Promise<void> {
  await g.q(`
    WITH x AS (
      SELECT DISTINCT t.parent_id AS task_id, t.lead_id AS agency_id FROM demo_gen_task t
      WHERE t.level = 'commune' AND t.parent_id IS NOT NULL AND t.lead_id IS NOT NULL
    )
    INSERT INTO task_assignments (task_id, agency_id, role, position)
    SELECT x.task_id, x.agency_id, 'coordinating',
      coalesce(m.position, 0) + row_number() OVER (PARTITION BY x.task_id ORDER BY x.agency_id)
    FROM x LEFT JOIN LATERAL (SELECT max(ta.position) AS position FROM task_assignments ta WHERE ta.task_id = x.task_id) m ON true
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING`);
}

/** Some NQ71 central tasks are the same work as an NQ57 task: linked as twins, reported once. */
async function generateTwins(g: Gen): Promise<void> {
  const { R } = g;
  await g.q(`
    WITH nq57 AS (
      SELECT t.id, row_number() OVER (ORDER BY t.id) AS rn FROM demo_gen_task t JOIN demo_gen_directive d ON d.id = t.directive_id
      WHERE d.level = 'central' AND d.programme = 'NQ57'
    ), n AS (SELECT count(*) AS c FROM nq57)
    INSERT INTO task_twins (task_id, twin_task_id)
    SELECT DISTINCT least(t.id, x.id), greatest(t.id, x.id)
    FROM demo_gen_task t JOIN demo_gen_directive d ON d.id = t.directive_id CROSS JOIN n
    JOIN nq57 x ON x.rn = 1 + floor(${R('t.id', 50)} * n.c)::int
    WHERE d.level = 'central' AND d.programme = 'NQ71' AND ${R('t.id', 51)} < 0.2
    ON CONFLICT DO NOTHING`);
}

/**
 * Reports of each task, oldest first: percent rising, mostly accepted, some returned; the latest may
 * still be a draft or awaiting review. A completed task's last report is its lead body's 100%,
 * accepted on done_on (Vietnamese calendar day). Coordinating bodies report their own part.
 */
async function generateReports(g: Gen): Promise<number> {
  const { R, REF } = g;
  const { NARRATIVES, DIFFICULTIES, RECOMMENDATIONS, ACCEPT_COMMENTS, RETURN_COMMENTS } = words;
  const [total] = await g.tx.query<{ n: number }>(`SELECT coalesce(sum(n_reports), 0)::int AS n FROM demo_gen_task`);
  const [range] = await g.tx.query<{ lo: number; hi: number }>(
    `SELECT min(id) AS lo, max(id) AS hi FROM demo_gen_task`,
  );
  let done = 0;
  const step = g.scale.chunk;
  for (let lo = range?.lo ?? 1; lo <= (range?.hi ?? 0); lo += step) {
    const hi = lo + step - 1;
    await g.q(
      `
      WITH z0 AS MATERIALIZED (
        SELECT t.id AS task_id, t.lead_id, t.coord_reporter, t.office_id, t.fate, t.n_reports AS n, t.target, gs.k,
               t.id * 64 + gs.k AS key, (t.fate IN ('on_time', 'late') AND gs.k = t.n_reports) AS final,
               t.issued_on + 5 AS s, coalesce(t.done_on, ${REF} - 1) AS e,
               greatest(coalesce(t.done_on, ${REF} - 1) - t.issued_on - 5, 1)::float8 / t.n_reports AS gap
        FROM demo_gen_task t CROSS JOIN LATERAL generate_series(1, t.n_reports) AS gs(k)
        WHERE t.id BETWEEN ${lo} AND ${hi}
      ), z1 AS MATERIALIZED (
        SELECT z0.*,
          (NOT z0.final AND z0.coord_reporter IS NOT NULL AND ${R('z0.key', 40)} < 0.2) AS by_coordinator,
          CASE WHEN z0.final THEN 100
               WHEN z0.fate IN ('on_time', 'late') THEN floor(95.0 * z0.k / z0.n)::int
               WHEN z0.fate = 'open' THEN greatest(5, round(z0.target * z0.k::numeric / z0.n))::int
               ELSE floor(${R('z0.key', 41)} * 10)::int END AS percent,
          CASE WHEN z0.final THEN 'accepted'
               WHEN z0.fate = 'idle' THEN CASE WHEN ${R('z0.key', 42)} < 0.5 THEN 'draft' WHEN ${R('z0.key', 42)} < 0.85 THEN 'submitted' ELSE 'returned' END
               WHEN z0.k < z0.n THEN CASE WHEN ${R('z0.key', 42)} < 0.86 THEN 'accepted' ELSE 'returned' END
               ELSE CASE WHEN ${R('z0.key', 42)} < 0.4 THEN 'accepted' WHEN ${R('z0.key', 42)} < 0.75 THEN 'submitted'
                         WHEN ${R('z0.key', 42)} < 0.9 THEN 'draft' ELSE 'returned' END END AS state,
          ((z0.e)::timestamp + interval '8 hours' + ${R('z0.key', 43)} * interval '8 hours') AT TIME ZONE ${VN} AS final_review
        FROM z0
      ), z2 AS MATERIALIZED (
        SELECT z1.*,
          CASE WHEN z1.final THEN z1.final_review - interval '1 hour' - least(z1.gap * 0.4, 3) * ${R('z1.key', 44)} * interval '1 day'
               ELSE ((z1.s + floor(z1.gap * (z1.k - 0.9 + 0.5 * ${R('z1.key', 44)}))::int)::timestamp
                     + interval '8 hours' + ${R('z1.key', 45)} * interval '9 hours') AT TIME ZONE ${VN} END AS submitted
        FROM z1
      ), z3 AS MATERIALIZED (
        SELECT z2.*,
          CASE WHEN z2.final THEN z2.final_review
               ELSE z2.submitted + interval '1 hour' + ${R('z2.key', 46)} * z2.gap * 0.4 * interval '1 day' END AS reviewed,
          CASE WHEN z2.by_coordinator THEN z2.coord_reporter ELSE z2.lead_id END AS agency_id
        FROM z2
      )
      INSERT INTO progress_reports (task_id, agency_id, agency_role, author_id, percent, narrative, difficulties,
        recommendations, state, submitted_at, reviewed_by, reviewed_at, review_comment, created_at, updated_at)
      SELECT z3.task_id, z3.agency_id, CASE WHEN z3.by_coordinator THEN 'coordinating' ELSE 'lead' END, f.user_id, z3.percent,
        CASE WHEN z3.percent = 100 THEN 'Đã hoàn thành nhiệm vụ; sản phẩm đầu ra đã được cấp có thẩm quyền phê duyệt.'
             ELSE ($1::text[])[1 + floor(${R('z3.key', 47)} * ${len(NARRATIVES)})::int] || ' Tiến độ đạt ' || z3.percent || '%.' END,
        ($2::text[])[1 + floor(${R('z3.key', 48)} * ${len(DIFFICULTIES)})::int],
        ($3::text[])[1 + floor(${R('z3.key', 49)} * ${len(RECOMMENDATIONS)})::int],
        z3.state,
        CASE WHEN z3.state <> 'draft' THEN z3.submitted END,
        CASE WHEN z3.state IN ('accepted', 'returned') THEN z3.office_id END,
        CASE WHEN z3.state IN ('accepted', 'returned') THEN z3.reviewed END,
        CASE WHEN z3.state = 'accepted' THEN ($4::text[])[1 + floor(${R('z3.key', 52)} * ${len(ACCEPT_COMMENTS)})::int]
             WHEN z3.state = 'returned' THEN ($5::text[])[1 + floor(${R('z3.key', 52)} * ${len(RETURN_COMMENTS)})::int] END,
        z3.submitted - interval '2 hours',
        CASE WHEN z3.state IN ('accepted', 'returned') THEN z3.reviewed WHEN z3.state = 'draft' THEN z3.submitted - interval '2 hours'
             ELSE z3.submitted END
      FROM z3 JOIN demo_gen_focal f ON f.agency_id = z3.agency_id
      ORDER BY z3.task_id, z3.k`,
      [NARRATIVES, DIFFICULTIES, RECOMMENDATIONS, ACCEPT_COMMENTS, RETURN_COMMENTS],
    );
    const [chunkCount] = await g.tx.query<{ n: number }>(
      `SELECT coalesce(sum(n_reports), 0)::int AS n FROM demo_gen_task WHERE id BETWEEN ${lo} AND ${hi}`,
    );
    done += chunkCount?.n ?? 0;
    g.log(`  loading ${g.target}… ${fmt(done)}/${fmt(total?.n ?? 0)} reports`);
  }
  const [inserted] = await g.tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM progress_reports WHERE id > ${g.base.report}`,
  );
  return inserted?.n ?? 0;
}

/**
 * completed_on, progress_percent and last_accepted_report_at from the latest accepted lead report,
 * as accepting it through the API sets them: completed (on its review day in Vietnam) only when it
 * says 100%.
 */
async function deriveTaskProgress(g: Gen): Promise<void> {
  const [range] = await g.tx.query<{ lo: number; hi: number }>(
    `SELECT min(id) AS lo, max(id) AS hi FROM demo_gen_task`,
  );
  for (let lo = range?.lo ?? 1; lo <= (range?.hi ?? 0); lo += g.scale.chunk * 2) {
    const hi = lo + g.scale.chunk * 2 - 1;
    await g.q(`
      UPDATE tasks t SET progress_percent = x.percent, last_accepted_report_at = x.reviewed_at,
        completed_on = CASE WHEN x.percent = 100 THEN (x.reviewed_at AT TIME ZONE ${VN})::date END,
        updated_at = x.reviewed_at
      FROM (
        SELECT DISTINCT ON (r.task_id) r.task_id, r.percent, r.reviewed_at
        FROM progress_reports r
        JOIN task_assignments ta ON ta.task_id = r.task_id AND ta.agency_id = r.agency_id AND ta.role = 'lead'
        WHERE r.state = 'accepted' AND r.task_id BETWEEN ${lo} AND ${hi}
        ORDER BY r.task_id, r.reviewed_at DESC, r.id DESC
      ) x
      WHERE t.id = x.task_id`);
  }
  g.log(`  loading ${g.target}… task progress derived from accepted reports`);
}

const CONTENT_TYPES = `CASE split_part(f.name, '.', 2)
  WHEN 'pdf' THEN 'application/pdf'
  WHEN 'docx' THEN 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  WHEN 'xlsx' THEN 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  ELSE 'image/jpeg' END`;

/**
 * Evidence metadata: a file row (plausible name, size, sha256) for every completion report and a
 * share of the others, and official links for some. No bytes are stored: the demo reads metadata only.
 */
async function generateEvidence(g: Gen): Promise<number> {
  const { R } = g;
  const { EVIDENCE_FILES } = words;
  await g.q(
    `
    INSERT INTO stored_files (storage_key, filename, content_type, size_bytes, sha256, uploaded_by, created_at)
    SELECT 'demo/' || r.id || '/' || f.name, f.name, ${CONTENT_TYPES},
      20000 + floor(${R('r.id', 60)} * 3000000)::bigint,
      encode(sha256(convert_to('demo/' || r.id || '/' || f.name, 'UTF8')), 'hex'),
      r.author_id, r.submitted_at - interval '1 hour'
    FROM progress_reports r
    CROSS JOIN LATERAL (SELECT ($1::text[])[CASE WHEN r.percent = 100 THEN 1
      ELSE 1 + floor(${R('r.id', 61)} * ${len(EVIDENCE_FILES)})::int END] AS name) f
    WHERE r.id > ${g.base.report} AND r.state IN ('submitted', 'accepted')
      AND (r.percent = 100 OR ${R('r.id', 62)} < ${g.scale.evidenceShare})
    ORDER BY r.id`,
    [EVIDENCE_FILES],
  );
  await g.q(`
    INSERT INTO evidence (report_id, kind, file_id, title, created_at)
    SELECT split_part(f.storage_key, '/', 2)::bigint, 'file', f.id, f.filename, f.created_at
    FROM stored_files f WHERE f.id > ${g.base.file} AND f.storage_key LIKE 'demo/%'
    ORDER BY f.id`);
  await g.q(`
    INSERT INTO evidence (report_id, kind, url, title, created_at)
    SELECT r.id, 'link', 'https://vanban.chinhphu.vn/?docid=' || (200000 + r.id), 'Văn bản trên Cổng thông tin điện tử Chính phủ',
      r.submitted_at - interval '1 hour'
    FROM progress_reports r
    WHERE r.id > ${g.base.report} AND r.state = 'accepted' AND ${R('r.id', 63)} < 0.08
    ORDER BY r.id`);
  const [count] = await g.tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM evidence e WHERE e.report_id > ${g.base.report}`,
  );
  g.log(`  loading ${g.target}… ${fmt(count?.n ?? 0)} evidence items`);
  return count?.n ?? 0;
}

/**
 * Deadline extensions: accepted ones (the task's first_due_date is kept, due_date moved), some
 * rejected earlier, and pending requests on overdue work.
 */
async function generateExtensions(g: Gen): Promise<void> {
  const { R, REF } = g;
  const r = (key: string, purpose: number) => sql.raw(R(key, purpose));
  const [ref, vn] = [sql.raw(REF), sql.raw(VN)];
  await g.tx.query(
    sql`
    INSERT INTO deadline_extensions (task_id, agency_id, requested_by, current_due, requested_due, reason, state,
      decided_by, decided_at, decision_comment, created_at)
    SELECT y.id, y.lead_id, f.user_id, y.current_due, y.requested_due,
      (${words.EXTENSION_REASONS}::text[])[1 + floor(${r('y.id', 70)} * 4)::int], y.state,
      CASE WHEN y.state <> 'pending' THEN y.office_id END, y.decided_at,
      CASE y.state WHEN 'accepted' THEN 'Đồng ý gia hạn.' WHEN 'rejected' THEN 'Không đồng ý gia hạn; đề nghị tập trung hoàn thành.' END,
      y.requested_at
    FROM (
      SELECT t.id, t.lead_id, t.office_id, 'accepted' AS state, t.first_due AS current_due, t.due AS requested_due,
        ((t.first_due - floor(${r('t.id', 71)} * 10)::int)::timestamp + interval '10 hours') AT TIME ZONE ${vn} AS decided_at,
        ((t.first_due - 3 - floor(${r('t.id', 71)} * 10)::int)::timestamp + interval '9 hours') AT TIME ZONE ${vn} AS requested_at
      FROM demo_gen_task t WHERE t.extended
      UNION ALL
      SELECT t.id, t.lead_id, t.office_id, 'rejected', t.due, t.due + 60,
        ((t.due - 3)::timestamp + interval '10 hours') AT TIME ZONE ${vn},
        ((t.due - 10)::timestamp + interval '9 hours') AT TIME ZONE ${vn}
      FROM demo_gen_task t
      WHERE NOT t.extended AND t.fate IN ('open', 'late') AND t.due < ${ref} - 30 AND t.due - 15 > t.issued_on
        AND ${r('t.id', 72)} < 0.04
      UNION ALL
      SELECT t.id, t.lead_id, t.office_id, 'pending', t.due, ${ref} + 30 + floor(${r('t.id', 73)} * 90)::int, NULL,
        ((${ref} - 1 - floor(${r('t.id', 74)} * 10)::int)::timestamp + interval '9 hours') AT TIME ZONE ${vn}
      -- open work overdue on the reference day, as the app judges it
      FROM demo_gen_task t JOIN tasks task ON task.id = t.id
      WHERE t.fate = 'open' AND ${timelinessSql('task', g.ref)} = 'in_progress_overdue' AND ${r('t.id', 75)} < 0.12
    ) y JOIN demo_gen_focal f ON f.agency_id = y.lead_id
    ORDER BY y.requested_at, y.id`,
  );
}

/**
 * History rows for the main changes, at the moments they happened and by whom, each the row the app
 * writes for that change: the same action, the same before/after fields and reason (demo.test.ts
 * compares them with rows the API writes). Left out: each task's 'created' row; at national scale
 * (reportEvents off) also the reports' own rows, their evidence's and the task's 'progress' between them.
 */
async function generateHistory(g: Gen): Promise<void> {
  const { base } = g;
  // Directives: the office's draft (directive.service createDirective), then its publication, which
  // notified the bodies on its tasks (the same bodies the app notifies: bodiesToNotify).
  await g.tx.query(sql`
    CREATE TEMP TABLE demo_gen_notified ON COMMIT DROP AS
    SELECT directive_id, count(DISTINCT agency_id)::int AS bodies
    FROM (${bodiesToNotify(sql`SELECT id FROM demo_gen_directive WHERE status = 'published'`)}) b
    WHERE agency_id IS NOT NULL GROUP BY directive_id`);
  await g.q(
    recordHistory(`
    SELECT ((d.issued_on + 1)::timestamp + interval '8 hours') AT TIME ZONE ${VN}, d.office_id,
           ${about('directive', 'd.id', 'created')}, NULL::jsonb,
           jsonb_build_object('number', d.number, 'docType', d.doc_type, 'issuedOn', d.issued_on,
             'issuerAgencyId', d.issuer_id, 'issuerName', d.issuer_name, 'level', d.level, 'title', d.title,
             'programmeCode', d.programme, 'scopeAgencyId', d.scope_id, 'status', 'draft',
             'implements', to_jsonb(array_remove(ARRAY[d.implements_number], NULL)), 'version', 1), NULL::text
    FROM demo_gen_directive d
    UNION ALL
    SELECT ((d.issued_on + 2)::timestamp + interval '9 hours') AT TIME ZONE ${VN}, d.office_id,
           ${about('directive', 'd.id', 'published')}, jsonb_build_object('status', 'draft', 'version', 1),
           jsonb_build_object('status', 'published', 'version', 2, 'notifiedBodies', coalesce(n.bodies, 0)), NULL
    FROM demo_gen_directive d LEFT JOIN demo_gen_notified n ON n.directive_id = d.id
    WHERE d.status = 'published'`),
  );
  // Twin tasks, linked by the office of the later directive once both were published (task.service linkTwins).
  await g.q(
    recordHistory(`
    SELECT o.at, o.office_id, ${about('task', 'pair.task_id', 'twin_linked')}, NULL::jsonb,
           jsonb_build_object('twinTaskId', pair.twin_id), NULL::text
    FROM task_twins tw
    CROSS JOIN LATERAL (
      SELECT d.office_id, ((d.issued_on + 3)::timestamp + interval '10 hours') AT TIME ZONE ${VN} AS at
      FROM demo_gen_task t JOIN demo_gen_directive d ON d.id = t.directive_id
      WHERE t.id IN (tw.task_id, tw.twin_task_id) ORDER BY d.issued_on DESC, d.id DESC LIMIT 1) o
    CROSS JOIN LATERAL (VALUES (tw.task_id, tw.twin_task_id), (tw.twin_task_id, tw.task_id)) AS pair(task_id, twin_id)
    WHERE tw.task_id > ${base.task}`),
  );
  // Deadline extensions (extension.service): the request, the decision and, when accepted, the task's
  // new due date (its first one kept).
  await g.q(
    recordHistory(`
    SELECT e.created_at, e.requested_by, ${about('deadline_extension', 'e.id', 'request')}, NULL::jsonb,
           jsonb_build_object('taskId', e.task_id, 'currentDue', e.current_due, 'requestedDue', e.requested_due), e.reason
    FROM deadline_extensions e JOIN demo_gen_task t ON t.id = e.task_id
    UNION ALL
    SELECT e.decided_at, e.decided_by,
           ${about('deadline_extension', 'e.id', { when: `e.state = 'accepted'`, action: 'accept', otherwise: 'reject' })},
           jsonb_build_object('state', 'pending'),
           jsonb_build_object('state', e.state, 'currentDue', e.current_due, 'requestedDue', e.requested_due),
           e.decision_comment
    FROM deadline_extensions e JOIN demo_gen_task t ON t.id = e.task_id WHERE e.state <> 'pending'
    UNION ALL
    SELECT e.decided_at, e.decided_by, ${about('task', 'e.task_id', 'extend_deadline')},
           jsonb_build_object('dueDate', e.current_due, 'firstDueDate', task.first_due_date),
           jsonb_build_object('dueDate', e.requested_due, 'firstDueDate', task.first_due_date),
           'deadline_extension:' || e.id
    FROM deadline_extensions e JOIN demo_gen_task t ON t.id = e.task_id JOIN tasks task ON task.id = e.task_id
    WHERE e.state = 'accepted'`),
  );
  // Each accepted lead report moves the task (report.service applyToTask): its progress, and on 100%
  // its completion on the Vietnamese day of the review.
  await g.q(
    recordHistory(`
    SELECT x.reviewed_at, x.reviewed_by,
           ${about('task', 'x.task_id', { when: 'x.done_before IS NULL AND x.done_after IS NOT NULL', action: 'complete', otherwise: 'progress' })},
           jsonb_build_object('progressPercent', x.percent_before, 'completedOn', x.done_before,
             'lastAcceptedReportAt', ${jsonInstant('x.accepted_before')}),
           jsonb_build_object('progressPercent', x.percent, 'completedOn', x.done_after,
             'lastAcceptedReportAt', ${jsonInstant('x.reviewed_at')}),
           'progress_report:' || x.id
    FROM (
      SELECT y.*, lag(y.percent, 1, 0) OVER w AS percent_before, lag(y.done_after) OVER w AS done_before,
             lag(y.reviewed_at) OVER w AS accepted_before
      FROM (
        SELECT r.id, r.task_id, r.percent, r.reviewed_at, r.reviewed_by,
               CASE WHEN r.percent = 100 THEN (r.reviewed_at AT TIME ZONE ${VN})::date END AS done_after
        FROM progress_reports r
        JOIN task_assignments ta ON ta.task_id = r.task_id AND ta.agency_id = r.agency_id AND ta.role = 'lead'
        WHERE r.id > ${base.report} AND r.state = 'accepted') y
      WINDOW w AS (PARTITION BY y.task_id ORDER BY y.reviewed_at, y.id)
    ) x
    WHERE ${g.reportEvents} OR (x.done_before IS NULL AND x.done_after IS NOT NULL)`),
  );
  if (!g.reportEvents) return;
  // Reports (create_progress_report, report.service): written as a draft, evidence added, submitted,
  // then accepted or returned.
  await g.q(
    recordHistory(`
    SELECT r.created_at, r.author_id, ${about('progress_report', 'r.id', 'create')}, NULL::jsonb,
           jsonb_build_object('taskId', r.task_id, 'agencyId', r.agency_id, 'percent', r.percent, 'links', 0,
             'agencyRole', r.agency_role, 'state', 'draft'), NULL::text
    FROM progress_reports r WHERE r.id > ${base.report}
    UNION ALL
    SELECT ev.created_at, r.author_id, ${about('progress_report', 'r.id', 'add_evidence')}, NULL,
           CASE ev.kind
             WHEN 'file' THEN jsonb_build_object('files', jsonb_build_array(jsonb_build_object('evidenceId', ev.id,
               'filename', f.filename, 'sha256', f.sha256, 'size', f.size_bytes)))
             ELSE jsonb_build_object('links', jsonb_build_array(jsonb_build_object('evidenceId', ev.id,
               'url', ev.url, 'title', ev.title))) END, NULL
    FROM evidence ev JOIN progress_reports r ON r.id = ev.report_id LEFT JOIN stored_files f ON f.id = ev.file_id
    WHERE ev.report_id > ${base.report}
    UNION ALL
    SELECT r.submitted_at, r.author_id, ${about('progress_report', 'r.id', 'submit')},
           jsonb_build_object('state', 'draft'), jsonb_build_object('state', 'submitted'), NULL
    FROM progress_reports r WHERE r.id > ${base.report} AND r.submitted_at IS NOT NULL
    UNION ALL
    SELECT r.reviewed_at, r.reviewed_by,
           ${about('progress_report', 'r.id', { when: `r.state = 'accepted'`, action: 'accept', otherwise: 'return' })},
           jsonb_build_object('state', 'submitted'), jsonb_build_object('state', r.state, 'comment', r.review_comment),
           r.review_comment
    FROM progress_reports r WHERE r.id > ${base.report} AND r.reviewed_at IS NOT NULL`),
  );
}
