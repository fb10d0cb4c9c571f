/**
 * Feedback alignment's fused WebGPU kernel (src/algorithms/feedback-alignment/fused.ts: backprop's one-workgroup
 * WGSL with the run's B as its `feedback` binding) against the same run on plain TF.js ops on WebGPU, from the same
 * θ₀ and B on the same batches: θ, the slots and the train loss after 1 and 30 (or 10) steps to 1e-5 (the fused kernels'
 * parity bound), over a few activations, optimizers and a penalty. Backprop's fused kernel from the same start (the
 * error sent down through W) fails the same comparison. A network wider than one workgroup, or one whose buffers the
 * device cannot bind (Adam at 2-64-64-1: 9 storage buffers with B, over 8), takes the plain path.
 * On the fused test page (SwiftShader here: plain steps cost ~0.2 s each, so the cases are few and short).
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TOLERANCE } from './fused/parityBound';
import type { FeedbackAlignmentOutcome, FeedbackAlignmentRequest } from './fused/feedbackAlignmentPage';

function run(page: Page, request: FeedbackAlignmentRequest): Promise<FeedbackAlignmentOutcome> {
  return page.evaluate((r) => (window.feedbackAlignmentWebgpu as NonNullable<Window['feedbackAlignmentWebgpu']>).run(r), request);
}

test('feedback alignment on WebGPU: its fused kernel agrees with plain ops to 1e-5; backprop’s kernel does not; wide networks stay plain', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/e2e/fused/index.html');
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready)).toBe('webgpu');
  // Plain steps cost ~0.2 s each on SwiftShader: 30 steps for the first case, 10 for the second.
  const cases: [FeedbackAlignmentRequest['overrides'], number][] = [
    [{ optimizer: 'adam', learningRate: 0.01 }, 30],
    [{ optimizer: 'momentum', learningRate: 0.05, activation: ['relu', 'sigmoid'], regularization: 'l2', regularizationRate: 0.01 }, 10],
  ];
  for (const [overrides, longest] of cases) {
    for (const steps of [1, longest]) {
      const outcome = await run(page, { steps, overrides, kernel: 'feedback-alignment' });
      const where = `${JSON.stringify(overrides)} after ${steps}`;
      expect(outcome.backend, where).toBe('webgpu');
      expect(outcome.fusedPath, where).toBe('fused');
      expect(Math.max(outcome.theta, outcome.slots, outcome.trainLoss), where).toBeLessThanOrEqual(TOLERANCE);
    }
  }
  const backprop = await run(page, { steps: 10, overrides: cases[0][0], kernel: 'backprop' });
  expect(backprop.theta).toBeGreaterThan(1e-3);
  const wide = await run(page, { steps: 1, overrides: { hidden: [65], activation: ['tanh'] }, kernel: 'feedback-alignment' });
  expect(wide.fusedPath).toBe('plain');
  // Adam at 2-64-64-1 would need 9 storage buffers with B, over the device's 8: plain too, and it trains.
  const unbound = await run(page, { steps: 1, overrides: { hidden: [64, 64], activation: ['tanh', 'tanh'], optimizer: 'adam' }, kernel: 'feedback-alignment' });
  expect(unbound.fusedPath).toBe('plain');
  expect(await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).deviceErrors())).toEqual([]);
});
