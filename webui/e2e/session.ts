import { expect, type Page } from '@playwright/test';

/** Where screenshots go (CI keeps them under target/). */
export const out = process.env.ATRIUM_E2E_OUT ?? 'test-results';

/** The demo users' passwords, as the standalone stack generated them (set by the test that runs us). */
const passwords: Record<string, string | undefined> = {
  bob: process.env.ATRIUM_E2E_PASSWORD,
  carol: process.env.ATRIUM_E2E_OTHER_PASSWORD,
  alice: process.env.ATRIUM_E2E_ALICE_PASSWORD,
  admin: process.env.ATRIUM_E2E_ADMIN_PASSWORD,
  dave: process.env.ATRIUM_E2E_DAVE_PASSWORD,
};

/** Logs `user` in through Keycloak's login page, as a person would. */
export async function logIn(page: Page, user: string) {
  expect(passwords[user], `the password of ${user} must be set`).toBeTruthy();
  await page.goto('/');
  await page.getByTestId('login').click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(passwords[user]!);
  await page.locator('#kc-login').click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/**
 * Saves a screenshot of the whole page as `name`.png under {@link out}. The portal scrolls
 * inside its main section, not the document, so the window is made as tall as the content first.
 */
export async function snap(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  const height = await page.evaluate(
    `Math.max(...[...document.querySelectorAll('main, .pf-v6-c-page__main-container')].map((e) => e.scrollHeight + e.getBoundingClientRect().top), window.innerHeight)`,
  );
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(Number(height) + 16, 6000),
  });
  await page.screenshot({ path: `${out}/${name}.png` });
  await page.setViewportSize(viewport);
}

/**
 * Submits a job over the API with `page`'s session (as the portal's own requests go) and
 * returns its id; a refusal fails the test with the master's answer.
 */
export async function submitJob(page: Page, tenant: string, job: Record<string, unknown>) {
  const created = await page.request.post(`/api/tenants/${encodeURIComponent(tenant)}/jobs`, {
    headers: { 'X-Requested-With': 'JavaScript' },
    data: job,
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}
