/**
 * Issue 21 item 1 in the browser: two runs with the same settings stay bit-identical at every reported step, on
 * every backend, whatever the tick planner does (fused sub-slices, diagnosed steps and their dropped pieces,
 * evaluations skipped for a command). The loss CSV holds every reported step's losses in full precision; the two
 * runs' rows must match value for value. Short runs: the point is the identity, not the training.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openChartOptions, openPlayground, pauseAndSettle, waitForSteps, watchPage } from './helpers';

/** Per run (its position), step and metric → value, from the loss chart's CSV (run,step,…,metric,value). */
function lossesByRun(csv: string): Map<string, Map<string, string>> {
  const byRun = new Map<string, Map<string, string>>();
  for (const line of csv.trim().split('\n').slice(1)) {
    const run = /^"?Run (\d+) ·/.exec(line)?.[1];
    const cells = line.split(',');
    const [step, metric, value] = [cells.at(-6), cells.at(-2), cells.at(-1)];
    if (!run || !step || !metric?.endsWith('_loss') || value === undefined) continue;
    const rows = byRun.get(run) ?? new Map<string, string>();
    rows.set(`${step} ${metric}`, value);
    byRun.set(run, rows);
  }
  return byRun;
}

for (const backend of ['cpu', 'webgpu'] as const) {
  test(`${backend}: two runs with the same settings give the same losses, bit for bit, at every reported step`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const watch = watchPage(page, baseURL);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openPlayground(page, `?backend=${backend}&runs=2&speed=0`);
    await page.getByTestId('play').click();
    const changedNear = await waitForSteps(page, backend === 'cpu' ? 3000 : 60, 90_000);
    // A setting changed mid-play (a counted command: it cuts a tick's steps at a round boundary) and back.
    await page.getByTestId('speed-select').selectOption('100');
    await page.getByTestId('speed-select').selectOption('0');
    await waitForSteps(page, changedNear + (backend === 'cpu' ? 3000 : 20), 90_000);
    await pauseAndSettle(page);
    const loss = page.getByTestId('loss-chart');
    await loss.scrollIntoViewIfNeeded();
    await openChartOptions(page);
    // Pause shows every run as it stands, one run after another: on the software GPU the second run's stopped state
    // can come after the step count has settled. Read the CSV until both runs end at the same step (a few tries,
    // 600 ms apart: Chromium drops a frame's downloads beyond ten a second).
    const readRuns = async (): Promise<Map<string, Map<string, string>>> => {
      const [download] = await Promise.all([page.waitForEvent('download'), loss.getByTestId('loss-csv').click()]);
      return lossesByRun(await readFile(await download.path(), 'utf8'));
    };
    const lastStep = (rows: Map<string, string> | undefined): number => Math.max(...[...(rows?.keys() ?? [])].map((key) => Number(key.split(' ')[0])));
    let runs = await readRuns();
    for (let tries = 1; tries < 8 && lastStep(runs.get('1')) !== lastStep(runs.get('2')); tries += 1) {
      await page.waitForTimeout(600);
      runs = await readRuns();
    }
    const [one, two] = [runs.get('1'), runs.get('2')];
    if (!one || !two) throw new Error(`the CSV lacks a run: ${[...runs.keys()].join(', ')}`);
    expect(lastStep(two), 'both runs end at the same step once paused').toBe(lastStep(one));
    const shared = [...one.keys()].filter((key) => two.has(key));
    // The comparison must span the mid-play command: reported steps shared by both runs before and after it. WebGPU
    // reports once a tick, and its ticks grow fourfold, so after the command there may be only the paused tick's end.
    const sharedSteps = [...new Set(shared.map((key) => Number(key.split(' ')[0])))];
    expect(sharedSteps.filter((step) => step < changedNear).length, `shared steps ${sharedSteps.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(sharedSteps.filter((step) => step > changedNear).length, `shared steps ${sharedSteps.join(', ')}`).toBeGreaterThanOrEqual(1);
    const apart = shared.filter((key) => one.get(key) !== two.get(key)).map((key) => `${key}: ${one.get(key)} vs ${two.get(key)}`);
    expect(apart).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
}
