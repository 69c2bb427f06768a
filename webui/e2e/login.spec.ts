import { expect, test } from '@playwright/test';

const user = process.env.ATRIUM_E2E_USER ?? 'bob';
const password = process.env.ATRIUM_E2E_PASSWORD;
const name = process.env.ATRIUM_E2E_NAME ?? 'Bob Builder';
const out = process.env.ATRIUM_E2E_OUT ?? 'test-results';

test('a user logs in through Keycloak, sees their name, and logs out', async ({ page }) => {
  expect(password, 'ATRIUM_E2E_PASSWORD must be set').toBeTruthy();

  await page.goto('/');
  await page.getByTestId('login').click();

  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password!);
  await page.locator('#kc-login').click();

  await expect(page.getByTestId('current-user')).toHaveText(name);
  await page.screenshot({ path: `${out}/portal-logged-in.png`, fullPage: true });

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByTestId('login')).toBeVisible();
});
