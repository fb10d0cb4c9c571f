/**
 * A sweep too long is refused before it starts (issue 17 §1). Where the comparison trains on WebGPU the sweep would
 * too, but its estimate is the CPU's, and the refusal says so (a refusal on WebGPU's behalf from the CPU's pace).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import { createConfigStore } from '../../state/configStore';
import { useRunStore } from '../../state/runStore';
import { inNextTask, startSweep, WEBGPU_PACE_NOTE } from './startSweep';
import { useSweepStore } from './sweepStoreInstance';

function refusedOn(backend: 'cpu' | 'webgpu'): string[] | null {
  useRunStore.setState({ backend: { name: backend, detail: '', skipped: [] } });
  // 8 rates × 10 seeds × 1,000,000 steps: hours at any pace the CPU could have.
  useSweepStore.getState().setSpec({ axes: [{ field: 'learningRate', values: { kind: 'range', from: 0.001, to: 0.1, count: 8, scale: 'log' } }], seeds: 10, budget: 1_000_000, budgetUnit: 'steps' });
  expect(startSweep(createConfigStore({ ...defaultConfig(), seed: 3 }))).toBe(false);
  return useSweepStore.getState().refused;
}

describe('a sweep refused for its time', () => {
  // The stores are the page's own, shared with the other test files of this worker: put back as found.
  const [runs, sweeps] = [useRunStore.getState(), useSweepStore.getState()];
  afterEach(() => {
    useRunStore.setState(runs, true);
    useSweepStore.setState(sweeps, true);
  });

  it('on the CPU, gives the estimate alone', () => {
    const [reason] = refusedOn('cpu') ?? [];
    expect(reason).toMatch(/^The sweep would take about .* \(80 runs × 1,000,000 steps × .* ms per step.*\); the limit is 30\.0 min\.$/);
  });

  it('on WebGPU, says the estimate is the CPU’s', () => {
    const [reason] = refusedOn('webgpu') ?? [];
    expect(reason).toMatch(/^The sweep would take about .*; the limit is 30\.0 min\. /);
    expect(reason.endsWith(WEBGPU_PACE_NOTE)).toBe(true);
  });
});

describe('the start button, in the task after the click', () => {
  it('starts nothing in the click, once however often clicked before the next task, and again for a later click', async () => {
    const tasks: (() => void)[] = [];
    const nextTask = (): Promise<void> => new Promise((resolve) => tasks.push(resolve));
    let starts = 0;
    const click = inNextTask(() => starts++, nextTask);
    click();
    click();
    click();
    expect(starts).toBe(0);
    expect(tasks).toHaveLength(1);
    tasks.splice(0).forEach((run) => run());
    await Promise.resolve();
    expect(starts).toBe(1);
    click();
    tasks.splice(0).forEach((run) => run());
    await Promise.resolve();
    expect(starts).toBe(2);
  });
});
