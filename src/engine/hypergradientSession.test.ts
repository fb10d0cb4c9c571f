/**
 * SGD-HD and Adam-HD in a training session: the fused CPU kernel (backprop's and feedback alignment's) runs them
 * and agrees with the plain path to 1e-5 (θ, slots, α, the rate log), the rate log and the evaluation report the α
 * each step used, β = 0 is the plain rule at α₀, snapshots carry α, a new learning rate starts α from it, and the
 * range test holds its own rates.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { sessionOnGeneratedData, type TrainingSession } from './session';
import { relativeError } from '../test/parity';

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

/** The α in the session's state, read through a snapshot (a readback apart from the rate log's). */
async function rateNow(s: TrainingSession): Promise<number | null> {
  return (await s.snapshot()).optimizer.rate;
}

describe('hypergradient optimizers in a session', () => {
  it.each(['auto', 'fused', 'plain'] as const)('take the fused CPU kernel with kernels %s where Adam does, the plain path with kernels plain', (kernels) => {
    const expected = kernels === 'plain' ? 'plain' : 'fused';
    const sessions = [
      session({ optimizer: 'adam', kernels }),
      session({ optimizer: 'sgd-hd', kernels }),
      session({ optimizer: 'adam-hd', kernels }),
      session({ algorithm: 'feedback-alignment', optimizer: 'adam-hd', kernels }),
    ];
    expect(sessions.map((s) => s.kernelPath)).toEqual(sessions.map(() => expected));
    sessions.forEach((s) => s.dispose());
  });

  const parityCases: [string, Partial<ExperimentConfig>][] = [
    ['sgd-hd', { optimizer: 'sgd-hd', learningRate: 0.02, hypergradientRate: 0.01 }],
    ['adam-hd', { optimizer: 'adam-hd', learningRate: 0.01, hypergradientRate: 1e-3 }],
    ['adam-hd, L2, one-cycle momentum', { optimizer: 'adam-hd', learningRate: 0.005, hypergradientRate: 1e-4, regularization: 'l2', regularizationRate: 0.003, schedule: 'one-cycle', totalSteps: 80 }],
    ['sgd-hd, feedback alignment, relu', { algorithm: 'feedback-alignment', optimizer: 'sgd-hd', learningRate: 0.05, hypergradientRate: 0.003, activation: ['relu', 'relu'] }],
  ];
  it.each(parityCases)('%s: fused and plain agree after 1 and 100 steps to 1e-5 (θ, slots, α, each step\'s logged α)', async (_name, overrides) => {
    for (const steps of [1, 100]) {
      const [fused, plain] = [session({ ...overrides, kernels: 'fused' }), session({ ...overrides, kernels: 'plain' })];
      for (const s of [fused, plain]) s.runSteps(steps);
      const [a, b] = [await fused.evaluate(false), await plain.evaluate(false)];
      expect(relativeError(a.snapshot.theta, b.snapshot.theta), `θ after ${steps}`).toBeLessThan(1e-5);
      a.snapshot.optimizer.slots.forEach((slot, i) => expect(relativeError(slot, b.snapshot.optimizer.slots[i]), `slot ${i}`).toBeLessThan(1e-5));
      expect(relativeError(Float32Array.from(a.evaluation.rates.learningRates), Float32Array.from(b.evaluation.rates.learningRates)), 'rate log').toBeLessThan(1e-5);
      expect(a.evaluation.rates.steps).toEqual(b.evaluation.rates.steps);
      expect(Math.abs((a.snapshot.optimizer.rate ?? Number.NaN) / (b.snapshot.optimizer.rate ?? Number.NaN) - 1)).toBeLessThan(1e-5);
      [fused, plain].forEach((s) => s.dispose());
    }
  });

  it('that comparison tells SGD-HD from SGD at α₀ (a kernel that ignored β would fail it)', async () => {
    const overrides: Partial<ExperimentConfig> = { optimizer: 'sgd-hd', learningRate: 0.02, hypergradientRate: 0.01 };
    const [sgd, plain] = [session({ ...overrides, optimizer: 'sgd', kernels: 'fused' }), session({ ...overrides, kernels: 'plain' })];
    for (const s of [sgd, plain]) s.runSteps(100);
    const [a, b] = [await sgd.snapshot(), await plain.snapshot()];
    expect(relativeError(a.theta, b.theta)).toBeGreaterThan(1e-3);
    [sgd, plain].forEach((s) => s.dispose());
  });

  it.each(['sgd-hd', 'adam-hd'] as const)('%s: the rate log holds the α each step used, which moves away from α₀', async (optimizer) => {
    const learningRate = 0.02;
    const s = session({ optimizer, learningRate, hypergradientRate: optimizer === 'sgd-hd' ? 0.01 : 1e-3, kernels: 'auto' });
    const used: number[] = [];
    for (let i = 0; i < 12; i++) {
      s.runSteps(1);
      used.push((await rateNow(s)) ?? Number.NaN);
    }
    s.runSteps(8, true); // a diagnosed last step logs its rate too
    const { evaluation } = await s.evaluate(false);
    const logged = evaluation.rates.learningRates;
    expect(evaluation.rates.steps).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(logged.slice(0, 12)).toEqual(used);
    expect(logged[0]).toBe(Math.fround(learningRate));
    expect(logged.every(Number.isFinite)).toBe(true);
    expect(new Set(logged).size).toBe(20);
    expect(Math.abs(logged[19] / learningRate - 1)).toBeGreaterThan(0.01);
    expect(evaluation.learningRate).toBe(logged[19]);
    expect(await rateNow(s)).toBe(logged[19]);
    s.dispose();
  });

  it('sgd-hd with β = 0 is sgd at the learning rate, bit for bit', async () => {
    const [a, b] = [session({ optimizer: 'sgd-hd', hypergradientRate: 0, kernels: 'plain' }), session({ optimizer: 'sgd', kernels: 'plain' })];
    // The schema's β has a floor; the engine takes 0 (the range test uses it).
    a.updateSettings({ ...a.currentSettings, hypergradientRate: 0 });
    for (const s of [a, b]) s.runSteps(25);
    const [snapA, snapB] = [await a.snapshot(), await b.snapshot()];
    expect(snapA.theta).toEqual(snapB.theta);
    [a, b].forEach((s) => s.dispose());
  });

  it('adam-hd with β = 0 holds α at the learning rate and follows adam to float32 rounding', async () => {
    // Not bit for bit: plain Adam forms its step size α·√(1−β₂ᵗ)/(1−β₁ᵗ) as one float64 number, as the fused
    // kernels do (their parity tests hold it), while Adam-HD's α lives on the device and the product is float32.
    const [a, b] = [session({ optimizer: 'adam-hd', hypergradientRate: 0, kernels: 'plain' }), session({ optimizer: 'adam', kernels: 'plain' })];
    a.updateSettings({ ...a.currentSettings, hypergradientRate: 0 });
    for (const s of [a, b]) s.runSteps(25);
    expect(await rateNow(a)).toBe(Math.fround(a.currentSettings.schedule.learningRate));
    const [snapA, snapB] = [await a.snapshot(), await b.snapshot()];
    const scale = Math.max(...snapB.theta.map(Math.abs));
    const worst = Math.max(...snapA.theta.map((v, i) => Math.abs(v - snapB.theta[i])));
    expect(worst / scale).toBeLessThan(1e-6);
    [a, b].forEach((s) => s.dispose());
  });

  it.each(['sgd-hd', 'adam-hd'] as const)('%s: identical runs stay identical, and a restored snapshot continues bit for bit', async (optimizer) => {
    const config = { optimizer, hypergradientRate: 0.003, learningRate: 0.03 } as const;
    const [a, b] = [session(config), session(config)];
    for (const s of [a, b]) s.runSteps(15);
    const middle = await a.snapshot();
    for (const s of [a, b]) s.runSteps(15);
    const [endA, endB] = [(await a.evaluate(false)).snapshot, (await b.evaluate(false)).snapshot];
    expect(endA).toEqual(endB);
    a.restore(middle);
    a.runSteps(15);
    const again = (await a.evaluate(false)).snapshot;
    expect(again.theta).toEqual(endA.theta);
    expect(again.optimizer).toEqual(endA.optimizer);
    expect(again.learningRate).toBe(endA.learningRate);
    expect(endA.optimizer.rate).not.toBe(middle.optimizer.rate);
    [a, b].forEach((s) => s.dispose());
  });

  it('a new learning rate starts α from it; other changes leave α alone', async () => {
    const s = session({ optimizer: 'adam-hd', learningRate: 0.02, hypergradientRate: 1e-4 });
    s.runSteps(10);
    const adapted = await rateNow(s);
    s.updateSettings({ ...s.currentSettings, batchSize: 8 });
    expect(await rateNow(s)).toBe(adapted);
    s.updateSettings({ ...s.currentSettings, schedule: { ...s.currentSettings.schedule, learningRate: 0.005 } });
    expect(await rateNow(s)).toBe(Math.fround(0.005));
    s.dispose();
  });

  it('the range test steps at the rates it tries, not adapting them', async () => {
    const s = session({ optimizer: 'sgd-hd', learningRate: 0.02, hypergradientRate: 0.05 });
    s.runSteps(5);
    for (const rate of [0.001, 0.01, 0.1]) {
      s.rangeTestStep(rate).dispose();
      expect(await rateNow(s)).toBe(Math.fround(rate));
    }
    s.dispose();
  });
});
