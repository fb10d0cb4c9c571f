import { describe, expect, it } from 'vitest';
import type { LayerDiagnostics } from '../../engine/train/diagnostics';
import type { NeuronsReading } from '../../probes/neurons/declaration';
import { activationColor, edgesToDraw, edgeStyle, incomingText, moveFocus, networkPicture, planeRange, unitTargets, MAX_DIAGRAM_HEIGHT } from './neuronModel';

const overlaps = (a: { x: number; y: number; size: number }, b: { x: number; y: number; size: number }): boolean =>
  a.x < b.x + b.size && b.x < a.x + a.size && a.y < b.y + b.size && b.y < a.y + a.size;

describe('the per-unit diagram', () => {
  it.each([
    [[8, 8], 320],
    [[64, 64, 64, 64, 64, 64], 320],
    [[1, 64, 3], 480],
    [[6, 6, 6, 6, 6, 6], 700],
  ])('places every unit of %j inside a %i px wide diagram no taller than the cap, none overlapping another', (units, width) => {
    const picture = networkPicture(units, width, 2, 1);
    expect(picture.units.map((layer) => layer.length)).toEqual(units);
    expect(picture.height).toBeLessThanOrEqual(MAX_DIAGRAM_HEIGHT);
    const all = picture.units.flat();
    for (const box of [...all, ...picture.inputs, ...picture.outputs]) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.size).toBeLessThanOrEqual(width + 1e-9);
      expect(box.y + box.size).toBeLessThanOrEqual(picture.height + 1e-9);
    }
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
    // Layers read left to right: every unit of layer m + 1 starts right of layer m's last column.
    for (let m = 0; m + 1 < units.length; m++) {
      const right = Math.max(...picture.units[m].map((b) => b.x + b.size));
      expect(Math.min(...picture.units[m + 1].map((b) => b.x))).toBeGreaterThan(right);
    }
  });

  it('gives the default network’s units room (at least 20 px) and 6 × 64 units at least 6 px', () => {
    expect(networkPicture([8, 8], 320, 2, 1).units[0][0].size).toBeGreaterThanOrEqual(20);
    expect(networkPicture([64, 64, 64, 64, 64, 64], 320, 2, 1).units[0][0].size).toBeGreaterThanOrEqual(6);
  });
});

describe('colours and words', () => {
  it('colours a unit’s output as the plane colours a regression output: −1 orange, 0 neutral, +1 blue, clamped, tinted', () => {
    // tint(c) = c + (255 − c)·0.35 of Okabe–Ito orange (230, 159, 0), blue (0, 114, 178) and the neutral 247.
    expect(activationColor(-1)).toEqual([239, 193, 89]);
    expect(activationColor(-5)).toEqual([239, 193, 89]);
    expect(activationColor(1)).toEqual([89, 163, 205]);
    expect(activationColor(0)).toEqual([250, 250, 250]);
  });

  it('colours an edge by its sign and widens it with |w| up to 2', () => {
    expect(edgeStyle(-0.3).color).toEqual([230, 159, 0]);
    expect(edgeStyle(0.3).color).toEqual([0, 114, 178]);
    expect(edgeStyle(0).width).toBe(0.5);
    expect(edgeStyle(1).width).toBeGreaterThan(edgeStyle(0.5).width);
    expect(edgeStyle(-2).width).toBe(4);
    expect(edgeStyle(9).width).toBe(4);
  });

  it('draws every edge of a small layer, and only the largest |w| of a big one', () => {
    expect(Array.from(edgesToDraw(new Float32Array([0.1, -3, 0.2])))).toEqual([0, 1, 2]);
    const weights = Float32Array.from({ length: 4096 }, (_, i) => (i % 2 === 0 ? 1 : -1) * ((i * 37) % 4096) / 4096);
    const kept = edgesToDraw(weights, 512);
    expect(kept.length).toBe(512);
    const smallestKept = Math.min(...Array.from(kept, (i) => Math.abs(weights[i])));
    const keptSet = new Set(kept);
    const largestLeft = Math.max(...Array.from(weights.keys()).filter((i) => !keptSet.has(i)).map((i) => Math.abs(weights[i])));
    expect(smallestKept).toBeGreaterThanOrEqual(largestLeft);
  });

  it('names a unit’s incoming range and its output range from the reading', () => {
    const reading: NeuronsReading = {
      units: [2],
      shown: [2],
      plane: { side: 2, layers: [new Float32Array([0.1, -0.4, 0.9, 0.2, -1, -1, -1, 0.5])] },
      histograms: null,
      edges: null,
      incoming: [{ min: new Float32Array([-0.5, -2]), max: new Float32Array([0.25, 1]), bias: new Float32Array([0.125, 0]) }],
      firstLayerImages: null,
    };
    expect(incomingText(reading, 0, 0)).toBe('Incoming weights -0.50 to 0.25; bias 0.13');
    expect(planeRange(reading, 0, 0)).toEqual([Math.fround(-0.4), Math.fround(0.9)]);
    expect(planeRange(reading, 0, 1)).toEqual([-1, 0.5]);
  });
});

describe('a unit’s targets', () => {
  it('picks its column of the targets panel’s sample (the batch’s first rows × the first 8 units, row by row)', () => {
    // 3 units, so 21 rows of 3: value = 10·row + unit.
    const block = Float32Array.from({ length: 63 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3));
    const layer: LayerDiagnostics = { activation: block, target: block.map((v) => v + 0.5), landed: block.map((v) => v + 0.25), shift: 0, localLoss: new Float32Array(0) };
    const targets = unitTargets([layer], 0, 2, 3);
    expect(targets?.activation).toEqual(Array.from({ length: 21 }, (_, r) => 10 * r + 2));
    expect(targets?.target[4]).toBe(42.5);
    expect(targets?.landed[4]).toBe(42.25);
    // Layers of more than 8 units sample their first 8.
    expect(unitTargets([layer], 0, 8, 12)).toBeNull();
    expect(unitTargets(null, 0, 0, 3)).toBeNull();
  });

  it('takes a unit past the first 8 from the column sampled for it (the enlarged unit), and no other unit from it', () => {
    // 16 units: the block is 8 rows of units 0–7 (value 100·row + unit); unit 11's column on the same 8 rows.
    const block = Float32Array.from({ length: 64 }, (_, i) => 100 * Math.floor(i / 8) + (i % 8));
    const column = Float32Array.from({ length: 8 }, (_, r) => 100 * r + 11);
    const layer: LayerDiagnostics = {
      activation: block,
      target: block.map((v) => v + 0.5),
      landed: block.map((v) => v + 0.25),
      shift: 0,
      localLoss: new Float32Array(0),
      column: { unit: 11, activation: column, target: column.map((v) => v + 0.5), landed: column.map((v) => v + 0.25) },
    };
    expect(unitTargets([layer], 0, 11, 16)).toEqual({
      activation: [11, 111, 211, 311, 411, 511, 611, 711],
      target: [11.5, 111.5, 211.5, 311.5, 411.5, 511.5, 611.5, 711.5],
      landed: [11.25, 111.25, 211.25, 311.25, 411.25, 511.25, 611.25, 711.25],
    });
    expect(unitTargets([layer], 0, 12, 16)).toBeNull();
    // Units in the block still come from it.
    expect(unitTargets([layer], 0, 3, 16)?.activation).toEqual([3, 103, 203, 303, 403, 503, 603, 703]);
  });
});

describe('moving between units with the keys', () => {
  it('goes to the neighbouring layer (keeping the unit where it can), the neighbouring unit, and a layer’s ends', () => {
    const shown = [8, 3];
    expect(moveFocus(shown, 0, 6, 'ArrowRight')).toEqual({ layer: 1, unit: 2 });
    expect(moveFocus(shown, 1, 2, 'ArrowLeft')).toEqual({ layer: 0, unit: 2 });
    expect(moveFocus(shown, 0, 0, 'ArrowLeft')).toBeNull();
    expect(moveFocus(shown, 0, 7, 'ArrowDown')).toBeNull();
    expect(moveFocus(shown, 0, 3, 'ArrowUp')).toEqual({ layer: 0, unit: 2 });
    expect(moveFocus(shown, 0, 3, 'End')).toEqual({ layer: 0, unit: 7 });
    expect(moveFocus(shown, 0, 3, 'x')).toBeNull();
  });
});
