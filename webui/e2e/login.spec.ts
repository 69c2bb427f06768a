import { expect, test } from '@playwright/test';
import { snap } from './session';

const user = process.env.ATRIUM_E2E_USER ?? 'bob';
const password = process.env.ATRIUM_E2E_PASSWORD;
const name = process.env.ATRIUM_E2E_NAME ?? 'Bob Builder';

test('a user logs in through Keycloak, sees their name, and logs out', async ({ page }) => {
  expect(password, 'ATRIUM_E2E_PASSWORD must be set').toBeTruthy();

  await page.goto('/');
  await page.getByTestId('login').click();

  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password!);
  await page.locator('#kc-login').click();

  await expect(page.getByTestId('current-user')).toHaveText(name);
  await snap(page, 'portal-logged-in');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByTestId('login')).toBeVisible();
});
