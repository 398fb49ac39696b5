import { z } from 'zod';
import { type Actor, requireRole, type UserActor } from '../auth/actor.ts';
import { isLive } from '../auth/scope.ts';
import { getDashboard, scopeCondition } from '../dashboard/dashboard.service.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { AppError, CommonErrors } from '../errors/app-error.ts';
import { attachmentDisposition } from '../evidence/evidence-types.ts';
import { defineJob, enqueueJob } from '../jobs/job.service.ts';
import type { Storage } from '../storage/storage.ts';
import { daysOverdueSql, staleSql, timelinessSql } from '../tasks/task.standing.ts';
import type { BodyConcerns, ReportContent, ReportTask } from './periodic-report.content.ts';
import { writePeriodicReportDocx } from './periodic-report.docx.ts';
import type { RequestPeriodicReportBody } from './periodic-report.schemas.ts';
import { writePeriodicReportXlsx } from './periodic-report.xlsx.ts';

// Periodic reports (báo cáo định kỳ): an office asks for a period and a scope; a background job freezes
// the figures as the dashboard counts them on the period's last day (getDashboard: the same figures, the
// same visibility) with the task-level detail, and writes the .docx (administrative format) and .xlsx.
// Both are kept in the storage and the figures in the row, so a report downloads again unchanged.

const ActorPayload = z.object({
  kind: z.literal('user'),
  userId: z.number(),
  role: z.enum(['admin', 'office', 'focal', 'head', 'inspector']),
  agencyId: z.number(),
  agencyPath: z.string(),
  scopeAgencyId: z.number().nullable(),
  scopePath: z.string().nullable(),
});

/** POST /api/periodic-reports: an office (or an administrator) asks; the job does the work. */
export async function requestPeriodicReport(
  db: Db,
  actor: Actor,
  input: RequestPeriodicReportBody,
): Promise<{ id: number; jobId: number }> {
  const user = requireRole(actor, ['admin', 'office'], 'periodic_report.request');
  if (user.kind !== 'user') throw CommonErrors.forbidden('periodic_report.request');
  const agencyId = input.agencyId ?? user.scopeAgencyId;
  // The scope must be one the office may see: the dashboard's own check (404 for another province's body).
  await getDashboard(db, user, dashboardQuery(agencyId, input.to));
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(sql`
      INSERT INTO periodic_reports (scope_agency_id, period_from, period_to, created_by)
      VALUES (${agencyId}, ${input.from}, ${input.to}, ${user.userId}) RETURNING id`);
    const job = await enqueueJob(tx, user, periodicReportJob, { reportId: row!.id, actor: user });
    await tx.query(sql`UPDATE periodic_reports SET job_id = ${job.id} WHERE id = ${row!.id}`);
    return { id: row!.id, jobId: job.id };
  });
}

/** The ISO day before `day`. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function dashboardQuery(agencyId: number | null, asOf: string) {
  return {
    scope: agencyId === null ? ('nation' as const) : ('agency' as const),
    agencyId: agencyId ?? undefined,
    asOf,
    dueSoonDays: 7,
    byAgencyLimit: 1000,
  };
}

/** Makes one report's files; run again after a crash, it writes them afresh. */
export const periodicReportJob = defineJob({
  kind: 'periodic_report.make',
  payload: z.object({ reportId: z.number().int(), actor: ActorPayload }),
  maxAttempts: 3,
  async run(ctx, payload) {
    const [report] = await ctx.db.query<{ scope_agency_id: number | null; period_from: string; period_to: string }>(
      sql`SELECT scope_agency_id, period_from, period_to FROM periodic_reports WHERE id = ${payload.reportId}`,
    );
    if (!report) return { missing: true };
    await ctx.progress(10, 'Đang tổng hợp số liệu');
    const content = await gatherContent(
      ctx.db,
      payload.actor,
      report.scope_agency_id,
      report.period_from,
      report.period_to,
    );
    await ctx.progress(50, 'Đang viết báo cáo');
    const stem = `bao-cao-${report.period_from}-${report.period_to}`;
    const docx = await ctx.storage.put(await writePeriodicReportDocx(content), { filename: `${stem}.docx` });
    const xlsx = await ctx.storage.put(await writePeriodicReportXlsx(content), { filename: `${stem}.xlsx` });
    const figures = { ...content.dashboard.figures, completedInPeriod: content.completedInPeriod };
    await ctx.db.query(sql`
      UPDATE periodic_reports SET state = 'done', figures = ${JSON.stringify(figures)}::jsonb,
        docx_key = ${docx.key}, xlsx_key = ${xlsx.key}, finished_at = now()
      WHERE id = ${payload.reportId}`);
    return { reportId: payload.reportId };
  },
});

async function gatherContent(
  db: Db,
  actor: UserActor,
  agencyId: number | null,
  from: string,
  to: string,
): Promise<ReportContent> {
  const dashboard = await getDashboard(db, actor, dashboardQuery(agencyId, to));
  const before = await getDashboard(db, actor, dashboardQuery(agencyId, dayBefore(from)));
  const tasks = await db.query<ReportTask>(sql`
    SELECT t.ref, t.text, d.number AS "directiveNumber", t.due_date AS "dueDate", t.completed_on AS "completedOn",
           ${timelinessSql('t', to)} AS state, ${daysOverdueSql('t', to)} AS "daysOverdue",
           ${staleSql(to, dashboard.staleAfterDays)} AS stale,
           (t.last_accepted_report_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "lastReportOn",
           coalesce((SELECT string_agg(a.name, ', ' ORDER BY a.name) FROM agencies a WHERE a.id = ANY(t.lead_agency_ids)), '')
             AS "leadBodies"
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE ${isLive('d')} AND ${scopeCondition(actor, dashboard.scope)}
    ORDER BY "leadBodies", d.number, t.ref`);
  // Difficulties and recommendations of the reports accepted in the period, by the body that wrote them.
  const concerns = await db.query<BodyConcerns>(sql`
    SELECT a.name AS body,
           coalesce(array_agg(DISTINCT btrim(r.difficulties)) FILTER (WHERE btrim(r.difficulties) <> ''), '{}') AS difficulties,
           coalesce(array_agg(DISTINCT btrim(r.recommendations)) FILTER (WHERE btrim(r.recommendations) <> ''), '{}')
             AS recommendations
    FROM progress_reports r
    JOIN tasks t ON t.id = r.task_id JOIN directives d ON d.id = t.directive_id JOIN agencies a ON a.id = r.agency_id
    WHERE r.state = 'accepted'
      AND (r.reviewed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN ${from}::date AND ${to}::date
      AND (btrim(r.difficulties) <> '' OR btrim(r.recommendations) <> '')
      AND ${isLive('d')} AND ${scopeCondition(actor, dashboard.scope)}
    GROUP BY a.name ORDER BY a.name`);
  // The issuing body is the office's own; its place is its province (a central body writes Hà Nội).
  const [issuer] = await db.query<{ name: string; kind: string; place: string | null }>(sql`
    SELECT a.name, a.kind,
           (SELECT regexp_replace(p.name, '^(Thành phố|Tỉnh) ', '') FROM agencies p
            WHERE p.path @> a.path AND p.level = 'province' LIMIT 1) AS place
    FROM agencies a WHERE a.id = ${actor.agencyId}`);
  return {
    from,
    to,
    issuer: { name: issuer?.name ?? '', kind: issuer?.kind ?? 'state', place: issuer?.place ?? 'Hà Nội' },
    scopeName: dashboard.scope.agency?.name ?? 'Toàn quốc',
    dashboard,
    before,
    tasks,
    concerns,
    completedInPeriod: tasks.filter((t) => t.completedOn !== null && t.completedOn >= from && t.completedOn <= to)
      .length,
  };
}

/** A made report's file, for whoever asked for it (or an administrator); anyone else finds nothing. */
export async function downloadPeriodicReport(
  db: Db,
  storage: Storage,
  actor: Actor,
  id: number,
  format: 'docx' | 'xlsx',
): Promise<{ bytes: Uint8Array; contentType: string; disposition: string }> {
  const user = requireRole(actor, ['admin', 'office'], 'periodic_report.read');
  const [row] = await db.query<{
    state: string;
    created_by: number | null;
    docx_key: string | null;
    xlsx_key: string | null;
    period_from: string;
    period_to: string;
  }>(sql`SELECT state, created_by, docx_key, xlsx_key, period_from, period_to FROM periodic_reports WHERE id = ${id}`);
  if (!row || (user.kind === 'user' && user.role !== 'admin' && row.created_by !== user.userId)) {
    throw CommonErrors.notFound('periodic_report', id);
  }
  const key = format === 'docx' ? row.docx_key : row.xlsx_key;
  if (row.state !== 'done' || !key) throw new AppError('PERIODIC_REPORT_NOT_READY', { status: 409, params: { id } });
  return {
    bytes: await storage.get(key),
    contentType:
      format === 'docx'
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: attachmentDisposition(`bao-cao-dinh-ky-${row.period_from}-${row.period_to}.${format}`),
  };
}
