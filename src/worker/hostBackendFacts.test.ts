/**
 * The host passes the port's facts about backends passed over to the page as they came (issue 20 §6: the worker
 * sends facts, the page words them): on the backend event, in the `backend-fallback` notice, and, when no
 * backend starts, in a `no-backend` notice rather than an error's sentence.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { BackendPort } from './backendPort';
import { NoBackendError, type SkippedBackend } from './backendFacts';
import type { Notice, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

const passedOver: SkippedBackend[] = [
  { backend: 'webgpu', reason: 'software', detail: 'google swiftshader' },
  { backend: 'webgl', reason: 'unavailable', code: 'no-offscreen-canvas' },
];

async function configured(port: BackendPort): Promise<WorkerEvent[]> {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), port);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: { ...defaultConfig(), backend: 'auto', seed: 3 } }] });
  await host.idle();
  return events;
}

const notices = (events: WorkerEvent[]): Notice[] => events.flatMap((e) => (e.type === 'notice' ? [e.notice] : []));

describe('the backends passed over, as the host posts them', () => {
  it('posts the port’s facts on the backend event and in the fallback notice, unworded', async () => {
    const events = await configured({
      ...cpuOnly,
      select: async () => (await tf.setBackend('cpu'), { backend: 'cpu', detail: 'test', skipped: passedOver }),
    });
    expect(events.find((e) => e.type === 'backend')).toEqual({ type: 'backend', backend: 'cpu', detail: 'test', cpuKernel: null, skipped: passedOver, calibration: null });
    expect(notices(events)).toContainEqual({ code: 'backend-fallback', backend: 'cpu', skipped: passedOver });
  });

  it('says nothing of a fallback when nothing was passed over', async () => {
    const events = await configured(cpuOnly);
    expect(events.find((e) => e.type === 'backend')).toMatchObject({ skipped: [] });
    expect(notices(events).map((n) => n.code)).not.toContain('backend-fallback');
  });

  it('posts why each backend failed when none starts, as facts', async () => {
    const failed: SkippedBackend[] = [...passedOver, { backend: 'cpu', reason: 'error', detail: 'out of memory' }];
    const events = await configured({
      ...cpuOnly,
      select: async () => {
        throw new NoBackendError(failed);
      },
    });
    expect(notices(events)).toContainEqual({ code: 'no-backend', skipped: failed });
    expect(notices(events).map((n) => n.code)).not.toContain('worker-error');
  });
});
