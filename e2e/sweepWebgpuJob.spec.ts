/**
 * A sweep on WebGPU keeps the open-a-point contract (issue 17 §3, §8): the app's sweep job, its runs grouped in
 * one batched dispatch a chunk (src/engine/sweep/gpuRunGroup.ts), records at every checkpoint exactly what each
 * run opened alone on WebGPU measures (a session stepped to the checkpoint and evaluated): 4 runs (2 rates × 2
 * seeds, two data sets joined) × 50 steps of 2-8-8-1 tanh, Adam; and LocoProp-M's batched dispatch
 * (algorithms/locoprop/webgpuLocoPropSweep.ts), 4 runs (inner optimizer kept or reset × 2 seeds, two groups) × 30
 * outer steps; feedback alignment's (4 runs × 30 steps, each seed's B stacked beside θ); and Adam-HD's (each run's α
 * carried on the device from chunk to chunk). On the fused test page
 * (SwiftShader here).
 */
import { expect, test } from './fixtures';
import type { SweepJobRequest } from './sweep/sweepJobPage';

/** Each algorithm's (or rule's) group: the steps it trains and what the test's title says of it. */
const CASES: { request: SweepJobRequest; title: string }[] = [
  { request: { steps: 50, algorithm: 'backprop' }, title: 'a sweep job on WebGPU: grouped runs equal each run opened alone at every checkpoint' },
  { request: { steps: 30, algorithm: 'locoprop-m' }, title: 'a LocoProp-M sweep job on WebGPU: grouped runs equal each run opened alone at every checkpoint' },
  { request: { steps: 30, algorithm: 'feedback-alignment' }, title: 'a feedback-alignment sweep job on WebGPU: grouped runs, each through its own B, equal each run opened alone at every checkpoint' },
  { request: { steps: 30, algorithm: 'adam-hd' }, title: 'an Adam-HD sweep job on WebGPU: grouped runs, each adapting its own α from chunk to chunk, equal each run opened alone at every checkpoint' },
];

for (const { request, title } of CASES) {
  test(title, async ({ page }) => {
    await page.goto('/e2e/fused/index.html');
    expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready)).toBe('webgpu');
    const outcome = await page.evaluate((r) => (window.sweepJobWebgpu as NonNullable<Window['sweepJobWebgpu']>).run(r), request);
    expect(outcome.backend).toBe('webgpu');
    // The runs trained as groups (the one-by-one path calls no group step).
    expect(outcome.groupCalls).toBeGreaterThan(0);
    expect(outcome.runs).toHaveLength(4);
    for (const run of outcome.runs) {
      expect(run.sweep.length, run.name).toBeGreaterThan(2);
      expect(run.sweep, run.name).toEqual(run.alone);
    }
    // The runs differ (a job training one run four times would pass the comparison).
    expect(new Set(outcome.runs.map((run) => JSON.stringify(run.sweep[run.sweep.length - 1]))).size).toBe(4);
    expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).deviceErrors())).toEqual([]);
  });
}
