/**
 * Worker faults (issue 21, item 6): a worker that dies says nothing, so the page's heartbeat notices it and
 * starts another, which puts the runs back at the latest state the page kept (src/worker/runResume.ts); an error
 * nothing caught in the worker is reported with what training did after it. The faults come from the worker's automation hook (`simulateWorkerFault`); the heartbeat's minute passes on the
 * page's clock (Playwright's, installed before the page loads), the worker's own time untouched.
 */
import { expect, test } from '@playwright/test';
import { openPlayground, readNumber, waitForSteps, watchPage } from './helpers';

/**
 * The client's heartbeat (src/worker/client.ts): a ping every 5 s; a worker silent through 2 of them is said
 * silent, through 12 of them dead.
 */
const PING_INTERVAL_MS = 5000;
const SILENT_NOTICE_PINGS = 2;
const MISSED_PINGS_ALLOWED = 12;

test('a worker that closes itself while training is noticed, replaced, and its runs go on from the latest state the page kept', async ({ page }) => {
  await page.clock.install();
  await openPlayground(page, '?backend=cpu&runs=2&r2.learningRate=0.1');
  await page.getByTestId('play').click();
  await waitForSteps(page, 50);
  // A pause sends the runs' states to the page (src/worker/runResume.ts); playing on, later ones may come too.
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  const paused = await readNumber(page, 'step-count');
  await page.getByTestId('play').click();
  await waitForSteps(page, paused + 20);
  await page.evaluate(() => window.locolab?.client.send({ type: 'simulateWorkerFault', fault: 'close' }));
  const status = page.getByTestId('status');
  // Pings go unanswered: from the beat after SILENT_NOTICE_PINGS of them, the page says so before any restart.
  await page.clock.runFor((SILENT_NOTICE_PINGS + 1) * PING_INTERVAL_MS);
  await expect(status).toContainText(/The training worker has not answered for \d+ s \(\d+ pings\): it may be busy with a long piece of work, or it has stopped\. If it has not answered at 60 s \(in \d+ s\), a new worker is started and the 2 runs go on from step \d+, the latest state the page kept\./);
  await expect(page.getByTestId('pause')).toBeVisible();
  // After MISSED_PINGS_ALLOWED of them, the next beat replaces the worker.
  await page.clock.runFor((MISSED_PINGS_ALLOWED - SILENT_NOTICE_PINGS) * PING_INTERVAL_MS);
  const said = /The training worker stopped answering \(no reply to 12 pings over 60 s\)\. A new worker was started: the 2 runs go on from step (\d+), the latest state the page kept\. Press Play to go on\./;
  await expect(status).toContainText(said);
  await expect(status).not.toContainText('has not answered');
  const resumedAt = Number(said.exec((await status.textContent()) ?? '')?.[1]);
  // Not step 0: from the state kept at the pause, or a later one kept while playing on.
  expect(paused).toBeGreaterThanOrEqual(50);
  expect(resumedAt).toBeGreaterThanOrEqual(paused);
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('step-count')).toHaveText(String(resumedAt));
  await page.getByTestId('play').click();
  await waitForSteps(page, resumedAt + 20);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
});

test('an error nothing catches in the worker while training: the status names it and says training goes on', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('play').click();
  await waitForSteps(page, 20);
  await page.evaluate(() => window.locolab?.client.send({ type: 'simulateWorkerFault', fault: 'throw' }));
  await expect(page.getByTestId('status')).toContainText('The training worker reported an error: Uncaught Error: simulated fault: an error nothing catches. Training goes on.');
  await expect(page.getByTestId('status')).not.toContainText('failed to run');
  const after = await readNumber(page, 'step-count');
  await waitForSteps(page, after + 20);
  await page.getByTestId('pause').click();
  expect(watch.errors).toEqual([]);
});

test('a worker whose training hangs but which still answers pings is noticed after a minute, replaced, and trains again', async ({ page }) => {
  await page.clock.install();
  await openPlayground(page, '?backend=cpu&runs=2&r2.learningRate=0.1');
  await page.getByTestId('play').click();
  await waitForSteps(page, 50);
  // Its work queue now awaits a promise that never settles; its message loop answers every ping.
  await page.evaluate(() => window.locolab?.client.send({ type: 'simulateWorkerFault', fault: 'stall' }));
  const stuck = page.getByTestId('status').getByText(/Training was stuck: Play was on, but no step came for \d+ s/);
  for (let beat = 0; beat < 16 && !(await stuck.isVisible()); beat++) {
    await page.clock.runFor(PING_INTERVAL_MS);
    // Lets the pong of that beat's ping come back (real time), so the worker is not taken for dead.
    await page.waitForTimeout(200);
  }
  await expect(stuck).toBeVisible();
  await expect(page.getByTestId('status')).not.toContainText('stopped answering');
  // The runs go on from the latest state the page kept (step 0 when none came before the stall).
  await expect(page.getByTestId('status')).toContainText(/A new worker was started: the 2 runs (go on from step \d+, the latest state the page kept|start again from step 0 with their settings)/);
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('play').click();
  await waitForSteps(page, 20);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
});
