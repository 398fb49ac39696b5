import { type Browser, type Page, request } from 'playwright-core';
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

interface MeJson {
  user: { scopeAgency: { id: number; name: string } | null };
}
interface TaskListJson {
  items: {
    id: number;
    ref: string;
    text: string;
    directive: { id: number; number: string | null; level: string };
    deadline: { due: string | null };
  }[];
}
interface DirectiveListJson {
  items: { id: number; number: string | null; scopeAgency: { id: number; name: string } | null }[];
}

/**
 * A published provincial task that concerns the commune (its People's Committee is named on it, or a
 * group the commune belongs to) and has a date still ahead.
 */
async function pickProvinceTask(page: Page, scopeId: number): Promise<TaskListJson['items'][number]> {
  const list = (await (
    await page.request.get(
      `/api/tasks?agencyId=${scopeId}&subtree=true&level=province&status=published&timeliness=not_started,in_progress_on_time&sort=dueDate&order=desc&limit=50`,
    )
  ).json()) as TaskListJson;
  const task = list.items.find((t) => t.deadline.due !== null && t.directive.number !== null);
  if (!task) throw new Error('the demo data has no provincial task for the commune');
  return task;
}

/** A task of another province's plan, found by the central office (who sees everything). */
async function otherProvinceTask(provinceName: string): Promise<{ id: number; text: string }> {
  const central = await request.newContext({ baseURL: baseUrl() });
  try {
    const login = await central.post('/api/auth/login', {
      data: { username: accounts.centralOffice, password: DEMO_PASSWORD },
    });
    expect(login.ok()).toBe(true);
    const directives = (await (
      await central.get('/api/directives?level=province&status=published&limit=50')
    ).json()) as DirectiveListJson;
    const other = directives.items.find((d) => d.scopeAgency && d.scopeAgency.name !== provinceName);
    if (!other) throw new Error('the demo data has no plan of another province');
    const tasks = (await (await central.get(`/api/tasks?directiveId=${other.id}&limit=1`)).json()) as TaskListJson;
    const task = tasks.items[0];
    if (!task) throw new Error(`the plan ${other.number} has no task`);
    return task;
  } finally {
    await central.dispose();
  }
}

const isoToVietnamese = (iso: string) => iso.split('-').reverse().join('/');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('a commune builds its implementation plan under a provincial task', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("takes a task of Hà Nội's plan, gives it to the commune (one body with its People's Committee) with an earlier deadline, publishes, and the provincial task rolls it up", async () => {
    const { page } = await newUserPage(browser, { width: 1366, height: 1000 });
    screenshotOnFailure(() => ({ 'commune-plan': page }));
    await signIn(page, accounts.communeOffice);
    const me = (await (await page.request.get('/api/auth/me')).json()) as MeJson;
    const commune = me.user.scopeAgency;
    if (!commune) throw new Error('the commune office has no scope');
    const higher = await pickProvinceTask(page, commune.id);
    const higherDue = higher.deadline.due as string;

    // Another province's task is not the commune's to see: not found, and nothing of it shown.
    const unrelated = await otherProvinceTask('Thành phố Hà Nội');
    expect((await page.request.get(`/api/tasks/${unrelated.id}`)).status()).toBe(404);
    await page.goto(`/tasks/${unrelated.id}`);
    await page.getByTestId('not-found').waitFor();
    await expect(page.getByText(unrelated.text).count()).resolves.toBe(0);

    // Pick Hà Nội's plan by typing its number.
    await page.goto('/');
    await page.getByRole('link', { name: 'Lập kế hoạch triển khai' }).click();
    await page.getByRole('heading', { name: 'Lập kế hoạch triển khai' }).waitFor();
    await page.getByText(commune.name).first().waitFor();
    const directivePicker = page.getByRole('textbox', { name: 'Văn bản cấp trên' });
    await directivePicker.click();
    // Before anything is typed, the directives with tasks concerning the commune come first.
    await page
      .getByRole('option', {
        name: new RegExp(`^${escapeRegExp(higher.directive.number as string)} — \\d+ nhiệm vụ liên quan$`),
      })
      .waitFor();
    await directivePicker.fill(higher.directive.number as string);
    await page
      .getByRole('option', { name: new RegExp(`^${escapeRegExp(higher.directive.number as string)} —`) })
      .first()
      .click();

    // Its tasks that concern the commune; take the chosen one into the plan.
    const card = page.locator(`[data-testid="higher-task"][data-task-id="${higher.id}"]`);
    await card.waitFor();
    await card.getByRole('checkbox').check();
    const lowerText = `${commune.name} triển khai: ${higher.text}`.slice(0, 400);
    await card.getByLabel('Nội dung nhiệm vụ trong kế hoạch').fill(lowerText);

    // The lead is one of the commune's own bodies, offered before anything is typed: the commune, one
    // body with its People's Committee — not a second "Ủy ban nhân dân xã …" beside it that no account
    // would report for — and not a commune of the same name elsewhere.
    const committee = `Ủy ban nhân dân ${commune.name.charAt(0).toLowerCase()}${commune.name.slice(1)}`;
    const lead = card.getByRole('textbox', { name: 'Cơ quan chủ trì' });
    await lead.click();
    await page.getByRole('option', { name: commune.name, exact: true }).waitFor();
    await expect(page.getByRole('option').count()).resolves.toBeLessThanOrEqual(5);
    await expect(page.getByRole('option', { name: committee }).count()).resolves.toBe(0);
    // Written as the committee ("ubnd …"), it is the same body.
    await lead.fill('ubnd');
    await expect(page.getByRole('option', { name: committee }).count()).resolves.toBe(0);
    await page.getByRole('option', { name: commune.name, exact: true }).click();
    await expect(lead.inputValue()).resolves.toBe(commune.name);

    // A deadline later than the province's is warned about, not refused; then set one before it.
    const due = card.getByRole('textbox', { name: 'Hạn hoàn thành' });
    const [y, m, d] = higherDue.split('-').map(Number) as [number, number, number];
    await due.fill(
      isoToVietnamese(`${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`),
    );
    await due.press('Enter');
    await card.getByTestId('later-warning').waitFor();
    const earlier = new Date(Date.UTC(y, m - 1, d - 7)).toISOString().slice(0, 10);
    await due.fill(isoToVietnamese(earlier));
    await due.press('Enter');
    await card.getByTestId('later-warning').waitFor({ state: 'detached' });

    // The plan's own number, then publish it as the commune's directive.
    const planNumber = `${Date.now() % 1000}/KH-UBND-AL`;
    await page.getByRole('textbox', { name: 'Số hiệu' }).fill(planNumber);
    await page.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
    await page.getByTestId('directive-status').getByText('Đã ban hành').waitFor({ timeout: 60_000 });
    await page.getByTestId('directive-number').getByText(planNumber).waitFor();
    await page
      .getByText(higher.directive.number as string)
      .first()
      .waitFor();
    await page
      .locator('tr', { hasText: lowerText.slice(0, 50) })
      .first()
      .waitFor();

    // The provincial task's page rolls the commune's task up.
    await page.goto(`/tasks/${higher.id}`);
    await page.getByRole('tab', { name: /Triển khai cấp dưới/ }).click();
    // (Matched by the plan's number: a rerun against the same server finds earlier runs' plans too.)
    const row = page.getByTestId('lower-tasks').locator('tr', { hasText: planNumber });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(lowerText.slice(0, 50));
    await expect(row.textContent()).resolves.toContain(isoToVietnamese(earlier));
    await expect(row.textContent()).resolves.toContain('Cấp xã');
    await expect(row.getByTestId('later-than-parent').count()).resolves.toBe(0);
    await page.getByText('Nhiệm vụ cấp dưới', { exact: true }).waitFor();
    await saveScreenshot(page, 'commune-plan', { fullPage: true });
  });
});
