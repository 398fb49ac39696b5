import { type APIRequestContext, type Browser, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  baseUrl,
  DEMO_PASSWORD,
  launchBrowser,
  newUserPage,
  pasteForReading,
  saveScreenshot,
  screenshotOnFailure,
  signIn,
} from './browser.ts';

/** The central office through the API, for the data a journey starts from (as another tab would make it). */
async function centralOfficeApi(): Promise<{ api: APIRequestContext; csrf: Record<string, string> }> {
  const api = await request.newContext({ baseURL: baseUrl() });
  const login = await api.post('/api/auth/login', {
    data: { username: accounts.centralOffice, password: DEMO_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { api, csrf: { 'x-csrf-token': csrfToken } };
}

/** Two central bodies of the demo registry, found by name as a person would search. */
async function twoBodies(api: APIRequestContext): Promise<{ id: number; name: string }[]> {
  const found: { id: number; name: string }[] = [];
  for (const q of ['bo khoa hoc va cong nghe', 'bo tai chinh']) {
    const list = (await (await api.get(`/api/agencies?q=${encodeURIComponent(q)}&level=central&limit=1`)).json()) as {
      items: { id: number; name: string }[];
    };
    const body = list.items[0];
    if (!body) throw new Error(`the demo registry has no body for "${q}"`);
    found.push(body);
  }
  return found;
}

/** A draft with tasks, made by the central office: a unique number so each run finds its own. */
async function makeDraft(
  api: APIRequestContext,
  csrf: Record<string, string>,
  tasks: { text: string; leadAgencyIds?: number[]; coordinatingAgencyIds?: number[] }[],
): Promise<{ id: number; number: string }> {
  const number = `${Date.now() % 100000}-TB/E2E`;
  const created = await api.post('/api/directives', {
    headers: csrf,
    data: { number, level: 'central', title: 'Thông báo thử nghiệm luồng bản nháp' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  for (const task of tasks) {
    const added = await api.post(`/api/directives/${id}/tasks`, { headers: csrf, data: task });
    expect(added.status(), await added.text()).toBe(201);
  }
  return { id, number };
}

/** The number in "1.818 nhiệm vụ" (Vietnamese groups thousands with dots). */
const countIn = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

describe('drafts: kept apart from live work, made from anything, published on purpose', () => {
  let browser: Browser;
  let api: APIRequestContext;
  let csrf: Record<string, string>;
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ api, csrf } = await centralOfficeApi());
  });
  afterAll(async () => {
    await api?.dispose();
    await browser?.close();
  });

  it("the office's task list counts what the dashboard counts; a draft's tasks come only when asked for, labelled", async () => {
    const words = `kiểm kê thiết bị thử nghiệm ${Date.now()}`;
    await makeDraft(api, csrf, [{ text: `Tổ chức ${words} đợt một` }, { text: `Tổng hợp ${words} đợt hai` }]);
    const { page } = await newUserPage(browser, { width: 1366, height: 900 });
    const phone = await newUserPage(browser, { width: 390, height: 844 });
    screenshotOnFailure(() => ({ 'drafts-list': page, 'drafts-list-phone': phone.page }));
    await signIn(page, accounts.centralOffice);

    const dashboard = (await (await page.request.get('/api/dashboard')).json()) as {
      totals: { total: { count: number } };
    };
    await page.goto('/tasks');
    const total = page.getByTestId('task-total');
    // The first load of the whole list can take seconds on a busy machine: wait as a locator would (30 s).
    await expect.poll(async () => countIn(await total.textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(countIn(await total.textContent())).toBe(dashboard.totals.total.count);

    // The draft's tasks are not among the live ones, even searched for by their words.
    await page.goto(`/tasks?q=${encodeURIComponent(words)}`);
    await page.getByText('Không có nhiệm vụ nào khớp bộ lọc.').waitFor();

    // Asked for, they come, each saying it is a draft's (not "Chưa triển khai").
    await page.getByRole('button', { name: 'Thêm bộ lọc' }).click();
    await page.getByRole('textbox', { name: 'Văn bản' }).click();
    await page.getByRole('option', { name: 'Bản nháp (chưa ban hành)' }).click();
    const table = page.getByTestId('task-table');
    await table.getByText(`Tổ chức ${words} đợt một`).waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await table.getByTestId('draft-label').count()).toBe(2);
    expect(await table.getByText('Chưa triển khai').count()).toBe(0);
    await saveScreenshot(page, '10d-tasks-drafts-1366');

    await signIn(phone.page, accounts.centralOffice);
    await phone.page.goto(`/tasks?status=draft&q=${encodeURIComponent(words)}`);
    const cards = phone.page.getByTestId('task-table');
    await cards.getByText(`Tổng hợp ${words} đợt hai`).waitFor();
    expect(await cards.getByTestId('draft-label').count()).toBe(2);
    await saveScreenshot(phone.page, '10d-tasks-drafts-390');
  });

  it('a pasted text with no task recognised still becomes a draft beside its text; a directive is also made by hand', async () => {
    const { page } = await newUserPage(browser, { width: 1366, height: 900 });
    screenshotOnFailure(() => ({ 'drafts-by-hand': page }));
    await signIn(page, accounts.centralOffice);

    const number = `${Date.now() % 100000}/TB-VPTW`;
    await page.goto('/imports');
    await pasteForReading(
      page,
      [
        'VĂN PHÒNG TRUNG ƯƠNG ĐẢNG',
        `Số: ${number}`,
        'Hà Nội, ngày 10 tháng 11 năm 2025',
        'THÔNG BÁO',
        'Kết luận tại buổi làm việc về chuyển đổi số',
        'Buổi làm việc đã trao đổi về tình hình chung trong năm qua và hướng sắp tới.',
      ].join('\n'),
    );
    await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 120_000 });
    const row = page.getByTestId('import-result').locator('tr', { hasText: number });
    await row.getByText('Đã tạo bản nháp').waitFor();
    await page.getByTestId('import-no-tasks').waitFor();
    await saveScreenshot(page, '10d-import-no-tasks-1366');

    // The draft keeps the text; the office adds the task the reader missed, beside it.
    await row.getByRole('link', { name: 'Rà soát' }).click();
    await page.getByRole('heading', { name: number }).waitFor();
    await page.getByTestId('source-view').getByText('Buổi làm việc đã trao đổi về tình hình chung').waitFor();
    await page.getByText('Chưa có nhiệm vụ nào. Đọc văn bản gốc bên cạnh').waitFor();
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('Nội dung nhiệm vụ').fill('Rà soát hạ tầng số của các cơ quan trong năm tới');
    await modal.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    await page.getByTestId('review-task-list').getByText('Rà soát hạ tầng số của các cơ quan').waitFor();

    // Entirely by hand: an empty draft from the directive list, opened for review.
    const handNumber = `${Date.now() % 100000}-KH/VPTW`;
    await page.goto('/directives');
    await page.getByRole('button', { name: 'Tạo văn bản bằng tay' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Số hiệu').fill(handNumber);
    await form.getByLabel('Trích yếu').fill('Kế hoạch thử nghiệm nhập tay');
    await saveScreenshot(page, '10d-create-by-hand-1366');
    await form.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await page.getByRole('heading', { name: handNumber }).waitFor();
    await page.getByText('Văn bản này được nhập tay, không có văn bản gốc.').waitFor();
    await page.getByText('Chưa có nhiệm vụ nào. Đọc văn bản gốc bên cạnh').waitFor();

    // Deleting the draft asks first: "no" keeps it; "yes" deletes it and goes back to the list.
    const handId = Number(new URL(page.url()).pathname.split('/').pop());
    const deleteDraft = page.getByRole('button', { name: 'Xoá bản nháp' });
    page.once('dialog', (question) => void question.dismiss());
    await deleteDraft.click();
    expect((await api.get(`/api/directives/${handId}`)).status()).toBe(200);
    page.once('dialog', (question) => void question.accept());
    await deleteDraft.click();
    await page.waitForURL(/\/directives$/);
    expect((await api.get(`/api/directives/${handId}`)).status()).toBe(404);
  });

  it('publishing first shows how many tasks go live and how many bodies hear of it, and waits for a yes', async () => {
    const [science, finance] = await twoBodies(api);
    if (!science || !finance) throw new Error('two bodies expected');
    const draft = await makeDraft(api, csrf, [
      { text: 'Xây dựng cơ sở dữ liệu thử nghiệm về chuyển đổi số', leadAgencyIds: [science.id] },
      {
        text: 'Bố trí kinh phí thử nghiệm cho chuyển đổi số',
        leadAgencyIds: [finance.id],
        coordinatingAgencyIds: [science.id],
      },
    ]);
    const { page } = await newUserPage(browser, { width: 1366, height: 900 });
    screenshotOnFailure(() => ({ 'drafts-publish': page }));
    await signIn(page, accounts.centralOffice);
    await page.goto(`/directives/${draft.id}`);
    await page.getByRole('heading', { name: draft.number }).waitFor();

    const statusOf = async () =>
      ((await (await api.get(`/api/directives/${draft.id}`)).json()) as { status: string }).status;
    const publish = page.getByRole('button', { name: 'Ban hành', exact: true });

    // One click asks; "not now" leaves it a draft.
    await publish.click();
    const dialog = page.getByRole('dialog', { name: 'Ban hành văn bản?' });
    const reach = dialog.getByTestId('publish-reach');
    await reach.waitFor();
    // Two tasks, to the two bodies named on them (one leads one and coordinates the other).
    await expect(reach.textContent()).resolves.toContain('2 nhiệm vụ');
    await expect(reach.textContent()).resolves.toContain('2 cơ quan');
    await saveScreenshot(page, '10d-publish-confirm-1366');
    await dialog.getByRole('button', { name: 'Để sau' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await statusOf()).toBe('draft');

    const phone = await newUserPage(browser, { width: 390, height: 844 });
    await signIn(phone.page, accounts.centralOffice);
    await phone.page.goto(`/directives/${draft.id}`);
    await phone.page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await phone.page.getByRole('dialog').getByTestId('publish-reach').waitFor();
    await saveScreenshot(phone.page, '10d-publish-confirm-390');
    await phone.context.close();

    // Confirmed, it goes out.
    await publish.click();
    await dialog.getByRole('button', { name: 'Ban hành và thông báo' }).click();
    await page.getByTestId('directive-status').getByText('Đã ban hành').waitFor();
    expect(await statusOf()).toBe('published');
  });
});
