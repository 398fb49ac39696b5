import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';

interface MeJson {
  user: { scopeAgency: { id: number; name: string } | null };
}
interface TaskListJson {
  items: {
    id: number;
    ref: string;
    text: string;
    directive: { id: number; number: string | null };
    deadline: { due: string | null };
  }[];
}

/** A published central task that concerns Hà Nội (assigned within it, or to a group it belongs to) and has a date. */
async function pickHigherTask(page: Page): Promise<TaskListJson['items'][number]> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as MeJson;
  const scope = me.user.scopeAgency;
  if (!scope) throw new Error('the province office has no scope');
  const list = (await (
    await page.request.get(
      `/api/tasks?agencyId=${scope.id}&subtree=true&level=central&status=published&timeliness=not_started,in_progress_on_time&sort=dueDate&order=desc&limit=50`,
    )
  ).json()) as TaskListJson;
  const task = list.items.find((t) => t.deadline.due !== null && t.directive.number !== null);
  if (!task) throw new Error('the demo data has no central task for Hà Nội');
  return task;
}

const isoToVietnamese = (iso: string) => iso.split('-').reverse().join('/');

describe('a province builds its implementation plan under a central task', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a central task, gives it to its own department with an earlier deadline, publishes, and the central task rolls it up', async () => {
    const { page } = await newUserPage(browser, { width: 1366, height: 1000 });
    screenshotOnFailure(() => ({ 'plan-cascade': page }));
    await signIn(page, accounts.provinceOffice);
    const higher = await pickHigherTask(page);
    const higherDue = higher.deadline.due as string;

    // Pick the higher directive by typing its number.
    await page.getByRole('link', { name: 'Lập kế hoạch triển khai' }).click();
    await page.getByRole('heading', { name: 'Lập kế hoạch triển khai' }).waitFor();
    const directivePicker = page.getByRole('textbox', { name: 'Văn bản cấp trên' });
    await directivePicker.click();
    await directivePicker.fill(higher.directive.number as string);
    await page
      .getByRole('option', {
        name: new RegExp(`^${higher.directive.number?.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} —`),
      })
      .first()
      .click();

    // Its tasks that concern Hà Nội; take the chosen one into the plan.
    const card = page.locator(`[data-testid="higher-task"][data-task-id="${higher.id}"]`);
    await card.waitFor();
    await card.getByRole('checkbox').check();
    const lowerText = `Thành phố Hà Nội triển khai: ${higher.text}`.slice(0, 400);
    // First with a text pasted far longer than a task takes: the plan will be refused on this row.
    const taskText = card.getByLabel('Nội dung nhiệm vụ trong kế hoạch');
    await taskText.fill('Thành phố Hà Nội triển khai nhiệm vụ. '.repeat(600));
    const lead = card.getByRole('textbox', { name: 'Cơ quan chủ trì' });
    await lead.click();
    await lead.fill('so khoa hoc va cong nghe ha noi');
    await page
      .getByRole('option', { name: /^Sở Khoa học và Công nghệ .*Hà Nội$/ })
      .first()
      .click();

    // A deadline later than the central one is warned about, not refused; then set one before it.
    const due = card.getByRole('textbox', { name: 'Hạn hoàn thành' });
    const [y, m, d] = higherDue.split('-').map(Number) as [number, number, number];
    await due.fill(
      isoToVietnamese(`${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`),
    );
    await due.press('Enter');
    await card.getByTestId('later-warning').waitFor();
    const earlier = new Date(Date.UTC(y, m - 1, d - 10)).toISOString().slice(0, 10);
    await due.fill(isoToVietnamese(earlier));
    await due.press('Enter');
    await card.getByTestId('later-warning').waitFor({ state: 'detached' });

    // The plan's own number, then publish it as Hà Nội's directive: refused, the row says why, and
    // nothing was saved — the office's directives list holds no draft of that number.
    const planNumber = `${Date.now() % 1000}-KH/UBND-HN`;
    await page.getByRole('textbox', { name: 'Số hiệu' }).fill(planNumber);
    await page.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
    await card
      .getByTestId('row-error')
      .getByText(/Nội dung nhiệm vụ trong kế hoạch quá dài/)
      .waitFor();
    await page.getByText('Kế hoạch chưa được tạo, không có gì được lưu').waitFor();
    await card.getByTestId('row-error').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'plan-cascade-refused');
    const directives = await page.context().newPage();
    await directives.goto('/directives?status=draft');
    await directives.getByRole('textbox', { name: 'Tìm kiếm' }).fill(planNumber);
    await directives.waitForURL(/[?&]q=/);
    await directives.getByText('Chưa có văn bản nào.').waitFor();

    // With the text fixed, the same plan goes out.
    await taskText.fill(lowerText);
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

    // Now the list finds it, published.
    await directives.goto('/directives');
    await directives.getByRole('textbox', { name: 'Tìm kiếm' }).fill(planNumber);
    await directives.locator('tr', { hasText: planNumber }).first().getByText('Đã ban hành').waitFor();
    await directives.close();

    // The central task's page rolls the new lower task up.
    await page.goto(`/tasks/${higher.id}`);
    await page.getByRole('tab', { name: /Triển khai cấp dưới/ }).click();
    const row = page.locator('tr', { hasText: lowerText.slice(0, 50) }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(isoToVietnamese(earlier));
    await expect(row.textContent()).resolves.toContain(planNumber);
    await page.getByText('Nhiệm vụ cấp dưới', { exact: true }).waitFor();
    await saveScreenshot(page, 'plan-cascade', { fullPage: true });
  });
});
