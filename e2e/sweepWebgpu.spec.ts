/**
 * The batched WebGPU sweep (src/algorithms/backprop/webgpuSweepSteps.ts; issue 17 §8): a sweep's runs in ONE
 * dispatch, workgroup r training run r, end where each run ends trained alone on the one-workgroup kernel (which
 * e2e/fusedWebgpu.spec.ts holds to the plain path): θ, Adam's two slots and every step's loss, bit for bit, for
 * the 48 runs of the 16-rate × 3-seed sweep of 2-8-8-1 tanh on the circle (3 data sets in one training set), 100
 * steps each. A kernel whose run r reads run r+1's rates must fail the same check, run by run, by more than the
 * fused kernel's own parity tolerance (1e-5 relative). The same for LocoProp-M's batched kernel
 * (src/algorithms/locoprop/webgpuLocoPropSweep.ts; inner Adam, K = 3) against its one-workgroup kernel, on 16 of
 * the runs × 30 outer steps. And feedback alignment's (backprop's batched kernel, each run's B bound beside θ) against
 * the one-run kernel with that run's B, on the 48 runs × 30 steps; a kernel whose every run reads run 0's B must fail.
 * And backprop's with Adam-HD, each run's α adapted on its own (16 runs × 50 steps, α compared at every step).
 * On the fused test page (e2e/fused/index.html), SwiftShader here.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TOLERANCE } from './fused/parityBound';
import type { SweepParityRequest, SweepParityResult } from './sweep/sweepApi';

function parity(page: Page, request: SweepParityRequest): Promise<SweepParityResult> {
  return page.evaluate((r) => (window.sweepWebgpu as NonNullable<Window['sweepWebgpu']>).parity(r), request);
}

/** Opens the fused test page on WebGPU. */
async function openPage(page: Page): Promise<void> {
  await page.goto('/e2e/fused/index.html');
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready)).toBe('webgpu');
}

/** The batched runs of `request` (variant exact) end bit for bit where each run alone ends, and they differ from one another. */
async function expectEachAlone(page: Page, request: Omit<SweepParityRequest, 'variant'>): Promise<void> {
  const exact = await parity(page, { ...request, variant: 'exact' });
  expect(exact.runs).toHaveLength(request.runs);
  // Different runs, or one run trained R times would pass.
  expect(exact.distinctThetas).toBe(request.runs);
  expect(exact.runs.filter((run) => !run.identical).map((run) => `${run.name}: θ ${run.theta}, slots ${run.slots}, losses ${run.losses}`)).toEqual([]);
}

/** Runs that a mutant leaves right: identical, or within the fused kernels' own parity tolerance. */
const unharmed = (runs: SweepParityResult['runs']): string[] => runs.filter((run) => run.identical || Math.max(run.theta, run.slots, run.losses) <= TOLERANCE).map((run) => run.name);

async function expectNoDeviceErrors(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).deviceErrors())).toEqual([]);
}

test('batched WebGPU sweep: 48 runs in one dispatch end bit for bit where each run alone ends; run r reading run r+1’s rate fails', async ({ page }) => {
  await openPage(page);
  // 16 rates × 3 seeds.
  await expectEachAlone(page, { runs: 48, steps: 100 });
  // 16 runs, one per rate (seed 1), so every run's neighbour has another rate.
  const mutant = await parity(page, { runs: 16, steps: 100, variant: 'next-run-rate' });
  expect(mutant.runs).toHaveLength(16);
  expect(unharmed(mutant.runs)).toEqual([]);
  await expectNoDeviceErrors(page);
});

test('batched WebGPU LocoProp-M sweep: 16 runs in one dispatch end bit for bit where each run alone ends; run r reading run r+1’s rate fails', async ({ page }) => {
  await openPage(page);
  // 16 runs spread over the 48: every rate once, the seeds interleaved.
  await expectEachAlone(page, { algorithm: 'locoprop-m', runs: 16, steps: 30 });
  expect(unharmed((await parity(page, { algorithm: 'locoprop-m', runs: 16, steps: 30, variant: 'next-run-rate' })).runs)).toEqual([]);
  await expectNoDeviceErrors(page);
});

test('batched WebGPU feedback-alignment sweep: 48 runs in one dispatch, each through its own B, end bit for bit where each run alone ends; every run reading run 0’s B fails', async ({ page }) => {
  await openPage(page);
  // All 48: B comes from the seed, so the three seeds' runs carry three different B.
  await expectEachAlone(page, { algorithm: 'feedback-alignment', runs: 48, steps: 30 });
  // Runs of run 0's seed read their own B either way; each of the others goes wrong by more than the parity tolerance.
  const mutant = await parity(page, { algorithm: 'feedback-alignment', runs: 48, steps: 30, variant: 'first-run-feedback' });
  const seedOf = (name: string): string => name.split(' · ')[1];
  const others = mutant.runs.filter((run) => seedOf(run.name) !== seedOf(mutant.runs[0].name));
  expect(others).toHaveLength(32);
  expect(mutant.runs.filter((run) => seedOf(run.name) === seedOf(mutant.runs[0].name)).every((run) => run.identical)).toBe(true);
  expect(unharmed(others)).toEqual([]);
  await expectNoDeviceErrors(page);
});

test('batched WebGPU Adam-HD sweep: 16 runs in one dispatch, each adapting its own α, end bit for bit where each run alone ends (α at every step too, as a slot); run r reading run r+1’s rates fails', async ({ page }) => {
  await openPage(page);
  await expectEachAlone(page, { algorithm: 'adam-hd', runs: 16, steps: 50 });
  expect(unharmed((await parity(page, { algorithm: 'adam-hd', runs: 16, steps: 50, variant: 'next-run-rate' })).runs)).toEqual([]);
  await expectNoDeviceErrors(page);
});
