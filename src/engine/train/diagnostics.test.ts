import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { DiagnosticsLayout } from './algorithm';
import { diagnosticsLength, packDiagnostics, unpackDiagnostics } from './diagnostics';

/** A rows × cols matrix whose entry (r, c) is 100·r + c + offset. */
const matrix = (rows: number, cols: number, offset: number): tf.Tensor2D => tf.tensor2d(Array.from({ length: rows * cols }, (_, i) => 100 * Math.floor(i / cols) + (i % cols) + offset), [rows, cols]);

async function packed(cols: number[], unit: { layer: number; unit: number } | null) {
  let layout: DiagnosticsLayout = { layers: [] };
  const values = tf.tidy(() => {
    const layers = cols.map((c) => ({ activation: matrix(20, c, 0), target: matrix(20, c, 0.5), landed: matrix(20, c, 0.25), localLoss: [tf.scalar(2), tf.scalar(1.5)] }));
    const diagnostics = packDiagnostics(layers, unit);
    layout = diagnostics.layout;
    return diagnostics.values;
  });
  const read = Float32Array.from(await values.data());
  values.dispose();
  expect(read.length).toBe(diagnosticsLength(layout));
  return unpackDiagnostics(read, layout);
}

describe('the targets sample of a diagnosed step', () => {
  it('adds the asked-for unit’s column on the block’s rows when it lies past the block (unit 12 of 16)', async () => {
    const [first, second] = await packed([16, 16], { layer: 1, unit: 11 });
    // The block: 8 units × 8 rows, as before; the column: unit 11 on rows 0–7.
    expect(second.activation.length).toBe(64);
    expect(second.column?.unit).toBe(11);
    expect(Array.from(second.column?.activation ?? [])).toEqual([11, 111, 211, 311, 411, 511, 611, 711]);
    expect(Array.from(second.column?.target ?? [])).toEqual([11.5, 111.5, 211.5, 311.5, 411.5, 511.5, 611.5, 711.5]);
    expect(Array.from(second.column?.landed ?? [])).toEqual([11.25, 111.25, 211.25, 311.25, 411.25, 511.25, 611.25, 711.25]);
    // Everything before it reads as it did: the local losses, the block's unit 7 on row 7.
    expect(Array.from(second.localLoss)).toEqual([0, -0.5]);
    expect(second.activation[7 * 8 + 7]).toBe(707);
    expect(first.column).toBeUndefined();
  });

  it('adds nothing for a unit in the block, in another layer, past the layer, or none', async () => {
    for (const unit of [{ layer: 0, unit: 3 }, { layer: 1, unit: 11 }, { layer: 0, unit: 16 }, null]) {
      const [layer] = await packed([16], unit);
      expect(layer.column).toBeUndefined();
      expect(layer.activation.length).toBe(64);
    }
  });
});
