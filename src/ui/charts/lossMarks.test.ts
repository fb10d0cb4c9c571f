import { describe, expect, it } from 'vitest';
import type { DivergedSegment } from '../../state/runSeries';
import { bestTestMark, divergedMarks, lowestIndex, placeOnAxis } from './lossMarks';

const everywhere = (): boolean => true;

describe('the best test step', () => {
  it('is the lowest finite test loss, the earliest of a tie, never a NaN or −Infinity', () => {
    expect(lowestIndex([0.5, 0.2, 0.3, 0.2, 0.4])).toBe(1);
    expect(lowestIndex([Number.NaN, 0.4, Number.NaN, 0.1, -Infinity, Infinity])).toBe(3);
    expect(lowestIndex([Number.NaN, Infinity])).toBe(-1);
    expect(lowestIndex([])).toBe(-1);
  });

  it('is labelled with its loss and step, and says when it is off the chart', () => {
    const history = { step: [0, 620, 1240, 1860], testLoss: [0.7, 0.1, 0.083, 0.2] };
    const mark = bestTestMark({ id: 'run-1', color: '#0072B2', history }, [0, 6.2, 12.4, 18.6], everywhere);
    expect(mark).toMatchObject({ runId: 'run-1', step: 1240, loss: 0.083, x: 12.4, inView: true, label: 'best test loss 0.083 at step 1,240' });
    const hidden = bestTestMark({ id: 'run-1', color: '#0072B2', history }, history.step, (step) => step >= 1500);
    expect(hidden?.inView).toBe(false);
    expect(hidden?.label).toBe('best test loss 0.083 at step 1,240 (off the chart as now shown)');
    expect(bestTestMark({ id: 'run-1', color: '#000', history: { step: [0, 1], testLoss: [Number.NaN, Number.NaN] } }, [0, 1], everywhere)).toBeNull();
  });

  it('writes a tiny loss compactly', () => {
    const mark = bestTestMark({ id: 'run-1', color: '#000', history: { step: [0, 9000], testLoss: [2.3, 1.8e-5] } }, [0, 9000], everywhere);
    expect(mark?.label).toBe('best test loss 1.8e-5 at step 9,000');
  });
});

function segment(trainLoss: number[], options: Partial<DivergedSegment> = {}): DivergedSegment {
  const step = trainLoss.map((_, i) => i);
  return {
    step,
    epoch: step.map((s) => s / 10),
    examplesSeen: step.map((s) => s * 32),
    wallMs: step.map((s) => s * 50),
    trainLoss,
    atStep: step[step.length - 1],
    loss: trainLoss[trainLoss.length - 1],
    seed: null,
    restoredStep: 0,
    ...options,
  };
}

describe('a diverged stretch', () => {
  it('is drawn through every kept point, with its ✕ on the diverged one and the step and loss in its label', () => {
    const [mark] = divergedMarks('run-3', [segment([0.716, 0.897, 3.431, 10.68])], 'step', everywhere);
    expect(mark.points).toEqual([
      { x: 0, y: 0.716 },
      { x: 1, y: 0.897 },
      { x: 2, y: 3.431 },
      { x: 3, y: 10.68 },
    ]);
    expect(mark.marker).toEqual({ x: 3, y: 10.68 });
    expect(mark.label).toBe('diverged at step 3 (train loss 10.7)');
    expect(mark.short).toBe('diverged at step 3');
    expect(mark.id).toBe('run-3/diverged/0');
  });

  it('puts the ✕ of a non-finite loss at its own step, off the scale, and names the value', () => {
    const [mark] = divergedMarks('run-3', [segment([0.7, 2, Number.NaN], { seed: 4 })], 'time', everywhere);
    expect(mark.points.map((p) => p.x)).toEqual([0, 0.05, 0.1]);
    expect(mark.points[2].y).toBeNull();
    expect(mark.marker).toEqual({ x: 0.1, y: Infinity });
    expect(placeOnAxis(Infinity, [0, 3])).toEqual({ y: 3, offScale: true });
    expect(mark.label).toBe('diverged at step 2 (seed 4: train loss NaN)');
  });

  it('keeps only the points the chart shows, and nothing when none is shown', () => {
    const [mark] = divergedMarks('run-3', [segment([0.7, 0.9, 3, 12])], 'step', (step) => step > 0);
    expect(mark.points.map((p) => p.x)).toEqual([1, 2, 3]);
    expect(divergedMarks('run-3', [segment([0.7, 12])], 'step', (step) => step > 5)).toEqual([]);
  });

  it('a mark above the axis sits on its top edge, said to be off the scale', () => {
    expect(placeOnAxis(1e9, [0, 14])).toEqual({ y: 14, offScale: true });
    expect(placeOnAxis(10.68, [0, 14])).toEqual({ y: 10.68, offScale: false });
  });
});
