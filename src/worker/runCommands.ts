/**
 * The commands that act on one run (the selected one) and put it back exactly as it was: timing every
 * algorithm on its weights, and the LR range test.
 */
import { ALGORITHM_INFO, ALGORITHMS, type AlgorithmName } from '../algorithms/registry';
import { runRangeTest } from '../engine/lrfinder/rangeTest';
import type { BackendPort } from './backendPort';
import type { Post } from './host';
import type { BackendName } from './protocol';
import type { RunGroup } from './runGroup';
import { MIN_TIMED_STEPS, measuredMsPerStep } from '../engine/stepTiming';

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3);
}

function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

export class RunCommands {
  private rangeTestCancelled = false;

  constructor(
    private readonly post: Post,
    private readonly backends: BackendPort,
  ) {}

  cancelRangeTest(): void {
    this.rangeTestCancelled = true;
  }

  /**
   * Times each algorithm on the run's current weights: two warm-up steps (shader compilation on GPUs), then
   * batches of 20, 40, 80, … steps until one batch works for at least 150 ms, each ended by a one-number
   * readback whose fixed latency (measured with nothing queued) is subtracted. A batch that never gets there
   * (4,096 steps) reports no time unless it passes stepTiming's rule. Then restores the snapshot
   * (weights, optimizer, batch order, counters) and the settings, so the run goes on exactly as before.
   */
  async measureCost(group: RunGroup, backend: BackendName): Promise<void> {
    const session = group.lead.session;
    const { snapshot } = await session.evaluate(false);
    const settings = session.currentSettings;
    const msPerStep: Partial<Record<AlgorithmName, number>> = {};
    for (const algorithm of ALGORITHMS) {
      session.updateSettings({ ...settings, algorithm });
      session.runSteps(2);
      await session.sync();
      const latency = await this.readbackLatency(group);
      for (let steps = MIN_TIMED_STEPS; ; steps *= 2) {
        const started = performance.now();
        session.runSteps(steps);
        await session.sync();
        const working = performance.now() - started - latency;
        if (working >= 150 || steps >= 4096) {
          const measured = measuredMsPerStep(steps, working);
          if (measured !== null) msPerStep[algorithm] = measured;
          break;
        }
      }
    }
    session.updateSettings(settings);
    session.restore(snapshot);
    this.post({ type: 'cost', runId: group.runId, msPerStep, backend });
    const parts = ALGORITHMS.map((a) => {
      const ms = msPerStep[a];
      return `${ALGORITHM_INFO[a].label} ${ms === undefined ? 'too fast to measure' : `${formatMs(ms)} ms`}`;
    });
    this.post({
      type: 'status',
      level: 'info',
      code: 'cost',
      runId: group.runId,
      text: `Time per step on ${this.backends.label(backend)}, this network, batch ${group.config.batchSize}: ${parts.join(', ')} (K = ${group.config.innerSteps}).`,
    });
  }

  /** Sweeps the learning rate on the run's lead session (which runRangeTest restores exactly) and reports. */
  async rangeTest(group: RunGroup): Promise<void> {
    const config = group.config;
    const spec = { start: config.rangeStart, end: config.rangeEnd, steps: config.rangeSteps, mode: config.rangeMode };
    const say = (level: 'info' | 'warning', text: string): void => this.post({ type: 'status', level, code: 'range-test', runId: group.runId, text });
    if (spec.start >= spec.end) {
      say('warning', `The sweep must rise: "From" (${spec.start}) is not below "To" (${spec.end}).`);
      return;
    }
    this.rangeTestCancelled = false;
    const session = group.lead.session;
    const algorithm = session.currentSettings.algorithm;
    let lastProgress = 0;
    const result = await runRangeTest(session, spec, {
      // About ten progress messages a second, whatever the backend's speed.
      onProgress: (curve, done) => {
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        this.post({ type: 'rangeTestProgress', runId: group.runId, curve, done, total: spec.steps });
      },
      isCancelled: () => this.rangeTestCancelled,
    });
    this.post({ type: 'rangeTestResult', runId: group.runId, result, algorithm });
    const kept = ` The run was put back exactly as it was (step ${session.stepCount}).`;
    if (result.outcome === 'cancelled') say('info', `LR range test cancelled after ${result.losses.length} steps.${kept}`);
    else if (result.problem) say('warning', `${result.problem}${kept}`);
    else {
      const s = result.suggestions;
      const stop = result.outcome === 'diverged' ? ` It stopped at learning rate ${format(result.learningRates[result.learningRates.length - 1])}, where the smoothed loss passed 4× its best.` : '';
      say('info', `LR range test done: valley ${format(s?.valley.learningRate ?? Number.NaN)}, steepest ${format(s?.steep.learningRate ?? Number.NaN)}, minimum/10 ${format(s?.minimum.learningRate ?? Number.NaN)}.${stop}${kept}`);
    }
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
