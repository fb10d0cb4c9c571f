/**
 * The tick's per-test-example correctness (protocol.ts `correct`): sent exactly with the confusion matrix, one
 * byte per test example, its right examples the confusion's diagonal; a repeated run sends its first seed's, and
 * every seed's in `seedCorrect`.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { RunConfig, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;
type Run = Extract<WorkerEvent, { type: 'run' }>;

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 11, speed: 0 };

function started(configs: ExperimentConfig[]): { host: TrainingHost; ticks: (runId: string) => Tick[]; run: (runId: string) => Run | undefined } {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  const runs: RunConfig[] = configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));
  host.handle({ type: 'configure', runs });
  return {
    host,
    ticks: (runId) => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId),
    run: (runId) => events.find((e): e is Run => e.type === 'run' && e.runId === runId),
  };
}

const diagonal = (confusion: Float32Array): number => {
  const classes = Math.round(Math.sqrt(confusion.length));
  return Array.from({ length: classes }, (_, c) => confusion[c * classes + c]).reduce((a, b) => a + b, 0);
};

describe('the tick carries which test examples the run gets right', () => {
  it('with every confusion matrix: a byte per test example, as many right as the diagonal counts; a repeated run its first seed', async () => {
    const { host, ticks, run } = started([{ ...base, repeatSeeds: 2 }, base, { ...base, learningRate: 1 }]);
    for (let i = 0; i < 12; i++) host.handle({ type: 'step' });
    await host.idle();
    const testCount = run('run-2')?.test?.targets.length ?? 0;
    expect(testCount).toBeGreaterThan(0);
    for (const id of ['run-1', 'run-2', 'run-3']) {
      const all = ticks(id);
      expect(all.length).toBe(13); // the untrained evaluation and 12 steps, each with the grid
      expect(all.filter((t) => t.correct !== null).length).toBe(13);
      for (const tick of all) {
        expect(tick.correct === null).toBe(tick.confusion === null);
        if (!tick.correct || !tick.confusion) continue;
        expect(tick.correct).toBeInstanceOf(Uint8Array);
        expect(tick.correct.length).toBe(testCount);
        expect(tick.correct.every((v) => v === 0 || v === 1)).toBe(true);
        expect(tick.correct.reduce((sum, v) => sum + v, 0)).toBe(diagonal(tick.confusion));
      }
    }
    // Run 1 repeats seeds 11 and 12: its verdicts are seed 11's, the same as run 2's (seed 11 alone), tick by tick.
    const verdicts = (id: string): number[][] => ticks(id).map((t) => Array.from(t.correct ?? []));
    expect(verdicts('run-1')).toEqual(verdicts('run-2'));
    // A run at another learning rate ends up right on other examples (the test can tell runs apart).
    expect(verdicts('run-3').at(-1)).not.toEqual(verdicts('run-2').at(-1));
  });

  it('for every seed of a repeated run: seed i is the run trained alone at that seed, tick by tick, on its own split', async () => {
    const { host, ticks } = started([{ ...base, repeatSeeds: 3 }, base, { ...base, seed: 12 }, { ...base, seed: 13 }]);
    for (let i = 0; i < 6; i++) host.handle({ type: 'step' });
    await host.idle();
    const repeated = ticks('run-1');
    expect(repeated.length).toBe(7);
    for (const tick of repeated) {
      expect(tick.seedCorrect?.length).toBe(3);
      // The first seed's is `correct` itself.
      expect(tick.seedCorrect?.[0]).toBe(tick.correct);
    }
    ['run-2', 'run-3', 'run-4'].forEach((alone, seed) => {
      const verdicts = ticks(alone).map((t) => Array.from(t.correct ?? []));
      expect(verdicts[0].length).toBeGreaterThan(0);
      expect(repeated.map((t) => Array.from(t.seedCorrect?.[seed] ?? [])), `seed ${11 + seed}`).toEqual(verdicts);
    });
    // Each seed draws its own split: the seeds' verdicts differ.
    expect(Array.from(repeated.at(-1)?.seedCorrect?.[1] ?? [])).not.toEqual(Array.from(repeated.at(-1)?.correct ?? []));
    // A single seed sends none.
    expect(ticks('run-2').every((t) => t.seedCorrect === null)).toBe(true);
  });

  it('is null without classes (regression)', async () => {
    const { host, ticks } = started([{ ...base, dataset: 'plane' }]);
    host.handle({ type: 'step' });
    await host.idle();
    expect(ticks('run-1').length).toBeGreaterThan(0);
    expect(ticks('run-1').every((t) => t.correct === null && t.confusion === null)).toBe(true);
  });
});
