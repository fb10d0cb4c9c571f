/**
 * What `selectBackend` posts about the backends it passed over: codes and the browser's own strings, never a
 * sentence (issue 20 §6; the page words them, state/backendMessages.ts). Node has neither `navigator.gpu` nor
 * OffscreenCanvas; the stubs stand in for a browser's WebGPU adapter and WebGL context.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoBackendError } from './backendFacts';
import { deviceLost, selectBackend } from './backend';

/** A `navigator.gpu` whose adapter request gives `adapter` (or throws it, when an Error). */
function stubWebGpu(adapter: { info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean } } | null | Error): void {
  const requestAdapter = async () => {
    if (adapter instanceof Error) throw adapter;
    return adapter;
  };
  vi.stubGlobal('navigator', { gpu: { requestAdapter } });
}

/** An OffscreenCanvas that gives no WebGL 2 context. */
function stubNoWebGl2(): void {
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      getContext(): null {
        return null;
      }
    },
  );
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await tf.setBackend('cpu');
});

describe('the backends passed over, as the worker posts them', () => {
  it('names what the browser lacks by a code', async () => {
    vi.stubGlobal('navigator', {});
    const selection = await selectBackend('auto');
    expect(selection.backend).toBe('cpu');
    expect(selection.skipped).toEqual([
      { backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' },
      { backend: 'webgl', reason: 'unavailable', code: 'no-offscreen-canvas' },
    ]);
  });

  it('gives a software adapter’s name and an error’s message as they came, beside the reason', async () => {
    stubWebGpu({ info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true } });
    stubNoWebGl2();
    expect((await selectBackend('auto')).skipped).toEqual([
      { backend: 'webgpu', reason: 'software', detail: 'google swiftshader SwiftShader Device (Subzero)' },
      { backend: 'webgl', reason: 'unavailable', code: 'no-webgl2' },
    ]);
    stubWebGpu(null);
    expect((await selectBackend('auto', ['webgl'])).skipped).toEqual([{ backend: 'webgpu', reason: 'unavailable', code: 'no-adapter' }]);
    stubWebGpu(new Error('adapter request refused'));
    expect((await selectBackend('auto', ['webgl'])).skipped).toEqual([{ backend: 'webgpu', reason: 'error', detail: 'adapter request refused' }]);
  });

  it('tries a backend asked for by name first: where it starts, nothing was passed over; the CPU names its kernels by a code', async () => {
    stubNoWebGl2();
    vi.stubGlobal('navigator', {});
    // Node has WebAssembly SIMD (engine/fused/cpuMatMul.test.ts).
    expect(await selectBackend('cpu')).toEqual({ backend: 'cpu', detail: '', cpuKernel: 'wasm-simd', skipped: [] });
  });

  it('throws the same facts when no backend starts', async () => {
    vi.stubGlobal('navigator', {});
    const failure = await selectBackend('webgpu', ['webgl', 'cpu']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NoBackendError);
    expect((failure as NoBackendError).skipped).toEqual([{ backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' }]);
  });

  it('posts a lost device’s reason and message as the browser gives them, unjoined', async () => {
    let lose: (info: { reason: string; message: string }) => void = () => undefined;
    const device = { lost: new Promise<{ reason: string; message: string }>((resolve) => (lose = resolve)) };
    tf.registerBackend('webgpu', () => ({ device, dispose: () => undefined }) as unknown as tf.KernelBackend, 0);
    try {
      await tf.setBackend('webgpu');
      const lost = deviceLost();
      lose({ reason: 'unknown', message: 'The GPU process crashed.' });
      expect(await lost).toEqual({ reason: 'unknown', message: 'The GPU process crashed.' });
    } finally {
      await tf.setBackend('cpu');
      tf.removeBackend('webgpu');
    }
  });
});
