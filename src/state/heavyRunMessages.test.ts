import { describe, expect, it } from 'vitest';
import { noticeText } from './runMessages';
import type { HeavyRunFacts } from '../worker/protocol';

const heavy: HeavyRunFacts = {
  backend: 'cpu',
  parameters: 8_161_290,
  batchSize: 32,
  stepFlops: 1.565e9,
  evaluationFlops: 2.087e9,
  flopsPerMs: 3e5,
  rateMeasured: false,
  stepMs: 5217,
  evaluationMs: 6957,
  seeds: 1,
  evaluationRows: { train: 64, test: 64 },
  fullRows: { train: 2000, test: 2000 },
  trainCount: 10_000,
  smallerHidden: [64, 64, 64, 64, 64, 64, 64, 64],
};

describe('the words for a heavy run', () => {
  it('says its cost, the rate and whether it is measured, the cut sets, when commands act, and a smaller network', () => {
    const { level, code, text, action } = noticeText({ code: 'heavy-run', facts: heavy });
    // The smaller network is a button too: it sets the run's hidden layers (state/messageActions.ts).
    expect(action).toEqual({ kind: 'set-hidden', hidden: [64, 64, 64, 64, 64, 64, 64, 64], label: 'Use 64 × 8' });
    expect(level).toBe('warning');
    expect(code).toBe('heavy-run');
    expect(text).toBe(
      'Heavy network: 8,161,290 parameters. A step of batch 32 is 1.565 GFLOP, about 5.217 s on CPU at 0.3 GFLOP/s assumed until its first step is timed; ' +
        'an evaluation is 2.087 GFLOP, about 6.957 s. Losses and accuracies are measured on the first 64 of 10,000 training examples (a smaller network\'s evaluations take the first 2,000) and 64 of 2,000 test examples, ' +
        'to keep each evaluation affordable. Pause, reset and removing a run take effect between steps. For steps under 0.1 s, try hidden layers 64,64,64,64,64,64,64,64.',
    );
  });

  it('a measured rate, several seeds, and a large but fast network (only its sets cut) as information', () => {
    expect(noticeText({ code: 'heavy-run', facts: { ...heavy, rateMeasured: true, flopsPerMs: 5.5e5, seeds: 3 } }).text).toContain(
      'at 0.55 GFLOP/s measured on this device; an evaluation is 2.087 GFLOP, about 6.957 s. Its 3 seeds each take as long.',
    );
    // 2,000 training rows: all of them are what a smaller network's evaluations take.
    const large = noticeText({ code: 'heavy-run', facts: { ...heavy, stepMs: 40, evaluationMs: 300, smallerHidden: null, evaluationRows: { train: 500, test: 500 }, trainCount: 2000 } });
    expect(large.level).toBe('info');
    expect(large.text).toMatch(/^Large network: .* about 40.0 ms on CPU .* about 300 ms\. Losses and accuracies are measured on the first 500 of 2,000 training and 500 of 2,000 test examples,/);
    expect(large.action).toBeUndefined();
    expect(large.text).not.toContain('between steps');
  });

  it('says when its layer targets and probes wait for Step, and why', () => {
    const held = noticeText({ code: 'heavy-run', facts: { ...heavy, flopsPerMs: 2e6, stepMs: 782.5, evaluationMs: 1043.5, smallerHidden: null, diagnosisHeldMs: 2608.3 } });
    expect(held.text).toContain(
      "Pause, reset and removing a run take effect between steps. Its layer targets and probes are measured on Step only, not while it plays: they take about 2.608 s at a time on TF.js's plain kernels, longer than a step.",
    );
    expect(noticeText({ code: 'heavy-run', facts: heavy }).text).not.toContain('layer targets');
  });

  it('shows where the first tick stands', () => {
    expect(noticeText({ code: 'heavy-progress', stage: 'start', done: 1, total: 3 })).toEqual({
      level: 'info',
      code: 'heavy-progress',
      text: 'First tick of a heavy run: evaluating the untrained network (1 of 3 seeds done)…',
    });
    expect(noticeText({ code: 'heavy-progress', stage: 'step', done: 0, total: 1 }).text).toBe('First tick of a heavy run: taking its first step…');
    expect(noticeText({ code: 'heavy-progress', stage: 'evaluate', done: 0, total: 1 }).text).toBe('First tick of a heavy run: evaluating after its first step…');
  });
});

describe('the words for runs held back in lockstep', () => {
  const name = (runId: string): string => ({ a: 'run 1', b: 'run 2', c: 'run 3' })[runId] ?? runId;
  it('names the waiting runs and the run they wait for, and the way out', () => {
    expect(noticeText({ code: 'lockstep-wait', slowest: 'b', waiting: ['a'], ratio: 240, slowestStepMs: 2400 }, name)).toEqual({
      level: 'info',
      code: 'lockstep-wait',
      text: 'Run 1 waits for run 2: in lockstep every run takes the same steps, and a step of run 2 takes about 2.4 s, 240× one of run 1. Choose equal time (Pacing: time) to let each train at its own pace.',
    });
    expect(noticeText({ code: 'lockstep-wait', slowest: 'b', waiting: ['a'], ratio: 60788.4, slowestStepMs: 1712 }, name).text).toContain('about 1.712 s, 60,788× one of run 1.');
    expect(noticeText({ code: 'lockstep-wait', slowest: 'b', waiting: ['a', 'c'], ratio: 12, slowestStepMs: 150 }, name).text).toMatch(/^Run 1 and run 3 wait for run 2: .* 150 ms, 12× each one of run 1 and run 3\./);
  });
});
