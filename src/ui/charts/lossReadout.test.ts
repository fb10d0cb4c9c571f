import { describe, expect, it } from 'vitest';
import type { RunId } from '../../config/runs';
import { withLatest } from './LossReadout';
import type { ReadoutRow } from './runChartModel';

const a = 'run-a' as RunId;
const b = 'run-b' as RunId;
const row = (runId: RunId, train: number, test: number): ReadoutRow => ({
  runId,
  label: runId,
  color: '#000',
  values: [
    { kind: 'train', value: train, x: 90, range: null },
    { kind: 'test', value: test, x: 90, range: null },
  ],
});

describe("the loss readout's latest numbers", () => {
  it('are the run registry’s latest, as the presenter chip shows them, not the chart’s last drawn point a redraw behind', () => {
    const rows = withLatest([row(a, 0.11, 0.2)], { [a]: { trainLoss: 0.1088, testLoss: 0.19 } }, new Set());
    expect(rows[0].values.map((v) => v.value)).toEqual([0.1088, 0.19]);
  });

  it('keep a repeated run’s drawn median, and a run with nothing reported yet as drawn', () => {
    const rows = withLatest([row(a, 0.11, 0.2), row(b, 0.3, 0.4)], { [a]: { trainLoss: 0.1, testLoss: 0.1 }, [b]: null }, new Set([a]));
    expect(rows.map((r) => r.values.map((v) => v.value))).toEqual([
      [0.11, 0.2],
      [0.3, 0.4],
    ]);
  });
});
