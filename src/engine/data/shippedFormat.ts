/**
 * The data sets LocoLab ships in public/data/<name>.bin (built by scripts/build-datasets.mjs; see docs/datasets.md).
 * TF.js-free: it runs in a browser worker and in Node 20.
 *
 * File format. A gzip stream (level 9, mtime 0) of, uncompressed:
 *   bytes 0–3   ASCII magic "LLDS"
 *   bytes 4–7   header length H, uint32 little-endian
 *   next H      UTF-8 JSON header (ShippedHeader below), padded with spaces so 8 + H is a multiple of 4
 *   payload     rows × inputSize inputs of `dtype` (uint8, or float32 little-endian), row-major,
 *               then rows uint8 labels (class indices into `classes`)
 * An input's value is the stored number divided by `scale` (255 for MNIST and 16 for the 8×8 digits, so pixels
 * lie in [0, 1]; 1 for float32). When `trainRows` is a number, the first `trainRows` rows are the source's
 * fixed training part and the rest its test part; when null there is no fixed split.
 */

/** The JSON header of a shipped data set. */
export interface ShippedHeader {
  name: string;
  title: string;
  /** Package@version and path(s) inside it. */
  source: string;
  licence: string;
  kind: 'image' | 'tabular';
  /** Feature names, tabular sets only (length inputSize). */
  features?: string[];
  /** Image shape, image sets only (width × height = inputSize). */
  image?: { width: number; height: number };
  classes: string[];
  dtype: 'uint8' | 'float32';
  /** The stored value that maps to 1.0. */
  scale: number;
  rows: number;
  trainRows: number | null;
  inputSize: number;
}

/** A decoded data set: inputs already divided by `scale`. */
export interface ShippedData {
  header: ShippedHeader;
  /** rows × inputSize, row-major. */
  inputs: Float32Array;
  labels: Uint8Array;
}

const MAGIC = [0x4c, 0x4c, 0x44, 0x53]; // "LLDS"

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new Error(`shipped data: the gzip stream is corrupt or truncated (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks the parsed header field by field; returns it typed or throws naming the first bad field. */
function validateHeader(h: Record<string, unknown>): ShippedHeader {
  const fail = (field: string, why: string): never => {
    throw new Error(`shipped data: header field "${field}" ${why}`);
  };
  for (const field of ['name', 'title', 'source', 'licence']) if (typeof h[field] !== 'string') fail(field, 'is not a string');
  if (h.kind !== 'image' && h.kind !== 'tabular') fail('kind', `is ${JSON.stringify(h.kind)}, not "image" or "tabular"`);
  if (h.dtype !== 'uint8' && h.dtype !== 'float32') fail('dtype', `is ${JSON.stringify(h.dtype)}, not "uint8" or "float32"`);
  if (typeof h.scale !== 'number' || !(h.scale > 0)) fail('scale', 'is not a positive number');
  if (!isCount(h.rows)) fail('rows', 'is not a non-negative integer');
  if (!isCount(h.inputSize) || h.inputSize === 0) fail('inputSize', 'is not a positive integer');
  if (h.trainRows !== null && !(isCount(h.trainRows) && h.trainRows <= (h.rows as number))) fail('trainRows', 'is neither null nor an integer in [0, rows]');
  if (!isStrings(h.classes) || h.classes.length === 0 || h.classes.length > 256) fail('classes', 'is not a list of 1–256 names');
  if (h.kind === 'image') {
    const image = h.image as { width?: unknown; height?: unknown } | undefined;
    if (!image || !isCount(image.width) || !isCount(image.height) || image.width * image.height !== h.inputSize) {
      fail('image', 'is not {width, height} with width × height = inputSize');
    }
  } else if (!isStrings(h.features) || h.features.length !== h.inputSize) fail('features', 'is not a list of inputSize names');
  return h as unknown as ShippedHeader;
}

/**
 * Decodes a shipped data file. Gunzips first when the bytes start with the gzip signature (1f 8b); otherwise
 * takes them as already decompressed (a server may have sent the file with Content-Encoding: gzip).
 * Throws an Error naming the problem for a bad magic, header, or payload length, or an out-of-range label.
 */
export async function decodeShippedData(bytes: Uint8Array): Promise<ShippedData> {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzip(bytes) : bytes;
  if (raw.length < 8 || MAGIC.some((b, i) => raw[i] !== b)) throw new Error('shipped data: bad magic (expected "LLDS")');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const headerLength = view.getUint32(4, true);
  const start = 8 + headerLength;
  if (start > raw.length) throw new Error(`shipped data: header length ${headerLength} runs past the end (${raw.length} bytes)`);
  if (start % 4 !== 0) throw new Error(`shipped data: payload offset ${start} is not a multiple of 4`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw.subarray(8, start)));
  } catch (error) {
    throw new Error(`shipped data: header is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('shipped data: header is not a JSON object');
  const header = validateHeader(parsed as Record<string, unknown>);
  const count = header.rows * header.inputSize;
  const inputBytes = count * (header.dtype === 'float32' ? 4 : 1);
  const expected = inputBytes + header.rows;
  if (raw.length - start !== expected) {
    throw new Error(`shipped data: payload is ${raw.length - start} bytes, the header (${header.rows} rows × ${header.inputSize} ${header.dtype} + labels) needs ${expected}`);
  }
  const inputs = new Float32Array(count);
  const scale = header.scale;
  if (header.dtype === 'uint8') {
    for (let i = 0; i < count; i++) inputs[i] = raw[start + i] / scale;
  } else {
    for (let i = 0; i < count; i++) inputs[i] = view.getFloat32(start + 4 * i, true) / scale;
  }
  const labels = raw.slice(start + inputBytes);
  const bad = labels.findIndex((l) => l >= header.classes.length);
  if (bad >= 0) throw new Error(`shipped data: label ${labels[bad]} of row ${bad} is not below ${header.classes.length} classes`);
  return { header, inputs, labels };
}

/**
 * Shrinks `count` images of width × height by `factor` in each direction, each output pixel the mean of its
 * factor × factor block (MNIST at 14×14 is factor 2). Width and height must be multiples of factor.
 */
export function downsampleImages(inputs: Float32Array, count: number, width: number, height: number, factor: number): Float32Array {
  if (!Number.isInteger(factor) || factor < 1 || width % factor !== 0 || height % factor !== 0) {
    throw new Error(`downsampleImages: ${width}×${height} does not divide into ${factor}×${factor} blocks`);
  }
  if (inputs.length !== count * width * height) throw new Error(`downsampleImages: ${inputs.length} values is not ${count} × ${width}×${height}`);
  const w = width / factor;
  const h = height / factor;
  const out = new Float32Array(count * w * h);
  const inv = 1 / (factor * factor);
  for (let n = 0; n < count; n++) {
    const src = n * width * height;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) {
          const row = src + (y * factor + dy) * width + x * factor;
          for (let dx = 0; dx < factor; dx++) sum += inputs[row + dx];
        }
        out[(n * h + y) * w + x] = sum * inv;
      }
    }
  }
  return out;
}
