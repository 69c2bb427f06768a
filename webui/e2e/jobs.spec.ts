import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { logIn, snap, submitJob } from './session';

test('bob submits a job through the form and watches it finish without reloading, reads its task output and files; carol cannot see them', async ({
  browser,
}) => {
  const bob = await browser.newPage();
  await logIn(bob, 'bob');
  await bob.getByRole('link', { name: 'Jobs' }).click();
  await expect(bob).toHaveURL(/\/t\/acme\/jobs$/);

  await bob.getByTestId('new-job').click();
  // The form checks what the master would refuse before sending it.
  await bob.getByRole('textbox', { name: 'Name', exact: true }).fill('Not Valid');
  await bob
    .getByRole('textbox', { name: 'Command', exact: true })
    .fill('sleep 3 && echo hello from the portal');
  await bob.getByRole('button', { name: 'Submit' }).click();
  await expect(bob.getByTestId('error-name')).toContainText('lowercase');

  await bob.getByRole('textbox', { name: 'Name', exact: true }).fill('hello-portal');
  await bob.getByRole('button', { name: 'Submit' }).click();
  await expect(bob).toHaveURL(/\/t\/acme\/jobs\/[0-9a-f-]{36}$/);
  const jobUrl = bob.url();
  await expect(bob.getByTestId('job-state')).toHaveText(/PENDING|RUNNING/);
  // A mark on this page: a reload would wipe it. The states that follow come from the event stream.
  await bob.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));
  await expect(bob.getByTestId('job-state')).toHaveText('RUNNING', { timeout: 30_000 });
  await expect(bob.getByTestId('job-state')).toHaveText('FINISHED', { timeout: 60_000 });
  expect(
    await bob.evaluate(
      () => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage,
    ),
  ).toBe(true);
  await expect(bob.getByTestId('task-state')).toHaveText('TASK_FINISHED');
  await snap(bob, 'portal-job-finished');

  // The task page: its timeline, its output (searchable, downloadable) and its sandbox.
  await bob.getByTestId('task-link').first().click();
  await expect(bob).toHaveURL(/\/t\/acme\/tasks\/[^/]+$/);
  const taskUrl = bob.url();
  await expect(bob.getByTestId('task-page-state')).toHaveText('TASK_FINISHED');
  const timeline = bob.getByRole('list', { name: 'State timeline' });
  await expect(timeline).toContainText('TASK_RUNNING');
  await expect(timeline).toContainText('TASK_FINISHED');
  await expect(bob.getByRole('tab', { name: 'stdout' })).toHaveAttribute('aria-selected', 'true');
  const stdout = bob.getByRole('log', { name: 'stdout of the task' });
  await expect(stdout).toContainText('hello from the portal');
  await bob.getByRole('textbox', { name: 'Search stdout' }).fill('from the portal');
  await expect(stdout.locator('mark')).toHaveText('from the portal');
  await stdout.scrollIntoViewIfNeeded();
  await snap(bob, 'portal-task-stdout');
  const download = bob.waitForEvent('download');
  await bob.getByRole('link', { name: 'Download the whole stdout' }).click();
  const saved = await (await download).path();
  expect(readFileSync(saved, 'utf8')).toBe('hello from the portal\n');

  await bob.getByRole('tab', { name: 'Files' }).click();
  const files = bob.getByRole('grid', { name: 'Sandbox files' });
  await expect(files.getByRole('row').filter({ hasText: 'stdout' })).toBeVisible();
  await expect(files.getByRole('row').filter({ hasText: 'stderr' })).toBeVisible();
  await bob.goto(jobUrl);

  await bob.getByRole('link', { name: 'Jobs' }).click();
  await expect(bob.getByRole('link', { name: 'hello-portal' }).first()).toBeVisible();
  await snap(bob, 'portal-jobs');

  const carol = await (await browser.newContext()).newPage();
  await logIn(carol, 'carol');
  await carol.goto(jobUrl);
  await expect(carol.getByTestId('job-error')).toContainText('Job not found');
  await snap(carol, 'portal-job-not-found');
  await carol.goto(taskUrl);
  await expect(carol.getByTestId('task-error')).toContainText('Task not found');
});

test('bob writes a job as JSON: a bad constraint is refused in the browser, the fixed one is submitted', async ({
  page,
}) => {
  await logIn(page, 'bob');
  await page.goto('/t/acme/jobs');
  await page.getByTestId('new-job').click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('as-json');
  await page.getByRole('textbox', { name: 'Command', exact: true }).fill('echo "$GREETING"');
  await page.getByText('Edit as JSON').click();

  const editor = page.getByRole('textbox', { name: 'Job as JSON' });
  const job = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
  expect(job).toMatchObject({ name: 'as-json', command: 'echo "$GREETING"', instances: 1 });
  await editor.fill(
    JSON.stringify({ ...job, env: { GREETING: 'hi' }, constraints: [['rack', 'UNIQUE']] }),
  );
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('error-json')).toContainText(
    'UNIQUE is supported on hostname only',
  );

  await editor.fill(
    JSON.stringify({ ...job, env: { GREETING: 'hi' }, constraints: [['hostname', 'UNIQUE']] }),
  );
  // Back to the fields and on again: nothing typed is lost on the way.
  await page.getByText('Edit as JSON').click();
  await expect(page.getByRole('textbox', { name: 'Environment' })).toHaveValue('GREETING=hi');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/t\/acme\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('job-state')).toHaveText(/PENDING|RUNNING|FINISHED/);
});

test('bob follows a running task’s stdout live, and the viewer says when the task has ended', async ({
  page,
}) => {
  await logIn(page, 'bob');
  const id = await submitJob(page, 'acme', {
    name: 'counter',
    command: 'for i in 1 2 3 4 5 6 7 8; do echo "tick $i"; sleep 1; done',
    instances: 1,
    resources: { cpus: 0.1, mem: 32 },
  });
  await page.goto(`/t/acme/jobs/${id}`);
  await expect(page.getByTestId('task-state').first()).toHaveText('TASK_RUNNING', {
    timeout: 30_000,
  });
  await page.getByTestId('task-link').first().click();

  const follow = page.getByRole('switch', { name: 'Follow stdout live' });
  await expect(follow).toBeEnabled();
  await page.locator('label[for="follow-stdout"]').click();
  await expect(follow).toBeChecked();
  const stdout = page.getByRole('log', { name: 'stdout of the task' });
  // Lines written after the page opened arrive without a reload.
  await expect(stdout).toContainText('tick 8', { timeout: 30_000 });
  await expect(page.getByText('The task has ended: all its output is shown.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(stdout.getByText(/^tick \d$/)).toHaveCount(8);
});
