import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData, TrainingSession } from '../session';
import { analyse, runRangeTest } from './rangeTest';

function session(overrides: Partial<ExperimentConfig> = {}): TrainingSession {
  const config = { ...defaultConfig(), ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

const FASTAI = { start: 1e-7, end: 10, steps: 100, mode: 'exponential' as const };
/** The playground's default sweep (config/groups/rangeTest.ts). */
const PLAYGROUND = { start: 1e-5, end: 10, steps: 300, mode: 'exponential' as const };

describe('LR range test', () => {
  it.each([
    ['finished', FASTAI, undefined],
    ['diverged', { ...FASTAI, start: 1e-3, end: 1e3 }, undefined],
    ['cancelled', FASTAI, 3],
  ] as const)('leaves the live run bit-for-bit as it was (%s)', async (outcome, spec, cancelAfterChunks) => {
    const live = session({ optimizer: 'adam' });
    const twin = session({ optimizer: 'adam' });
    live.runSteps(25);
    twin.runSteps(25);
    const before = await live.snapshot();
    let chunks = 0;
    const result = await runRangeTest(live, spec, {
      isCancelled: () => cancelAfterChunks !== undefined && chunks++ >= cancelAfterChunks,
    });
    expect(result.outcome).toBe(outcome);
    const after = await live.snapshot();
    expect(after.theta).toEqual(before.theta);
    expect(after.optimizer).toEqual(before.optimizer);
    expect(after.sampler).toEqual(before.sampler);
    expect(after.stepCount).toBe(25);
    expect(after.examplesSeen).toBe(before.examplesSeen);
    // …and it goes on exactly as a run that never saw the test.
    live.runSteps(10);
    twin.runSteps(10);
    expect((await live.snapshot()).theta).toEqual((await twin.snapshot()).theta);
    live.dispose();
    twin.dispose();
  });

  it('stops at the first step whose smoothed loss exceeds 4× the best so far (plane, SGD)', async () => {
    const s = session({ dataset: 'plane', optimizer: 'sgd' });
    const result = await runRangeTest(s, FASTAI);
    expect(result.outcome).toBe('diverged');
    const last = result.smoothed.length - 1;
    const bestBefore = (i: number): number => Math.min(...result.smoothed.slice(0, i + 1));
    expect(result.smoothed[last]).toBeGreaterThan(4 * bestBefore(last));
    for (let i = 0; i < last; i++) expect(result.smoothed[i]).toBeLessThanOrEqual(4 * bestBefore(i));
    expect(result.learningRates).toHaveLength(result.losses.length);
    s.dispose();
  });

  it('training at the valley suggestion beats a rate 1,000× smaller (plane, SGD, 300 steps)', async () => {
    const s = session({ dataset: 'plane', optimizer: 'sgd' });
    const result = await runRangeTest(s, FASTAI);
    s.dispose();
    const valley = result.suggestions?.valley.learningRate ?? Number.NaN;
    expect(valley).toBeGreaterThan(1e-4);
    expect(valley).toBeLessThan(1);
    const lossAfter = async (learningRate: number): Promise<number> => {
      const run = session({ dataset: 'plane', optimizer: 'sgd', learningRate });
      run.runSteps(300);
      const loss = (await run.evaluate(false)).evaluation.trainLoss;
      run.dispose();
      return loss;
    };
    expect(await lossAfter(valley)).toBeLessThan(0.5 * (await lossAfter(valley / 1000)));
  });

  it('sweeps LocoProp\'s inner learning rate as well: the rates rise geometrically and the loss answers them', async () => {
    const s = session({ algorithm: 'locoprop-m' });
    const result = await runRangeTest(s, PLAYGROUND);
    s.dispose();
    // Exponential mode: each rate is the previous one times the same ratio, from the start.
    expect(result.learningRates[0]).toBe(PLAYGROUND.start);
    const ratio = result.learningRates[1] / result.learningRates[0];
    expect(ratio).toBeGreaterThan(1);
    result.learningRates.slice(1).forEach((rate, i) => expect(Math.abs(rate / result.learningRates[i] / ratio - 1)).toBeLessThan(1e-9));
    // At 1e-7 the inner steps change nothing; near the top the loss blows up: the sweep drives LocoProp's steps.
    const early = result.losses.slice(0, 10);
    const late = result.losses.slice(-10);
    expect(Math.max(...late)).toBeGreaterThan(3 * Math.max(...early));
    const valley = result.suggestions?.valley.learningRate ?? Number.NaN;
    expect(valley).toBeGreaterThan(1e-4);
    expect(valley).toBeLessThan(1);
  });

  it('on the default circle, fastai\'s 100 steps from 1e-7 leave the loss flat: no suggestion, and why; 300 from 1e-5 show the dip', async () => {
    for (const optimizer of ['adam', 'sgd'] as const) {
      const flat = await runRangeTest(session({ optimizer }), FASTAI);
      expect(flat.suggestions).toBeNull();
      expect(flat.problem).toMatch(/learned nothing during the sweep/);
      // The smoothed loss stays within noise (10 %) of where the suggestion window starts, until the rate explodes.
      expect(Math.min(...flat.smoothed.slice(flat.trimStart))).toBeGreaterThan(0.9 * flat.smoothed[flat.trimStart]);
    }
    const dip = await runRangeTest(session(), PLAYGROUND);
    expect(dip.problem).toBeNull();
    expect(Math.min(...dip.smoothed)).toBeLessThan(0.8 * dip.smoothed[dip.trimStart]);
    expect(dip.suggestions?.valley.learningRate).toBeGreaterThan(1e-3);
    expect(dip.suggestions?.valley.learningRate).toBeLessThan(1);
  });

  it('on the default circle the steepest suggestion lies below the minimum\'s rate (seeds 1–3, fresh and after 100 steps)', async () => {
    for (const seed of [1, 2, 3])
      for (const trained of [0, 100]) {
        const s = session({ seed });
        s.runSteps(trained);
        const result = await runRangeTest(s, PLAYGROUND);
        s.dispose();
        const suggestions = result.suggestions;
        expect(suggestions, `seed ${seed} after ${trained} steps: ${result.problem}`).not.toBeNull();
        if (!suggestions) continue;
        const atMinimum = result.learningRates[suggestions.minimum.index];
        expect(suggestions.steep.learningRate, `seed ${seed} after ${trained} steps`).toBeLessThan(atMinimum);
      }
  });

  it('says what a curve of zero loss shows, without a 0/0 drop', () => {
    const learningRates = Array.from({ length: 30 }, (_, i) => 1e-4 * 1.3 ** i);
    const zeros = learningRates.map(() => 0);
    const result = analyse({ learningRates, losses: zeros, smoothed: zeros }, 30, 'finished');
    expect(result.suggestions).toBeNull();
    expect(result.problem).not.toMatch(/NaN/);
    expect(result.problem).toMatch(/already 0 where the suggestions begin \(learning rate 0\.000220\)/);
  });

  it('explains a sweep that diverges at once, and one too short to suggest anything', async () => {
    const s = session();
    const atOnce = await runRangeTest(s, { start: 100, end: 1e6, steps: 100, mode: 'exponential' });
    expect(atOnce.suggestions).toBeNull();
    expect(atOnce.problem).toMatch(/Start the sweep lower/);
    const short = await runRangeTest(s, { start: 1e-4, end: 1e-3, steps: 7, mode: 'linear' });
    expect(short.outcome).toBe('finished');
    expect(short.suggestions).toBeNull();
    expect(short.problem).toMatch(/too few to suggest/);
    s.dispose();
  });
});
