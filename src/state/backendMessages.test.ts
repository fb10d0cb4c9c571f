/** Why a backend was passed over, worded from fixed facts (issue 20 §6): the browser's strings as given, the rest the page's. */
import { describe, expect, it } from 'vitest';
import type { SkippedBackend } from '../worker/backendFacts';
import { backendDetailText, deviceLossText, fallbackNoticeText, fallbackTitleLine, noBackendText, skippedText, sweepFallbackText } from './backendMessages';
import { noticeText } from './runMessages';

const swiftShader: SkippedBackend = { backend: 'webgpu', reason: 'software', detail: 'google swiftshader SwiftShader Device (Subzero)' };
const noWebGl2: SkippedBackend = { backend: 'webgl', reason: 'unavailable', code: 'no-webgl2' };

describe('why a backend was passed over, in words', () => {
  it('words each reason, naming the backend, with the browser’s string as given and no end stop of its own', () => {
    const cases: [SkippedBackend, string][] = [
      [{ backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' }, 'WebGPU: this browser has no WebGPU (navigator.gpu is missing)'],
      [{ backend: 'webgpu', reason: 'unavailable', code: 'no-adapter' }, 'WebGPU: the browser offered no WebGPU adapter'],
      [{ backend: 'webgl', reason: 'unavailable', code: 'no-offscreen-canvas' }, 'WebGL: this browser has no OffscreenCanvas, so WebGL cannot run in the training worker'],
      [noWebGl2, 'WebGL: the browser gave no WebGL 2 context'],
      [swiftShader, 'WebGPU runs in software here (google swiftshader SwiftShader Device (Subzero)), slower than the CPU backend'],
      [{ backend: 'webgl', reason: 'software', detail: '' }, 'WebGL runs in software here, slower than the CPU backend'],
      [{ backend: 'webgl', reason: 'init-failed' }, 'WebGL: TF.js could not initialise it'],
      [{ backend: 'webgpu', reason: 'error', detail: 'Failed to create a device.' }, 'WebGPU failed to start: Failed to create a device'],
      [{ backend: 'cpu', reason: 'error', detail: ' ' }, 'CPU failed to start: no message given'],
    ];
    for (const [fact, words] of cases) expect(skippedText(fact)).toBe(words);
  });

  it('says the backend that trains and every one passed over, in the order tried, in the status and the tooltip', () => {
    expect(fallbackNoticeText('cpu', [swiftShader, noWebGl2])).toBe(
      'Training on CPU. WebGPU runs in software here (google swiftshader SwiftShader Device (Subzero)), slower than the CPU backend; ' +
        'WebGL: the browser gave no WebGL 2 context. Pick a backend under Training to override.',
    );
    expect(fallbackTitleLine([noWebGl2, swiftShader])).toBe(
      'Fallback: WebGL: the browser gave no WebGL 2 context; WebGPU runs in software here (google swiftshader SwiftShader Device (Subzero)), slower than the CPU backend',
    );
    expect(fallbackTitleLine([])).toBeNull();
  });

  it('says what the backend that trains runs on: the CPU kernels’ loops, or the GPU as the browser names it', () => {
    expect(backendDetailText('cpu', '', 'wasm-simd')).toBe("TF.js CPU backend; fused kernels' matrix products in WebAssembly SIMD");
    expect(backendDetailText('cpu', '', 'js')).toBe("TF.js CPU backend; fused kernels' matrix products in JavaScript (no WebAssembly SIMD here)");
    expect(backendDetailText('cpu', '', null)).toBe('TF.js CPU backend');
    expect(backendDetailText('webgpu', 'google swiftshader', null)).toBe('google swiftshader');
    expect(backendDetailText('webgl', '', null)).toBe('WebGL (the browser gives the adapter no name)');
  });

  it('says why each backend failed when none started', () => {
    expect(noBackendText([{ backend: 'webgpu', reason: 'unavailable', code: 'no-adapter' }, { backend: 'cpu', reason: 'error', detail: 'out of memory' }])).toBe(
      'Training stopped: no TF.js backend could start: WebGPU: the browser offered no WebGPU adapter; CPU failed to start: out of memory. Reload the page, or open it in another browser.',
    );
  });

  it('says why a sweep meant for WebGPU trains on the CPU from its worker’s codes, with only an error’s message as thrown', () => {
    const cases: [SkippedBackend, string][] = [
      [{ backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' }, 'WebGPU did not start in the sweep worker: this browser has no WebGPU (navigator.gpu is missing)'],
      [{ backend: 'webgpu', reason: 'init-failed' }, 'WebGPU did not start in the sweep worker: TF.js could not initialise it'],
      [{ backend: 'webgpu', reason: 'error', detail: 'Failed to create a device.' }, 'WebGPU did not start in the sweep worker: Failed to create a device'],
      [{ backend: 'webgpu', reason: 'error', detail: '' }, 'WebGPU did not start in the sweep worker: it failed with no message given'],
    ];
    for (const [fact, words] of cases) expect(sweepFallbackText(fact)).toBe(words);
  });

  it('says why the WebGPU device was lost from the browser’s reason and message, joined here', () => {
    expect(deviceLossText({ reason: 'destroyed', message: '' })).toBe('destroyed');
    expect(deviceLossText({ reason: 'unknown', message: 'The GPU process crashed.' })).toBe('unknown: The GPU process crashed');
    expect(deviceLossText({ reason: '', message: '' })).toBe('no reason given');
    expect(noticeText({ code: 'device-lost', lost: { reason: 'destroyed', message: 'Device was destroyed.' }, backend: 'cpu', step: 5 }).text).toBe(
      'The WebGPU device was lost (destroyed: Device was destroyed). Training moved to CPU and continues from step 5; the runs and their charts are kept.',
    );
  });
});
