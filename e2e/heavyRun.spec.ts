import { expect, test } from '@playwright/test';
import { readNumber } from './helpers';

/** The request id of the export the pause test sends as a barrier (an id the page's own exports do not use). */
const BARRIER = 424_242;

/**
 * A heavy link (issue 21 item 3, issue 20 §7): MNIST through two layers of 512 at batch 128, about 0.5 GFLOP a
 * step, on the CPU backend. Before, such a link showed step 0 and "2 → 512 → 512 → 1" with no word while the
 * worker evaluated the untrained network on 4,000 examples three times, answering nothing. Now the cost is said
 * before that (with a smaller network to try), the architecture names the data's sizes, and Pause takes effect
 * between slices of work (a step, or a chunk of an evaluation). Heavy, not absurd: a few seconds a tick, so the test stays short.
 */
test('a heavy MNIST network on the CPU says its cost first, names its sizes, trains, and pauses', async ({ page }) => {
  test.setTimeout(180_000);
  // On the plain path (TF.js's CPU kernels, assumed at 0.3 GFLOP/s): on the fused kernels (WebAssembly, assumed at
  // 2 GFLOP/s, deviceRate.ts) this step is estimated at a quarter second, not heavy, and no smaller network is offered.
  // The data file waits until the test lets it through: before it loads, the architecture line says so and gives no
  // sizes (before, it showed the 2-D sets' "2 → 512 → 512 → 1" for MNIST).
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.context().route('**/data/mnist.bin', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?backend=cpu&dataset=mnist&hidden=512,512&activation=tanh,tanh&batchSize=128&kernels=plain');
  await expect(page.getByTestId('architecture')).toHaveText('inputs → 512 → 512 → outputs · loading the data…');
  release();
  const status = page.getByTestId('status');
  await expect(status).toContainText(/Heavy network: 669,706 parameters\. A step of batch 128 is 513\.5 MFLOP, about [\d.]+ s on CPU/, { timeout: 60_000 });
  await expect(status).toContainText("Losses and accuracies are measured on the first 747 of 10,000 training examples (a smaller network's evaluations take the first 2,000) and 747 of 2,000 test examples");
  await expect(status).toContainText(/For steps under 0\.1 s, try hidden layers \d+,\d+\./);
  await expect(page.getByTestId('architecture')).toContainText('784 → 512 → 512 → 10');
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 120_000 });

  await page.getByTestId('play').click();
  await expect.poll(() => readNumber(page, 'step-count'), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
  // Once its first step is timed the rate is this device's own.
  await expect(status).toContainText('GFLOP/s measured on this device', { timeout: 60_000 });
  // The worker's events from here on, as the page's client hears them.
  await page.evaluate((barrier) => {
    const log: string[] = [];
    (window as unknown as { pauseLog: string[] }).pauseLog = log;
    window.locolab?.client.subscribe((event) => {
      if (event.type === 'playing') log.push(`playing ${event.playing}`);
      if (event.type === 'tick') log.push(`tick ${event.metric.step} ${event.stepsPerSecond}`);
      if (event.type === 'configExport' && event.requestId === barrier) log.push('barrier');
    });
  }, BARRIER);
  // The worker takes the pause at its next slice: a step, or a chunk of an evaluation (~0.1 GFLOP), which the
  // pause then drops (engine/evaluationChunks.ts).
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false', { timeout: 60_000 });
  // A barrier: a command the worker queues behind the work in flight (an export refused at once, steps −1), so its
  // answer comes after the tick that was running and after the pause's own evaluation.
  await page.evaluate((requestId) => window.locolab?.client.send({ type: 'exportConfig', requestId, config: {} as never, steps: -1 }), BARRIER);
  const log = (): Promise<string[]> => page.evaluate(() => (window as unknown as { pauseLog: string[] }).pauseLog);
  await expect.poll(async () => (await log()).includes('barrier'), { timeout: 60_000 }).toBe(true);
  // After the pause, one tick only: the pause's own evaluation (0 steps/s) of the steps taken before it came in;
  // the tick it cut short shows nothing. The page shows that step, and nothing is queued to move it.
  const afterPause = (await log()).slice((await log()).indexOf('playing false'));
  const ticks = afterPause.filter((line) => line.startsWith('tick'));
  expect(ticks).toHaveLength(1);
  const [, step, stepsPerSecond] = ticks[0].split(' ');
  expect(Number(stepsPerSecond)).toBe(0);
  expect(await readNumber(page, 'step-count')).toBe(Number(step));
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  // The smaller network is a button: it gives the run those hidden layers (state/messageActions.ts), as offered
  // now (once a step is timed, for the measured rate).
  const offered = /try hidden layers (\d+),(\d+)\./.exec((await status.textContent()) ?? '') ?? [];
  await page.getByTestId('message-action').click();
  await expect(page.getByTestId('units-1')).toHaveValue(offered[1]);
  await expect(page.getByTestId('units-2')).toHaveValue(offered[2]);
});

/**
 * One heavy run beside a light one (issue 21): in lockstep the light run steps only as often as the heavy one,
 * and the page says so, with the way out; in equal time it says nothing of the kind.
 */
test('a light run beside a heavy one: lockstep says why it waits, equal time does not', async ({ page }) => {
  test.setTimeout(120_000);
  const status = page.getByTestId('status');
  const heavy = '?backend=cpu&runs=2&r2.dataset=mnist&r2.hidden=512,512&r2.activation=tanh,tanh&r2.batchSize=128';
  await page.goto(`/${heavy}`);
  await expect(status).toContainText(/Run 1 waits for run 2: in lockstep every run takes the same steps, and a step of run 2 takes about [\d.]+ m?s, [\d,.]+× one of run 1\. Choose equal time \(Pacing: time\) to let each train at its own pace\./, { timeout: 60_000 });
  await page.goto(`/${heavy}&pacing=time`);
  // Its steps are light on the fused kernels (a quarter second assumed); its evaluation is cut: a large network.
  await expect(status).toContainText('Large network', { timeout: 60_000 });
  await expect(page.getByTestId('run-train-loss').nth(1)).toHaveText(/^\d/, { timeout: 60_000 });
  await expect(status).not.toContainText('waits for');
});
