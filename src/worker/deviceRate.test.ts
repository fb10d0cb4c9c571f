import { describe, expect, it } from 'vitest';
import { ASSUMED_FLOPS_PER_MS, ASSUMED_FUSED_FLOPS_PER_MS, DeviceRates, MIN_MEASURED_FLOPS, MIN_MEASURED_MS } from './deviceRate';

describe("the device's rate per backend", () => {
  it('is assumed until a step long enough to measure sets it, and then kept per backend', () => {
    const rates = new DeviceRates();
    expect(rates.rate('cpu', 'plain')).toEqual({ flopsPerMs: ASSUMED_FLOPS_PER_MS.cpu, measured: false });
    expect(rates.observe('cpu', 'plain', 1e6, MIN_MEASURED_MS / 2)).toBe(false); // overhead, not arithmetic
    expect(rates.rate('cpu', 'plain').measured).toBe(false);
    expect(rates.observe('cpu', 'plain', 4e7, 100)).toBe(true);
    expect(rates.rate('cpu', 'plain')).toEqual({ flopsPerMs: 4e5, measured: true });
    expect(rates.observe('cpu', 'plain', 2e7, 100)).toBe(true);
    expect(rates.rate('cpu', 'plain').flopsPerMs).toBe(0.5 * 4e5 + 0.5 * 2e5);
    expect(rates.rate('webgpu', 'plain')).toEqual({ flopsPerMs: ASSUMED_FLOPS_PER_MS.webgpu, measured: false });
  });

  it('ignores a small step that took long: held up, not computing', () => {
    const rates = new DeviceRates();
    // A 105-parameter network's first tick on a busy machine: 8,448 operations in 184 ms.
    expect(rates.observe('cpu', 'plain', 8448, 184)).toBe(false);
    expect(rates.observe('cpu', 'plain', MIN_MEASURED_FLOPS / 2, 500)).toBe(false);
    expect(rates.rate('cpu', 'plain')).toEqual({ flopsPerMs: ASSUMED_FLOPS_PER_MS.cpu, measured: false });
    expect(rates.observe('cpu', 'plain', MIN_MEASURED_FLOPS, 5)).toBe(false);
    expect(rates.observe('cpu', 'plain', MIN_MEASURED_FLOPS, 25)).toBe(true);
  });

  it('ignores what cannot be a rate', () => {
    const rates = new DeviceRates({ cpu: 7, webgl: 7, webgpu: 7 }, { cpu: 9, webgl: 9, webgpu: 9 });
    expect(rates.observe('cpu', 'plain', 0, 100)).toBe(false);
    expect(rates.observe('cpu', 'plain', 1e6, Number.NaN)).toBe(false);
    expect(rates.rate('cpu', 'plain')).toEqual({ flopsPerMs: 7, measured: false });
  });

  it('keeps the fused kernels apart from the plain path: assumed faster on the CPU, each measured on its own', () => {
    const rates = new DeviceRates();
    expect(rates.rate('cpu', 'fused')).toEqual({ flopsPerMs: ASSUMED_FUSED_FLOPS_PER_MS.cpu, measured: false });
    expect(ASSUMED_FUSED_FLOPS_PER_MS.cpu).toBeGreaterThan(ASSUMED_FLOPS_PER_MS.cpu);
    expect(rates.observe('cpu', 'fused', 4e8, 100)).toBe(true);
    expect(rates.rate('cpu', 'fused')).toEqual({ flopsPerMs: 4e6, measured: true });
    expect(rates.rate('cpu', 'plain')).toEqual({ flopsPerMs: ASSUMED_FLOPS_PER_MS.cpu, measured: false });
  });
});
