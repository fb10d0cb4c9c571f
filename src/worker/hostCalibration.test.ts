/**
 * `auto`'s calibration trains scratch copies only (issue 18 §4): the live run's losses are bit-identical with
 * and without it. Both ports run TF.js's CPU backend; the calibrating one offers two paths, so `auto` measures.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { BackendPort } from './backendPort';
import type { WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

const config: ExperimentConfig = { ...defaultConfig(), backend: 'auto', seed: 7, speed: 0 };

/** CPU-only, but offering a second path ("WebGL", also TF.js's CPU backend underneath) to calibrate. */
const calibrating: BackendPort = {
  ...cpuOnly,
  select: async (choice) => {
    await tf.setBackend('cpu');
    return { backend: choice === 'auto' ? 'cpu' : choice, detail: 'test', fallbackReason: null };
  },
  label: (backend) => backend,
  candidates: async () => [
    { backend: 'cpu', software: false },
    { backend: 'webgl', software: true },
  ],
};

async function losses(port: BackendPort, steps: number): Promise<{ ticks: number[][]; backend: Extract<WorkerEvent, { type: 'backend' }> }> {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), port);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
  for (let i = 0; i < steps; i++) host.handle({ type: 'step' });
  await host.idle();
  const ticks = events.filter((e): e is Tick => e.type === 'tick').map((t) => [t.metric.step, t.metric.trainLoss, t.metric.testLoss]);
  const backend = events.find((e): e is Extract<WorkerEvent, { type: 'backend' }> => e.type === 'backend');
  if (!backend) throw new Error('no backend event');
  return { ticks, backend };
}

describe('calibration in auto mode', () => {
  it('measures both paths on scratch copies, names the rates, and leaves the live run bit-identical', async () => {
    const plain = await losses(cpuOnly, 12);
    const calibrated = await losses(calibrating, 12);
    expect(plain.backend.detail).not.toMatch(/auto:/);
    expect(calibrated.backend.detail).toMatch(/^auto: cpu [\d,.]+ steps\/s \(fused\), webgl [\d,.]+ steps\/s \(fused, software\)\n/);
    expect(calibrated.ticks).toHaveLength(13);
    expect(calibrated.ticks).toEqual(plain.ticks);
  });
});
