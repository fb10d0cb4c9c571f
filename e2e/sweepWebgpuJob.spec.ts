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

test('a sweep job on WebGPU: grouped runs equal each run opened alone at every checkpoint', async ({ page }) => {
  await page.goto('/e2e/fused/index.html');
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready)).toBe('webgpu');
  const outcome = await page.evaluate(() => (window.sweepJobWebgpu as NonNullable<Window['sweepJobWebgpu']>).run({ steps: 50 }));
  expect(outcome.backend).toBe('webgpu');
  // The runs trained as a group (the one-by-one path would call no group step).
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

test('a LocoProp-M sweep job on WebGPU: grouped runs equal each run opened alone at every checkpoint', async ({ page }) => {
  await page.goto('/e2e/fused/index.html');
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready)).toBe('webgpu');
  const outcome = await page.evaluate(() => (window.sweepJobWebgpu as NonNullable<Window['sweepJobWebgpu']>).run({ steps: 30, algorithm: 'locoprop-m' }));
  expect(outcome.backend).toBe('webgpu');
  // LocoProp-M's runs trained as groups through its batched dispatch (without it they train one by one: no group step).
  expect(outcome.groupCalls).toBeGreaterThan(0);
  expect(outcome.runs).toHaveLength(4);
  for (const run of outcome.runs) {
    expect(run.sweep.length, run.name).toBeGreaterThan(2);
    expect(run.sweep, run.name).toEqual(run.alone);
  }
  expect(new Set(outcome.runs.map((run) => JSON.stringify(run.sweep[run.sweep.length - 1]))).size).toBe(4);
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).deviceErrors())).toEqual([]);
});

test('a feedback-alignment sweep job on WebGPU: grouped runs, each through its own B, equal each run opened alone at every checkpoint', async ({ page }) => {
  await page.goto('/e2e/fused/index.html');
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready)).toBe('webgpu');
  const outcome = await page.evaluate(() => (window.sweepJobWebgpu as NonNullable<Window['sweepJobWebgpu']>).run({ steps: 30, algorithm: 'feedback-alignment' }));
  expect(outcome.backend).toBe('webgpu');
  expect(outcome.groupCalls).toBeGreaterThan(0);
  expect(outcome.runs).toHaveLength(4);
  for (const run of outcome.runs) {
    expect(run.sweep.length, run.name).toBeGreaterThan(2);
    expect(run.sweep, run.name).toEqual(run.alone);
  }
  expect(new Set(outcome.runs.map((run) => JSON.stringify(run.sweep[run.sweep.length - 1]))).size).toBe(4);
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).deviceErrors())).toEqual([]);
});

test('an Adam-HD sweep job on WebGPU: grouped runs, each adapting its own α from chunk to chunk, equal each run opened alone at every checkpoint', async ({ page }) => {
  await page.goto('/e2e/fused/index.html');
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready)).toBe('webgpu');
  const outcome = await page.evaluate(() => (window.sweepJobWebgpu as NonNullable<Window['sweepJobWebgpu']>).run({ steps: 30, algorithm: 'adam-hd' }));
  expect(outcome.backend).toBe('webgpu');
  expect(outcome.groupCalls).toBeGreaterThan(0);
  expect(outcome.runs).toHaveLength(4);
  for (const run of outcome.runs) {
    expect(run.sweep.length, run.name).toBeGreaterThan(2);
    expect(run.sweep, run.name).toEqual(run.alone);
  }
  expect(new Set(outcome.runs.map((run) => JSON.stringify(run.sweep[run.sweep.length - 1]))).size).toBe(4);
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).deviceErrors())).toEqual([]);
});
