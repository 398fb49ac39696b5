import type { FastifyInstance } from 'fastify';
import { accountsRoutes } from '../accounts/account.routes.ts';
import { accountImportRoutes } from '../accounts/account-import.routes.ts';
import { agenciesRoutes } from '../agencies/agency.routes.ts';
import { auditRoutes } from '../audit/audit.routes.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { calendarRoutes } from '../calendar/calendar.routes.ts';
import { dashboardRoutes } from '../dashboard/dashboard.routes.ts';
import { directivesRoutes } from '../directives/directive.routes.ts';
import { evidenceRoutes } from '../evidence/evidence.routes.ts';
import { extensionsRoutes } from '../extensions/extension.routes.ts';
import { feedbackPagesRoutes } from '../feedback/feedback.pages.ts';
import { feedbackRoutes } from '../feedback/feedback.routes.ts';
import { importsRoutes } from '../imports/import.routes.ts';
import { jobsRoutes } from '../jobs/job.routes.ts';
import { mailRoutes } from '../mail/mail.routes.ts';
import { notificationsRoutes } from '../notifications/notification.routes.ts';
import { openDataRoutes } from '../opendata/opendata.routes.ts';
import { periodicReportsRoutes } from '../periodic-reports/periodic-report.routes.ts';
import { plansRoutes } from '../plans/plan.routes.ts';
import { publicRoutes } from '../public/public.routes.ts';
import { reportsRoutes } from '../reports/report.routes.ts';
import { satisfactionRoutes } from '../satisfaction/satisfaction.routes.ts';
import { scoresRoutes } from '../scores/score.routes.ts';
import { secondFactorRoutes } from '../second-factor/second-factor.routes.ts';
import { sessionRoutes } from '../sessions/session.routes.ts';
import { signInRoutes } from '../sign-in/sign-in.routes.ts';
import { ssoRoutes } from '../sso/sso.routes.ts';
import { tasksRoutes } from '../tasks/task.routes.ts';

/** Every concept's routes, in one list so the API's surface is visible at a glance. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }));
  await app.register(authRoutes);
  await app.register(signInRoutes);
  await app.register(sessionRoutes);
  await app.register(secondFactorRoutes);
  await app.register(ssoRoutes);
  await app.register(agenciesRoutes);
  await app.register(accountsRoutes);
  await app.register(accountImportRoutes);
  await app.register(auditRoutes);
  await app.register(directivesRoutes);
  await app.register(tasksRoutes);
  await app.register(plansRoutes);
  await app.register(reportsRoutes);
  await app.register(evidenceRoutes);
  await app.register(extensionsRoutes);
  await app.register(dashboardRoutes);
  await app.register(scoresRoutes);
  await app.register(jobsRoutes);
  await app.register(importsRoutes);
  await app.register(notificationsRoutes);
  await app.register(calendarRoutes);
  await app.register(mailRoutes);
  await app.register(periodicReportsRoutes);
  await app.register(feedbackRoutes);
  await app.register(satisfactionRoutes);
  // The public site's pages (HTML, no sign-in), beside the API it reads through the same services.
  await app.register(publicRoutes);
  // Its open data: downloads, the paging API and the feed.
  await app.register(openDataRoutes);
  await app.register(feedbackPagesRoutes);
}
