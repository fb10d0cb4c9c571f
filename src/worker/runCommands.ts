/**
 * The commands that act on one run (the selected one) and put it back exactly as it was: timing every
 * algorithm on its weights, and the LR range test.
 */
import { settingValuesOf } from '../algorithms/presentation';
import { ALGORITHM_INFO, ALGORITHMS, type AlgorithmName } from '../algorithms/registry';
import { stepSettingsOf } from '../algorithms/settings';
import { runRangeTest } from '../engine/lrfinder/rangeTest';
import type { Post } from './host';
import type { BackendName } from './protocol';
import type { RunGroup } from './runGroup';
import { MIN_TIMED_STEPS, measuredMsPerStep } from '../engine/stepTiming';

/**
 * The most steps one timed batch takes: 2^16. At 4,096, fused backprop on a small network (about 0.01 ms a step
 * after the fused kernels' tanh, a95724e) took under stepTiming's 50 ms and was shown as "not measured yet".
 */
const MAX_TIMED_STEPS = 65_536;

export class RunCommands {
  private rangeTestCancelled = false;

  /** Posts facts only (the cost, the range test's result); the page words them (state/runMessages.ts). */
  constructor(private readonly post: Post) {}

  cancelRangeTest(): void {
    this.rangeTestCancelled = true;
  }

  /**
   * Times each algorithm on the run's current weights: two warm-up steps (shader compilation on GPUs), then
   * batches of 20, 40, 80, … steps until one batch works for at least 150 ms, each ended by a one-number
   * readback whose fixed latency (measured with nothing queued) is subtracted. A batch that never gets there
   * (MAX_TIMED_STEPS) reports no time unless it passes stepTiming's rule. Then restores the snapshot
   * (weights, optimizer, batch order, counters) and the settings, so the run goes on exactly as before.
   */
  async measureCost(group: RunGroup, backend: BackendName): Promise<void> {
    const session = group.lead.session;
    const { snapshot } = await session.evaluate(false);
    const settings = session.currentSettings;
    const msPerStep: Partial<Record<AlgorithmName, number>> = {};
    for (const algorithm of ALGORITHMS) {
      // Each algorithm with its own settings group's values from the run's config (backprop's {} would not do for LocoProp).
      session.updateSettings({ ...settings, algorithm, settings: stepSettingsOf(ALGORITHM_INFO[algorithm].settings, group.config) });
      session.runSteps(2);
      await session.sync();
      const latency = await this.readbackLatency(group);
      for (let steps = MIN_TIMED_STEPS; ; steps *= 2) {
        const started = performance.now();
        session.runSteps(steps);
        await session.sync();
        const working = performance.now() - started - latency;
        if (working >= 150 || steps >= MAX_TIMED_STEPS) {
          const measured = measuredMsPerStep(steps, working);
          if (measured !== null) msPerStep[algorithm] = measured;
          break;
        }
      }
    }
    session.updateSettings(settings);
    session.restore(snapshot);
    this.post({ type: 'cost', runId: group.runId, msPerStep, backend, batchSize: group.config.batchSize, settings: settingValuesOf(group.config) });
  }

  /**
   * Sweeps the learning rate on the run's lead session (which runRangeTest restores exactly) and reports.
   * `afterReadback` hears after each chunk's readback (the host's mid-tick device-loss hook).
   */
  async rangeTest(group: RunGroup, afterReadback: () => void = () => undefined): Promise<void> {
    const config = group.config;
    const spec = { start: config.rangeStart, end: config.rangeEnd, steps: config.rangeSteps, mode: config.rangeMode };
    if (spec.start >= spec.end) {
      this.post({ type: 'notice', runId: group.runId, notice: { code: 'range-test-bad-sweep', start: spec.start, end: spec.end } });
      return;
    }
    this.rangeTestCancelled = false;
    const session = group.lead.session;
    const algorithm = session.currentSettings.algorithm;
    let lastProgress = 0;
    const result = await runRangeTest(session, spec, {
      // About ten progress messages a second, whatever the backend's speed.
      onProgress: (curve, done) => {
        afterReadback();
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        this.post({ type: 'rangeTestProgress', runId: group.runId, curve, done, total: spec.steps });
      },
      isCancelled: () => this.rangeTestCancelled,
    });
    this.post({ type: 'rangeTestResult', runId: group.runId, result, algorithm, restoredStep: session.stepCount });
  }

  /** The fixed cost of one readback with nothing queued (large on software GPUs), best of three. */
  private async readbackLatency(group: RunGroup): Promise<number> {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await group.lead.session.sync();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  }
}
