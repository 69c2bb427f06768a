import { expect, test } from '@playwright/test';
import { logIn, out } from './session';

test('alice changes a member’s role and makes an API token whose secret she sees once', async ({
  page,
}) => {
  await logIn(page, 'alice');
  await page.getByRole('link', { name: 'Tenant' }).click();
  await expect(page).toHaveURL(/\/t\/acme\/tenant$/);

  const daveRole = page.getByRole('combobox', { name: 'Role of dave' });
  await expect(daveRole).toHaveValue('viewer');
  await daveRole.selectOption('developer');
  await expect(daveRole).toHaveValue('developer');
  await page.reload(); // stored, not only shown
  await expect(page.getByRole('combobox', { name: 'Role of dave' })).toHaveValue('developer');
  await page.getByRole('combobox', { name: 'Role of dave' }).selectOption('viewer');
  await expect(page.getByRole('combobox', { name: 'Role of dave' })).toHaveValue('viewer');

  await page.getByRole('textbox', { name: 'Token name' }).fill('ci-from-portal');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('token-secret')).toContainText('Copy the token now');
  await expect(page.getByRole('row', { name: /ci-from-portal/ })).toBeVisible();
  await page.screenshot({ path: `${out}/portal-tenant-admin.png`, fullPage: true });
});

test('admin drains the agent and undrains it, and the agents page shows each', async ({ page }) => {
  await logIn(page, 'admin');
  await page.getByRole('link', { name: 'Agents' }).click();
  const state = page.getByTestId('agent-state').first();
  await expect(state).toHaveText('ACTIVE');

  await page.getByRole('button', { name: 'Drain' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Drain' }).click();
  await expect(state).toHaveText(/DRAINING|DRAINED/);
  await page.screenshot({ path: `${out}/portal-agents-drained.png`, fullPage: true });

  await page.getByRole('button', { name: 'Undrain' }).first().click();
  await expect(state).toHaveText('ACTIVE');
});
