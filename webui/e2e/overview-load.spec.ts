import { expect, test } from '@playwright/test';
import { logIn, snap, submitJob } from './session';
import { paced, SimulatedAgent } from './simulated-agent';

const TASKS = 1000;
const EVENTS_PER_SECOND = 200;

/** Runs in the page (as text: the browser's types are not the tests'). */
const OBSERVE = `
  const seen = { longestTask: 0, longTasks: 0, slowestInteraction: 0, interactions: 0 };
  globalThis.smoothness = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.longTasks += 1;
      seen.longestTask = Math.max(seen.longestTask, entry.duration);
    }
  }).observe({ type: 'longtask' });
  // Key press to the frame after it: how long the page took to answer the hand.
  document.addEventListener('keydown', () => {
    const pressed = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      seen.interactions += 1;
      seen.slowestInteraction = Math.max(seen.slowestInteraction, performance.now() - pressed);
    }, 0));
  }, true);
`;

interface Smoothness {
  longestTask: number;
  longTasks: number;
  slowestInteraction: number;
  interactions: number;
}

test('the overview keeps up with 1,000 tasks and 200 events a second, misses none and stays responsive', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const token = process.env.ATRIUM_E2E_AGENT_TOKEN;
  expect(token, 'ATRIUM_E2E_AGENT_TOKEN: the cluster agent token').toBeTruthy();

  const admin = await browser.newPage();
  await logIn(admin, 'admin');
  await expect(admin.getByTestId('feed-counts')).toHaveAttribute('data-stream', 'live');
  // What a person would feel: long tasks block the page, slow interactions lag behind the hand.
  await admin.evaluate(OBSERVE);

  const agent = new SimulatedAgent(
    baseURL!,
    token!,
    `sim-load-${Date.now()}`,
    'cpus:20;mem:20000;disk:20000',
  );
  // Tasks already running elsewhere (a stack used before): the counts below are on top.
  const runningLabel = admin.getByTestId('tasks-TASK_RUNNING');
  const runningBefore = (await runningLabel.count())
    ? Number((await runningLabel.textContent())?.replace(/\D/g, ''))
    : 0;
  await agent.start();
  let allFinished = false;
  try {
    // carol (globex) submits 1,000 instances pinned to the simulated agent.
    const carol = await (await browser.newContext()).newPage();
    await logIn(carol, 'carol');
    await submitJob(carol, 'globex', {
      name: 'overview-load',
      command: 'true',
      instances: TASKS,
      resources: { cpus: 0.01, mem: 1 },
      constraints: [['hostname', 'LIKE', agent.hostname]],
    });
    await expect.poll(() => agent.launched.length, { timeout: 120_000 }).toBe(TASKS);

    // 1,000 tasks start, at 200 a second.
    await paced(agent.launched, EVENTS_PER_SECOND, (task) => agent.update(task, 'TASK_RUNNING'));
    await expect.poll(() => agent.acknowledged.TASK_RUNNING ?? 0, { timeout: 60_000 }).toBe(TASKS);
    await expect(runningLabel).toHaveText(`Running: ${runningBefore + TASKS}`);

    // 2,000 health changes at 200 a second, while a person filters the feed.
    const flaps = [...agent.launched, ...agent.launched].map((task, i) => ({
      task,
      healthy: i >= TASKS,
    }));
    const load = paced(flaps, EVENTS_PER_SECOND, ({ task, healthy }) =>
      agent.update(task, 'TASK_RUNNING', healthy),
    );
    const filter = admin.getByLabel('Filter the events');
    for (const text of ['unhealthy', 'globex']) {
      await filter.clear();
      await filter.pressSequentially(text, { delay: 50 });
      await expect(admin.getByTestId('feed')).toContainText(text);
    }
    await filter.clear();
    await load;

    // All finish, at 200 a second.
    await paced(agent.launched, EVENTS_PER_SECOND, (task) => agent.update(task, 'TASK_FINISHED'));
    await expect.poll(() => agent.pending, { timeout: 60_000 }).toBe(0);
    allFinished = true;

    // Every update the master recorded reached the page, once: no event was dropped.
    await expect(admin.getByTestId('feed-state-TASK_STAGING')).toHaveText(`Staging: ${TASKS}`);
    await expect(admin.getByTestId('feed-state-TASK_RUNNING')).toHaveText(
      `Running: ${agent.acknowledged.TASK_RUNNING}`,
    );
    await expect(admin.getByTestId('feed-state-TASK_FINISHED')).toHaveText(`Finished: ${TASKS}`);
    if (runningBefore === 0) await expect(runningLabel).toHaveCount(0);
    else await expect(runningLabel).toHaveText(`Running: ${runningBefore}`);
    await expect(admin.getByTestId('feed-reconnects')).toHaveAttribute('data-reconnects', '0');
    await expect(admin.getByTestId('stream-lost')).toHaveCount(0);
    await snap(admin, 'portal-overview-load');

    const smoothness = await admin.evaluate(
      () => (globalThis as unknown as { smoothness: Smoothness }).smoothness,
    );
    console.log(`overview under load: ${JSON.stringify(smoothness)}`);
    expect(smoothness.interactions, 'key presses measured').toBeGreaterThanOrEqual(
      'unhealthyglobex'.length,
    );
    expect(smoothness.slowestInteraction, 'slowest key press to paint, ms').toBeLessThan(500);
    expect(smoothness.longestTask, 'longest task blocking the page, ms').toBeLessThan(500);
  } finally {
    // A failed run leaves no running tasks behind on the stack.
    if (!allFinished) {
      agent.launched.forEach((task) => agent.update(task, 'TASK_FINISHED'));
      await expect.poll(() => agent.pending, { timeout: 60_000 }).toBe(0);
    }
    agent.close();
  }
});
