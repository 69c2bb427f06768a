import AxeBuilder from '@axe-core/playwright';
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { logIn, snap, submitJob } from './session';

/** Each page as someone who may see it, with what shows it has loaded. */
const PAGES: { user: string; path: string; name: string; ready: (page: Page) => Locator }[] = [
  { user: 'bob', path: '/', name: 'overview', ready: (page) => page.getByTestId('feed-counts') },
  {
    user: 'bob',
    path: '/t/acme/jobs',
    name: 'jobs',
    ready: (page) => page.getByRole('heading', { name: 'Jobs in acme' }),
  },
  { user: 'bob', path: 'a-new-job', name: 'job', ready: (page) => page.getByTestId('job-state') },
  {
    user: 'bob',
    path: 'a-new-task',
    name: 'task',
    ready: (page) => page.getByRole('log', { name: 'stdout of the task' }),
  },
  {
    user: 'alice',
    path: '/t/acme/tenant',
    name: 'tenant',
    ready: (page) => table(page, 'Members'),
  },
  { user: 'admin', path: '/agents', name: 'agents', ready: (page) => table(page, 'Agents') },
  {
    user: 'admin',
    path: '/admin/tenants',
    name: 'all-tenants',
    ready: (page) => table(page, 'Tenants'),
  },
  { user: 'admin', path: '/admin/audit', name: 'audit', ready: (page) => table(page, 'Audit log') },
];

function table(page: Page, name: string): Locator {
  return page.getByRole('grid', { name }).or(page.getByRole('table', { name }));
}

/** The browser sessions a test opened; closed after it, so their streams and timers stop. */
const opened: BrowserContext[] = [];

test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((context) => context.close()));
});

async function session(browser: Browser, user: string, options = {}): Promise<Page> {
  const context = await browser.newContext(options);
  opened.push(context);
  const page = await context.newPage();
  await logIn(page, user);
  return page;
}

async function open(page: Page, path: string, ready: (page: Page) => Locator) {
  if (path === 'a-new-job' || path === 'a-new-task') {
    const id = await submitJob(page, 'acme', {
      name: 'page-check',
      command: 'echo checked',
      instances: 1,
      resources: { cpus: 0.1, mem: 32 },
    });
    await page.goto(`/t/acme/jobs/${id}`);
    if (path === 'a-new-task') {
      // Once it has run: the page then shows its whole output.
      await expect(page.getByTestId('task-state').first()).toHaveText('TASK_FINISHED', {
        timeout: 60_000,
      });
      await page.getByTestId('task-link').first().click();
    }
  } else {
    await page.goto(path);
  }
  await expect(ready(page).first()).toBeVisible();
}

/** The WCAG 2.1 A and AA rules axe-core checks, with the violations named for the failure message. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

for (const { user, path, name, ready } of PAGES) {
  test(`${name}: passes axe-core's WCAG 2.1 AA checks in light and dark, and fits a phone`, async ({
    browser,
  }) => {
    const light = await session(browser, user, { viewport: { width: 1280, height: 900 } });
    await open(light, path, ready);
    expect(await violations(light)).toEqual([]);
    await snap(light, `portal-${name}`);

    const dark = await session(browser, user, {
      viewport: { width: 1280, height: 900 },
      colorScheme: 'dark',
    });
    await open(dark, path, ready);
    await expect(dark.locator('html')).toHaveClass(/pf-v6-theme-dark/);
    expect(await violations(dark)).toEqual([]);
    await snap(dark, `portal-${name}-dark`);

    const phone = await session(browser, user, { viewport: { width: 390, height: 844 } });
    await open(phone, path, ready);
    const overflow = await phone.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow, 'pixels the page is wider than the screen').toBeLessThanOrEqual(0);
    await snap(phone, `portal-${name}-narrow`);
  });
}

test('dave, in two tenants, switches from acme to globex and the section follows', async ({
  browser,
}) => {
  const dave = await session(browser, 'dave');
  await dave.goto('/t/acme/jobs');
  await expect(dave.getByTestId('tenant-switcher')).toHaveText('acme');
  await dave.getByTestId('tenant-switcher').click();
  await dave.getByRole('option', { name: /globex/ }).click();
  await expect(dave).toHaveURL(/\/t\/globex\/jobs$/);
  await expect(dave.getByRole('heading', { name: 'Jobs in globex' })).toBeVisible();
  // The choice is remembered: the Jobs section opens in globex from now on.
  await dave.goto('/');
  await dave.getByRole('link', { name: 'Jobs' }).click();
  await expect(dave).toHaveURL(/\/t\/globex\/jobs$/);
});
