/**
 * What `selectBackend` posts about the backends it passed over: codes and the browser's own strings, never a
 * sentence (issue 20 §6; the page words them, state/backendMessages.ts). Node has neither `navigator.gpu` nor
 * OffscreenCanvas; the stubs stand in for a browser's WebGPU adapter and WebGL context.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoBackendError } from './backendFacts';
import { calibrationCandidates, deviceLost, selectBackend } from './backend';

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

/** An OffscreenCanvas whose WebGL 2 context reports `renderer`; `hardware` false: none with failIfMajorPerformanceCaveat. */
function stubWebGl2(renderer: string, hardware = true): void {
  const context = { getExtension: () => ({ UNMASKED_RENDERER_WEBGL: 0x9246 }), getParameter: () => renderer, RENDERER: 0x1f01 };
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      getContext(_kind: string, options?: { failIfMajorPerformanceCaveat?: boolean }): typeof context | null {
        return options?.failIfMajorPerformanceCaveat && !hardware ? null : context;
      }
    },
  );
}

describe('the paths auto calibrates', () => {
  it('offers a hardware WebGL beside the CPU (a browser without WebGPU went to it untimed), never a software one', async () => {
    vi.stubGlobal('navigator', {});
    stubWebGl2('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)');
    expect(await calibrationCandidates()).toEqual([
      { backend: 'cpu', software: false },
      { backend: 'webgl', software: false },
    ]);
    stubWebGl2('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)');
    expect(await calibrationCandidates()).toEqual([{ backend: 'cpu', software: false }]);
    // A context only without failIfMajorPerformanceCaveat is a software one, whatever it is called.
    stubWebGl2('WebKit WebGL', false);
    expect(await calibrationCandidates()).toEqual([{ backend: 'cpu', software: false }]);
    stubNoWebGl2();
    expect(await calibrationCandidates()).toEqual([{ backend: 'cpu', software: false }]);
  });

  it('offers WebGPU, hardware or software, and a hardware WebGL after it', async () => {
    stubWebGpu({ info: { vendor: 'nvidia', architecture: 'ampere', description: '' } });
    stubWebGl2('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060)');
    expect(await calibrationCandidates()).toEqual([
      { backend: 'cpu', software: false },
      { backend: 'webgpu', software: false },
      { backend: 'webgl', software: false },
    ]);
    stubWebGpu({ info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader' } });
    stubNoWebGl2();
    expect(await calibrationCandidates()).toEqual([
      { backend: 'cpu', software: false },
      { backend: 'webgpu', software: true },
    ]);
  });
});
