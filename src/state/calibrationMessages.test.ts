/** `auto`'s calibration worded from fixed facts (issue 18 §4, issue 20 §6): the numbers are the facts', as given. */
import { describe, expect, it } from 'vitest';
import type { CalibratedPath } from '../worker/calibrationFacts';
import { calibrationWords, type RatePart } from './calibrationMessages';

const cpu: CalibratedPath = { backend: 'cpu', software: false, kernelPath: 'fused', measured: { stepsPerSecond: 1320.4, steps: 80, ms: 60.59, batches: 3 }, unmeasured: null };
const swiftShader: CalibratedPath = { backend: 'webgpu', software: true, kernelPath: 'fused', measured: { stepsPerSecond: 409.6, steps: 32, ms: 78.125, batches: 3 }, unmeasured: null };

const all = (parts: RatePart[]): string => parts.map((p) => p.text).join('');

describe("auto's calibration in words", () => {
  it('names the pick and each measured rate, in two short rows where the bar is short of room, and says what each was measured over', () => {
    const words = calibrationWords({ pick: 'cpu', why: 'fastest', paths: [cpu, swiftShader] });
    expect(all(words.parts)).toBe('cpu 1,320 steps/s · webgpu 410 steps/s');
    expect(words.rows).toEqual([
      { text: 'cpu 1,320/s', pick: true },
      { text: 'webgpu 410/s', pick: false },
    ]);
    expect(words.title.split('\n')).toEqual([
      'auto: CPU 1,320 steps/s (fused), WebGPU 410 steps/s (fused, software)',
      'Using CPU: the fastest measured (WebGPU runs in software here, and measured slower).',
      'CPU (fused kernels): 1,320 steps/s, measured over the fastest of 3 timed batches of 80 steps (60.6 ms).',
      'WebGPU (fused kernels, a software GPU): 410 steps/s, measured over the fastest of 3 timed batches of 32 steps (78.1 ms).',
      "Measured once per problem shape this session, on scratch copies of the run (the run's own steps are not touched).",
    ]);
  });

  it("shows the facts' rate, not one worked out from their steps and time", () => {
    const words = calibrationWords({ pick: 'webgpu', why: 'fastest', paths: [{ ...cpu, measured: { stepsPerSecond: 3.94, steps: 1, ms: 412.7, batches: 1 } }, { ...swiftShader, software: false }] });
    expect(all(words.parts)).toBe('cpu 3.9 steps/s · webgpu 410 steps/s');
    expect(words.rows).toEqual([
      { text: 'cpu 3.9/s', pick: false },
      { text: 'webgpu 410/s', pick: true },
    ]);
    expect(words.title).toContain('CPU (fused kernels): 3.9 steps/s, measured over one timed batch of 1 step (413 ms).');
    expect(words.title).toContain('Using WebGPU: the fastest measured.');
  });

  it('names a path passed over untimed or that failed, with no number for it', () => {
    const plainSoftware: CalibratedPath = { backend: 'webgpu', software: true, kernelPath: 'plain', measured: null, unmeasured: 'software-plain' };
    const words = calibrationWords({ pick: 'cpu', why: 'fastest', paths: [cpu, plainSoftware] });
    expect(all(words.parts)).toBe('cpu 1,320 steps/s · webgpu not timed');
    expect(words.rows.map((row) => row.text)).toEqual(['cpu 1,320/s', 'webgpu not timed']);
    expect(words.title.split('\n').slice(0, 2)).toEqual(['auto: CPU 1,320 steps/s (fused), WebGPU not timed (plain, software)', 'Using CPU: the fastest measured.']);
    expect(words.title).toContain('WebGPU (plain TF.js ops, a software GPU): not timed; plain ops on a software GPU lose to the CPU by orders of magnitude.');
    const failed = calibrationWords({ pick: 'cpu', why: 'none-measured', paths: [{ ...cpu, measured: null, unmeasured: 'failed' }, { ...swiftShader, measured: null, unmeasured: 'failed' }] });
    expect(all(failed.parts)).toBe('cpu failed · webgpu failed');
    expect(failed.rows.map((row) => row.text)).toEqual(['cpu failed', 'webgpu failed']);
    expect(failed.title).toContain('Using CPU: no path could be timed, and the CPU always runs.');
    expect(failed.title).toContain('CPU (fused kernels): could not train this problem, so not timed.');
  });

  it('says why a software GPU that tied was not used', () => {
    const tied = { ...swiftShader, measured: cpu.measured };
    expect(calibrationWords({ pick: 'cpu', why: 'tie-hardware', paths: [cpu, tied] }).title).toContain(
      'Using CPU: WebGPU measured the same, and a software GPU is used only when it is faster.',
    );
  });
});
