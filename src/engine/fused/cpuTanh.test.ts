/**
 * cpuTanh.ts: tanhF32 gives Math.tanh's bits stored as float32 (a sample of all float32 patterns here; every
 * non-negative one in bench/verify-tanh.ts), and the fused CPU evaluation's tanh layers call Math.tanh only where
 * the guard refuses the interpolant (issue 17 §8: it called Math.tanh for every hidden element).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { networkLayout } from '../model/mlp';
import { createRandom } from '../random';
import { cpuMeasurements } from './cpuEvaluate';
import { tanhF32, TANH_TABLE_END } from './cpuTanh';

const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);

function float32Of(pattern: number): number {
  bits[0] = pattern;
  return asFloat[0];
}

afterEach(() => vi.restoreAllMocks());

describe('tanhF32', () => {
  it('equals Math.fround(Math.tanh(x)) bit for bit on every 3,001st float32 pattern, both signs', () => {
    let mismatches = 0;
    for (let pattern = 0; pattern < 0x1_0000_0000; pattern += 3001) {
      const x = float32Of(pattern);
      if (!Object.is(tanhF32(x), Math.fround(Math.tanh(x)))) mismatches += 1;
    }
    expect(mismatches).toBe(0);
  });

  it('keeps ±0, NaN and the ends, and the float32 neighbours of the table end and of interval edges', () => {
    const edges = [0, -0, Number.NaN, Infinity, -Infinity, 1e-45, -1e-45, 1e-30, TANH_TABLE_END, 9.01, 0.0625, 0.5, 1, 2.5];
    for (const edge of edges) {
      for (const x of [Math.fround(edge), Math.fround(edge * (1 - 2 ** -23)), Math.fround(edge * (1 + 2 ** -23))]) {
        expect(Object.is(tanhF32(x), Math.fround(Math.tanh(x))), `x = ${x}`).toBe(true);
      }
    }
  });
});

describe('the fused CPU evaluation on tanh layers', () => {
  it('calls Math.tanh for under 1 % of the hidden elements of a 2-8-8-1 network over 500 rows', () => {
    const layout = networkLayout(2, [8, 8], ['tanh', 'tanh'], 1);
    const random = createRandom(5);
    const theta = Float32Array.from({ length: layout.parameterCount }, () => random.uniform(-1.5, 1.5));
    const rows = (count: number) => ({
      inputs: Float32Array.from({ length: count * 2 }, () => random.uniform(-1, 1)),
      targets: Float32Array.from({ length: count }, () => (random.next() < 0.5 ? 0 : 1)),
      rows: count,
    });
    const sets = { train: rows(250), test: rows(250), validation: null };
    const network = { layout, lossKind: 'sigmoid-cross-entropy' as const, classCount: 2 };
    const tanh = vi.spyOn(Math, 'tanh');
    const measured = cpuMeasurements(network, theta, sets);
    // 500 rows × 16 hidden units: every one of the 8,000 took Math.tanh before.
    expect(tanh.mock.calls.length).toBeLessThan(80);
    tanh.mockRestore();
    expect(Number.isFinite(measured?.trainLoss)).toBe(true);
  });
});
