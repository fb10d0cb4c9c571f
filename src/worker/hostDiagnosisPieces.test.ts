/**
 * A diagnosed step's diagnosis comes in pieces with the worker's messages let in between (issue 21 item 3: on MNIST
 * 512-512 it was one synchronous call of 0.4 s for backprop and 2.4–3.0 s for LocoProp-M, and a Pause that landed
 * on it waited for all of it). A command that arrives between two pieces is handled before any other piece runs: the
 * diagnosis is abandoned, its tensors freed, and the run's numbers are those of a run never diagnosed. The messages
 * come through the test's own yield (what the worker's message loop does between tasks); the host's counters and
 * the side step's optimizer calls say what happened: no clock is read.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { FlatOptimizer } from '../engine/train/optimizers';
import { TrainingHost } from './host';
import type { RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

/** LocoProp-M with K inner iterations: its side step (the diagnosis's first part) calls the optimizer K times. */
const INNER_STEPS = 6;
const locoprop: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 5, speed: 0, algorithm: 'locoprop-m', innerSteps: INNER_STEPS, kernels: 'fused' };
const runs = (...configs: ExperimentConfig[]): RunConfig[] => configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));

afterEach(() => vi.restoreAllMocks());

/**
 * A host whose message loop is the test's. The real steps run on the fused kernels, which never call
 * FlatOptimizer.apply: every call counted is the side step's (a LocoProp inner iteration). Once `pauseAfter` of
 * them have run, a pause arrives and is handled at the host's next slice; `appliedAtPause` is the count then.
 */
function diagnosedHost(pauseAfter: number) {
  const events: WorkerEvent[] = [];
  const inbox: WorkerCommand[] = [];
  const apply = vi.spyOn(FlatOptimizer.prototype, 'apply');
  let appliedAtPause = -1;
  let armed = false;
  const host: TrainingHost = new TrainingHost((event) => events.push(event), cpuOnly, undefined, {
    yieldToMessages: async () => {
      if (armed && appliedAtPause < 0 && apply.mock.calls.length >= pauseAfter) {
        appliedAtPause = apply.mock.calls.length;
        inbox.push({ type: 'pause' });
      }
      inbox.splice(0).forEach((command) => host.handle(command));
    },
    stepSliceSteps: 2,
  });
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  /** Plays until the pause has been handled and the host is idle again. */
  const playUntilPaused = async (): Promise<void> => {
    apply.mockClear();
    appliedAtPause = -1;
    armed = true;
    host.handle({ type: 'play' });
    while (appliedAtPause < 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await host.idle();
    armed = false;
  };
  return { host, events, ticks, apply, playUntilPaused, appliedAtPause: () => appliedAtPause };
}

describe("a diagnosis in pieces, a command between them", () => {
  it('a pause that arrives during the side step is handled before its next inner iteration; the diagnosis is dropped, no tensor kept', async () => {
    const { host, events, ticks, apply, playUntilPaused, appliedAtPause } = diagnosedHost(1);
    host.handle({ type: 'configure', runs: runs(locoprop) });
    await host.idle();
    const tensorsPaused = tf.memory().numTensors;
    const shownBefore = ticks('run-1').length;
    await playUntilPaused();
    // The first tick after Play is undiagnosed, the second diagnosed: its side step had run one inner iteration
    // when the pause came in, and ran none after it (before: all K in one call, the pause waiting for them).
    expect(ticks('run-1').slice(shownBefore).every((tick) => tick.kernelPath === 'fused')).toBe(true);
    expect(appliedAtPause()).toBe(1);
    expect(apply.mock.calls.length).toBe(1);
    expect(host.counters.abandonedDiagnoses).toBe(1);
    expect(host.counters.diagnosisPieces).toBeGreaterThanOrEqual(2);
    expect(host.counters.skippedEvaluations).toBe(1);
    // The pause's own evaluation shows the run without diagnostics (the page keeps the last it had).
    const paused = events.findIndex((e) => e.type === 'playing' && !e.playing);
    const shown = events.slice(paused).filter((e): e is Tick => e.type === 'tick');
    expect(shown).toHaveLength(1);
    expect(shown[0].diagnostics).toBeNull();
    expect(shown[0].metric.step).toBeGreaterThan(1);
    // Paused again, the run holds the tensors it held paused before: the dropped diagnosis freed its own.
    expect(tf.memory().numTensors).toBe(tensorsPaused);
  });

  it('identical runs stay bit-identical through diagnoses dropped mid-way, and a diagnosed Step after them', async () => {
    const { host, ticks, playUntilPaused } = diagnosedHost(2);
    host.handle({ type: 'configure', runs: runs(locoprop, locoprop) });
    await host.idle();
    await playUntilPaused();
    // Run 1's diagnosis was cut after two inner iterations; run 2's (the same round's) before its first piece.
    expect(host.counters.abandonedDiagnoses).toBe(2);
    // Then a diagnosed tick whose diagnosis runs to its end (a Step is never cut).
    host.handle({ type: 'step' });
    await host.idle();
    expect(ticks('run-1').at(-1)?.diagnostics).not.toBeNull();
    expect(ticks('run-2').at(-1)?.diagnostics).toEqual(ticks('run-1').at(-1)?.diagnostics);
    const numbers = (tick: Tick): number[] => [tick.metric.step, tick.metric.trainLoss, tick.metric.testLoss];
    const byStep = (runId: string): Map<number, number[]> => new Map(ticks(runId).map((tick) => [tick.metric.step, numbers(tick)]));
    expect(ticks('run-1').length).toBeGreaterThan(3);
    expect(byStep('run-2')).toEqual(byStep('run-1'));
  });
});
