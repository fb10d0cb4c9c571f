/**
 * A backend move carries the run where it stands (issue 21: nothing already computed is lost). Steps can be taken
 * without a tick's evaluation (a heavy run's evaluations are spaced out in equal time); the evaluation a pause or
 * a chosen move makes must then become the state the move carries. Before, it did not: a move after a pause took
 * the run back to its last tick's evaluation (CI: step 337 → 328 after switching back to WebGPU).
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import { RunGroup } from './runGroup';

const NO_FILES: DataAccess = { readShipped: () => Promise.reject(new Error('no files in this test')), customData: () => null };

describe('what a backend move carries', () => {
  it('the state an evaluation read back where the run stands, steps since the last tick included', async () => {
    const { group } = await RunGroup.start('run-1', { ...defaultConfig(), repeatSeeds: 2 }, NO_FILES);
    try {
      // Nine steps outside any tick: no tick evaluation records them.
      for (const loop of group.members) loop.session.runSteps(9);
      expect(group.carry().snapshots.map((s) => s?.stepCount)).toEqual([0, 0]);
      await group.evaluateAll();
      expect(group.carry().snapshots.map((s) => s?.stepCount)).toEqual([9, 9]);
      expect(group.readBackStep).toBe(9);
    } finally {
      group.dispose();
    }
  });
});
