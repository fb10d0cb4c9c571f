/**
 * Play moves the step count at once (issue 18 §3): the first tick after Play runs its steps undiagnosed. A
 * diagnosed tick runs its last step on the plain path beside the fused ones (targets, layer statistics); on
 * WebGPU the first plain step compiles every op's shader, seconds on a software GPU, so a diagnosed first tick
 * held the step count at 0 for 3–6 s after Play. Diagnoses come from the next tick on, and so does the plane's grid.
 * Its step count goes to the page before its evaluation (a `stepped` event).
 */
import '../test/setupTf';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';
import { TrainingSession } from '../engine/session';
import { TrainingLoop } from '../engine/trainingLoop';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 5, speed: 0 };

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error(`never happened: ${what}`);
}

describe('the first tick after Play', () => {
  it('runs its steps undiagnosed, each time Play is pressed; a later tick is diagnosed', async () => {
    const events: WorkerEvent[] = [];
    const host = new TrainingHost((event) => events.push(event), cpuOnly);
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }] });
    await host.idle();
    const ticks = (): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.metric.step > 0);
    for (const round of [1, 2]) {
      const before = ticks().length;
      host.handle({ type: 'play' });
      await until(() => ticks().slice(before).some((t) => t.diagnostics !== null), `round ${round}: a diagnosed tick`);
      host.handle({ type: 'pause' });
      await host.idle();
      const played = ticks().slice(before);
      expect(played[0].diagnostics, `round ${round}: the first tick after Play`).toBeNull();
      // Nor does it draw the plane's grid (100–160 ms of a WebGL tick on SwiftShader); a later tick does.
      expect(played[0].grid, `round ${round}: the first tick's grid`).toBeNull();
      expect(played.some((t) => t.grid !== null)).toBe(true);
      expect(played[0].kernelPath).toBe('fused');
      expect(played.findIndex((t) => t.diagnostics !== null)).toBeGreaterThan(0);
      // Its step count is posted as soon as its steps are taken, before its evaluation (WebGL's took 100–200 ms on
      // SwiftShader, past the 300 ms from Play); no later tick posts one.
      const firstTick = events.indexOf(played[0]);
      const stepped = events.filter((e): e is Extract<WorkerEvent, { type: 'stepped' }> => e.type === 'stepped');
      const roundStepped = stepped.filter((e) => events.indexOf(e) > events.indexOf(ticks()[before - 1] ?? events[0]));
      // Said after the run's first sub-slice of the tick: at most the tick's steps, and more than before Play.
      expect(roundStepped, `round ${round}: stepped events`).toHaveLength(1);
      expect(roundStepped[0].step).toBeGreaterThan(ticks()[before - 1]?.metric.step ?? 0);
      expect(roundStepped[0].step).toBeLessThanOrEqual(played[0].metric.step);
      expect(events.indexOf(roundStepped[0])).toBeLessThan(firstTick);
    }
  });

  it('pressed while the runs start, does not wait for the later runs to time their evaluations (they time them in their first ticks)', async () => {
    // The paper scene on SwiftShader: the second run's start evaluated three times (1.7 s each) while Play waited.
    const evaluationsOfRun2 = async (playAtFirstRun: boolean): Promise<number> => {
      const evaluate = vi.spyOn(TrainingSession.prototype, 'evaluate');
      let before = Number.NaN;
      let after = Number.NaN;
      const host: TrainingHost = new TrainingHost((event) => {
        if (event.type !== 'tick' || event.metric.step !== 0) return;
        // Each run's first tick at step 0 (a pause's pictures later post others).
        if (event.runId === 'run-1' && Number.isNaN(before)) {
          before = evaluate.mock.calls.length;
          if (playAtFirstRun) host.handle({ type: 'play' });
        } else if (event.runId === 'run-2' && Number.isNaN(after)) after = evaluate.mock.calls.length;
      }, cpuOnly);
      host.handle({ type: 'configure', runs: ['run-1', 'run-2'].map((runId) => ({ runId, config: base })) });
      await host.idle();
      host.handle({ type: 'pause' });
      await host.idle();
      evaluate.mockRestore();
      return after - before;
    };
    expect(await evaluationsOfRun2(false)).toBe(3);
    expect(await evaluationsOfRun2(true)).toBe(1);
  });

  it('says each run’s step count as soon as that run has stepped, not after every run of the comparison', async () => {
    // The paper scene on plain WebGL: backprop's count waited for LocoProp-M's step (hundreds of ms on SwiftShader).
    const steps = vi.spyOn(TrainingLoop.prototype, 'runTickSteps');
    const steppedAt = new Map<string, number>();
    const host = new TrainingHost((event) => {
      if (event.type === 'stepped' && !steppedAt.has(event.runId)) steppedAt.set(event.runId, steps.mock.calls.length);
    }, cpuOnly);
    host.handle({ type: 'configure', runs: ['run-1', 'run-2'].map((runId, i) => ({ runId, config: { ...base, seed: 5 + i } })) });
    await host.idle();
    steps.mockClear();
    host.handle({ type: 'play' });
    await until(() => steppedAt.size === 2, 'both runs said their step count');
    host.handle({ type: 'pause' });
    await host.idle();
    steps.mockRestore();
    const runsStepped = [steppedAt.get('run-1'), steppedAt.get('run-2')];
    // Run 1's count went out after its own first sub-slice, before run 2 had stepped; run 2's after its own.
    expect(runsStepped).toEqual([1, 2]);
  });
});
