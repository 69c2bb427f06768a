import { expect, test } from '@playwright/test';
import { logIn, snap } from './session';

test('alice changes a member’s role and makes an API token whose secret she sees once', async ({
  page,
}) => {
  await logIn(page, 'alice');
  await page.getByRole('link', { name: 'Tenant', exact: true }).click();
  await expect(page).toHaveURL(/\/t\/acme\/tenant$/);

  const daveRole = page.getByRole('combobox', { name: 'Role of dave' });
  await expect(daveRole).toHaveValue('viewer');
  await daveRole.selectOption('developer');
  await expect(daveRole).toHaveValue('developer');
  await page.reload(); // stored, not only shown
  await expect(page.getByRole('combobox', { name: 'Role of dave' })).toHaveValue('developer');
  await page.getByRole('combobox', { name: 'Role of dave' }).selectOption('viewer');
  await expect(page.getByRole('combobox', { name: 'Role of dave' })).toHaveValue('viewer');

  // A name of this run's own: the tokens of earlier runs on the same stack are still listed.
  const tokenName = `ci-from-portal-${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Token name' }).fill(tokenName);
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('token-secret')).toContainText('Copy the token now');
  await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toBeVisible();
  await snap(page, 'portal-tenant-admin');
});

test('admin drains the agent and undrains it, and the agents page and the overview show each', async ({
  page,
}) => {
  await logIn(page, 'admin');
  await page.getByRole('link', { name: 'Agents' }).click();
  // The stack's own agent: the first active one (a reused stack may list agents that left).
  const active = page
    .getByRole('row')
    .filter({ has: page.getByTestId('agent-state').getByText('ACTIVE', { exact: true }) })
    .first();
  const agent = page.getByTestId((await active.getAttribute('data-testid'))!);
  const state = agent.getByTestId('agent-state');
  await expect(state).toHaveText('ACTIVE');

  await agent.getByRole('button', { name: 'Drain' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Drain' }).click();
  await expect(state).toHaveText(/DRAINING|DRAINED/);
  await snap(page, 'portal-agents-drained');

  // The overview counts it among the agents.
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('agents-DRAINING')).toHaveText(/Draining: [1-9]/);
  await snap(page, 'portal-overview-drained');

  await page.getByRole('link', { name: 'Agents' }).click();
  await agent.getByRole('button', { name: 'Undrain' }).click();
  await expect(state).toHaveText('ACTIVE');
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('agents-DRAINING')).toHaveCount(0);
});

test('admin sets acme’s quota, bob’s oversized job is refused naming the resource, and alice may not edit quotas', async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, 'admin');
  await admin.getByRole('link', { name: 'All tenants' }).click();
  await admin.getByRole('button', { name: 'Quota of acme' }).click();
  await admin.getByRole('spinbutton', { name: 'Most CPUs' }).fill('1');
  await admin.getByRole('button', { name: 'Save quota' }).click();
  await expect(admin.getByRole('button', { name: 'Save quota' })).toBeHidden();

  const bob = await (await browser.newContext()).newPage();
  await logIn(bob, 'bob');
  await bob.getByRole('link', { name: 'Jobs' }).click();
  await bob.getByTestId('new-job').click();
  await bob.getByRole('textbox', { name: 'Name', exact: true }).fill('too-big');
  await bob.getByRole('textbox', { name: 'Command', exact: true }).fill('true');
  await bob.getByRole('spinbutton', { name: 'CPUs per instance' }).fill('2');
  await bob.getByRole('button', { name: 'Submit' }).click();
  await expect(bob.getByTestId('error-resources.cpus')).toContainText("acme's quota limit is 1");
  await snap(bob, 'portal-job-refused-by-quota');

  const alice = await (await browser.newContext()).newPage();
  await logIn(alice, 'alice');
  await alice.getByRole('link', { name: 'All tenants' }).click();
  await expect(alice.getByTestId('tenants-error')).toContainText('Only platform admins');

  // Back as it was, for what runs after.
  await admin.getByRole('button', { name: 'Quota of acme' }).click();
  await admin.getByRole('spinbutton', { name: 'Most CPUs' }).fill('');
  await admin.getByRole('button', { name: 'Save quota' }).click();
  await expect(admin.getByRole('button', { name: 'Save quota' })).toBeHidden();
});
