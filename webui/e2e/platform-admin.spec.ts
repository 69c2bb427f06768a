import { expect, test } from '@playwright/test';
import { logIn, snap, submitJob } from './session';

test('admin creates a tenant, suspends and resumes it, previews and saves its quota, deletes it, and finds it all in the audit log', async ({
  page,
}) => {
  // Names of deleted tenants are never reused: a new one each run.
  const name = `e2e-${Date.now().toString(36)}`;
  await logIn(page, 'admin');
  await page.getByRole('link', { name: 'All tenants' }).click();

  await page.getByRole('button', { name: 'Create tenant' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Display name' }).fill('End-to-end Inc.');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByTestId('tenant-created')).toContainText(`Created ${name}`);
  const row = page.getByTestId(`tenant-${name}`);
  await expect(row).toContainText('End-to-end Inc.');
  await expect(row.getByTestId('tenant-state')).toHaveText('ACTIVE');

  await page.getByRole('button', { name: `Suspend ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('takes no new jobs while suspended');
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('tenant-state')).toHaveText('SUSPENDED');

  await page.getByRole('button', { name: `Resume ${name}` }).click();
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect(row.getByTestId('tenant-state')).toHaveText('ACTIVE');

  // The editor says what a change means before it is saved.
  await page.getByRole('button', { name: `Quota of ${name}` }).click();
  await expect(page.getByTestId('quota-preview-empty')).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Most CPUs' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Guaranteed CPUs' }).fill('0.5');
  await page.getByRole('spinbutton', { name: 'Weight' }).fill('2');
  const preview = page.getByTestId('quota-preview');
  const change = (setting: string) =>
    preview
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: setting, exact: true }) })
      .getByRole('gridcell');
  await expect(change('Most CPUs')).toHaveText([
    'Most CPUs',
    'no limit',
    '1',
    `${name} runs 0 CPUs now: 1 more before new tasks wait.`,
  ]);
  await expect(change('Guaranteed CPUs').last()).toHaveText(
    /holds 0\.5 of the cluster's [\d.]+ CPUs \(\d+%\) back from other tenants/,
  );
  await expect(change('Weight')).toHaveText([
    'Weight',
    '1',
    '2',
    /gets 2× the share of a tenant of weight 1/,
  ]);
  await snap(page, 'portal-admin-tenants');
  await page.getByRole('button', { name: 'Save quota' }).click();
  await expect(page.getByRole('button', { name: 'Save quota' })).toBeHidden();
  await page.getByRole('button', { name: `Quota of ${name}` }).click(); // stored, not only shown
  await expect(page.getByRole('spinbutton', { name: 'Most CPUs' })).toHaveValue('1');
  await expect(page.getByRole('spinbutton', { name: 'Weight' })).toHaveValue('2');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(dialog).toContainText('can never be used again');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toBeHidden();

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('textbox', { name: 'Tenant' }).fill(name);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/audit\\?tenant=${name}$`));
  await expect(page.getByTestId('audit-type')).toHaveText([
    'tenant.deleted',
    'weight.changed',
    'quota.changed',
    'tenant.updated',
    'tenant.updated',
    'tenant.created',
  ]);
  await expect(page.getByTestId('audit-summary')).toContainText([
    'Deleted',
    'weight 2',
    'limit: cpus 1',
    'Active',
    'Suspended',
    'Created “End-to-end Inc.”',
  ]);
  await snap(page, 'portal-audit-log');

  // The filtered view is a link to share.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Tenant' })).toHaveValue(name);
  await expect(page.getByTestId('audit-entry')).toHaveCount(6);
});

test('admin deletes a tenant whose task runs: it shows DELETING until its task is killed, then goes', async ({
  page,
}) => {
  const name = `e2e-drain-${Date.now().toString(36)}`;
  await logIn(page, 'admin');
  await page.getByRole('link', { name: 'All tenants' }).click();
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Display name' }).fill('Drained Ltd.');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const row = page.getByTestId(`tenant-${name}`);
  await expect(row.getByTestId('tenant-state')).toHaveText('ACTIVE');

  // A task that outlives SIGTERM for a few seconds, so that the deletion can be watched.
  await submitJob(page, name, {
    name: 'stubborn',
    command: "trap '' TERM; sleep 600",
    instances: 1,
    maxRetries: 0,
    killGracePeriodSeconds: 5,
    resources: { cpus: 0.1, mem: 32 },
  });
  await expect(row.getByTestId('tenant-tasks')).toHaveText('1', { timeout: 30_000 });

  // The agents page shows the task beside its agent, with its tenant.
  await page.getByRole('link', { name: 'Agents' }).click();
  await page
    .getByRole('row')
    .filter({ has: page.getByTestId('agent-state').getByText('ACTIVE', { exact: true }) })
    .getByRole('button', { name: 'Details' })
    .first()
    .click();
  await expect(
    page
      .getByRole('grid', { name: /^Tasks on / })
      .getByRole('row')
      .filter({ hasText: name }),
  ).toContainText('stubborn');
  await page.getByRole('link', { name: 'All tenants' }).click();

  await page.getByRole('button', { name: `Delete ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('its 1 running task(s) are killed');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(row.getByTestId('tenant-state')).toHaveText('DELETING');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(row).toBeHidden({ timeout: 30_000 });
});

test('a bad tenant name is refused in the browser, and alice may not read the audit log', async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, 'admin');
  await admin.getByRole('link', { name: 'All tenants' }).click();
  const creations: string[] = [];
  admin.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/admin/tenants')) {
      creations.push(request.url());
    }
  });
  await admin.getByRole('button', { name: 'Create tenant' }).click();
  await admin.getByRole('textbox', { name: 'Name', exact: true }).fill('9 Lives');
  await admin.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(admin.getByTestId('error-name')).toContainText(
    'must be 2 to 63 lower-case letters, digits or dashes, starting with a letter',
  );
  await expect(admin.getByTestId('error-displayName')).toContainText('must not be blank');
  expect(creations).toEqual([]);

  const alice = await (await browser.newContext()).newPage();
  await logIn(alice, 'alice');
  await alice.getByRole('link', { name: 'Audit log' }).click();
  await expect(alice.getByTestId('audit-error')).toContainText('Only platform admins');
});

test('two admins edit one quota: the second to save is told, and sees the first one’s change', async ({
  browser,
}) => {
  const name = `e2e-race-${Date.now().toString(36)}`;
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await logIn(first, 'admin');
  await logIn(second, 'admin');
  const headers = { 'X-Requested-With': 'JavaScript' };
  const created = await first.request.post('/api/admin/tenants', {
    headers,
    data: { name, displayName: 'Raced Corp.' },
  });
  expect(created.status()).toBe(201);

  for (const page of [first, second]) {
    await page.getByRole('link', { name: 'All tenants' }).click();
    await page.getByRole('button', { name: `Quota of ${name}` }).click();
    await expect(page.getByRole('spinbutton', { name: 'Most CPUs' })).toHaveValue('');
  }
  await first.getByRole('spinbutton', { name: 'Most CPUs' }).fill('2');
  await first.getByRole('button', { name: 'Save quota' }).click();
  await expect(first.getByRole('button', { name: 'Save quota' })).toBeHidden();

  await second.getByRole('spinbutton', { name: 'Most CPUs' }).fill('3');
  await second.getByRole('button', { name: 'Save quota' }).click();
  await expect(second.getByTestId('quota-problem')).toContainText('Someone else changed');
  await expect(second.getByRole('spinbutton', { name: 'Most CPUs' })).toHaveValue('2');

  const deleted = await first.request.delete(`/api/admin/tenants/${name}`, { headers });
  expect(deleted.status()).toBe(204);
});
