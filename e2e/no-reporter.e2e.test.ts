import { type APIRequestContext, type Browser, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  baseUrl,
  DEMO_PASSWORD,
  launchBrowser,
  newUserPage,
  saveScreenshot,
  screenshotOnFailure,
  signIn,
} from './browser.ts';

interface TaskListJson {
  items: {
    id: number;
    text: string;
    directive: { id: number; number: string | null };
    deadline: { due: string | null };
  }[];
}

/** An API client signed in as `username`: the session cookie, and the session's CSRF token on every write. */
async function signedInApi(username: string): Promise<APIRequestContext> {
  const login = await request.newContext({ baseURL: baseUrl() });
  const response = await login.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const storageState = await login.storageState();
  await login.dispose();
  return request.newContext({ baseURL: baseUrl(), storageState, extraHTTPHeaders: { 'x-csrf-token': csrfToken } });
}

// A task given to a body nobody can report for never reaches anyone's "Việc của tôi": the office is
// warned when it picks the body, and the dashboard counts the task as "no one to report" until an
// account of the body can report.
describe('a task given to a body with no account to report', () => {
  let browser: Browser;
  let admin: APIRequestContext;
  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await signedInApi('admin');
  });
  afterAll(async () => {
    await admin?.dispose();
    await browser?.close();
  });

  it('warns the office in the plan builder, and shows on the dashboard until someone can report', async () => {
    const { page } = await newUserPage(browser, { width: 1366, height: 1000 });
    screenshotOnFailure(() => ({ 'no-reporter': page }));
    await signIn(page, accounts.communeOffice);
    const me = (await (await page.request.get('/api/auth/me')).json()) as {
      user: { scopeAgency: { id: number; name: string } };
    };
    const commune = me.user.scopeAgency;

    // A new body of the commune, with no account yet (a run against the same server makes another).
    const bodyName = `Tổ công nghệ số cộng đồng ${Date.now() % 100000}`;
    const created = await admin.post('/api/agencies', {
      data: { name: bodyName, level: 'commune', kind: 'state', parentId: commune.id },
    });
    expect(created.status(), await created.text()).toBe(201);
    const body = (await created.json()) as { id: number };

    // A provincial task concerning the commune, to plan under.
    const list = (await (
      await page.request.get(
        `/api/tasks?agencyId=${commune.id}&subtree=true&level=province&status=published&timeliness=not_started,in_progress_on_time&limit=50`,
      )
    ).json()) as TaskListJson;
    const higher = list.items.find((t) => t.directive.number !== null);
    if (!higher) throw new Error('the demo data has no provincial task for the commune');

    const dashboardCount = async () => {
      await page.goto('/dashboard');
      const figure = page.getByTestId('no-reporter');
      await figure.waitFor();
      return Number((await figure.getByRole('link').textContent())?.replace(/\D/g, '') ?? 'NaN');
    };
    const before = await dashboardCount();

    await page.goto(`/plans/new?directiveId=${higher.directive.id}`);
    const card = page.locator(`[data-testid="higher-task"][data-task-id="${higher.id}"]`);
    await card.waitFor();
    await card.getByRole('checkbox').check();
    const lowerText = `Phổ cập kỹ năng số cho người dân (${bodyName})`;
    await card.getByLabel('Nội dung nhiệm vụ trong kế hoạch').fill(lowerText);
    const lead = card.getByRole('textbox', { name: 'Cơ quan chủ trì' });
    await lead.click();
    await lead.fill(bodyName);
    await page.getByRole('option', { name: bodyName, exact: true }).click();
    const warning = card.getByTestId('no-reporter-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain(bodyName);
    await saveScreenshot(page, '10c-plan-no-reporter-1366');
    await page.setViewportSize({ width: 390, height: 900 });
    await warning.scrollIntoViewIfNeeded();
    await saveScreenshot(page, '10c-plan-no-reporter-390');
    await page.setViewportSize({ width: 1366, height: 1000 });

    // Warned, not refused: the plan is published.
    const planNumber = `${Date.now() % 1000}/KH-TCN`;
    await page.getByRole('textbox', { name: 'Số hiệu' }).fill(planNumber);
    await page.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
    await page.getByTestId('directive-status').getByText('Đã ban hành').waitFor({ timeout: 60_000 });

    // The dashboard counts it, and its figure lists it.
    expect(await dashboardCount()).toBe(before + 1);
    await saveScreenshot(page, '10c-dashboard-no-reporter-1366');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.getByTestId('no-reporter').scrollIntoViewIfNeeded();
    await saveScreenshot(page, '10c-dashboard-no-reporter-390');
    await page.setViewportSize({ width: 1366, height: 1000 });
    await page.getByTestId('no-reporter').getByRole('link').click();
    await page.waitForURL(/noReporter=true/);
    await page.getByText(lowerText).first().waitFor();

    // Once the body has a focal point, someone can report: the task leaves the figure.
    const focal = await admin.post('/api/users', {
      data: {
        username: `daumoi.tcn${Date.now() % 100000}`,
        fullName: 'Nguyễn Thị Lan',
        password: DEMO_PASSWORD,
        agencyId: body.id,
        role: 'focal',
      },
    });
    expect(focal.status(), await focal.text()).toBe(201);
    expect(await dashboardCount()).toBe(before);
  });
});
