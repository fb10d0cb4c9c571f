/**
 * Python source for numbers and arrays, shared by the exported scripts (pytorchScript.ts, optunaScript.ts).
 * Exact: every float32 is a double, and a double's shortest decimal (JavaScript's String) parses back to the
 * very same double in Python (float(), "correctly rounded", Python docs, Floating Point Arithmetic); long
 * arrays travel as base64 of their little-endian bytes.
 */

/** Arrays at most this long are written as readable Python lists (exact: a float32 printed as a double). */
export const READABLE_LIMIT = 4096;

/** Little-endian bytes of a typed array, base64 (btoa exists in browsers and in Node ≥ 16). */
export function base64Of(values: Float32Array | Int32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A Python float literal for a number (every float32 is a double; its shortest repr parses back exactly). */
export function pyNumber(value: number): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

export function pyList(values: ArrayLike<number>, perLine = 8): string {
  const items = Array.from(values, pyNumber);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(`    ${items.slice(i, i + perLine).join(', ')},`);
  return `[\n${lines.join('\n')}\n]`;
}

/** A float32 tensor literal: a readable list when short, base64 of the exact bytes when long (the script's `_f32`). */
export function pyFloatTensor(values: Float32Array, shape: number[]): string {
  if (values.length <= READABLE_LIMIT) return `torch.tensor(${pyList(values)}, dtype=torch.float32).reshape(${shape.join(', ')})`;
  return `_f32("${base64Of(values)}", ${shape.join(', ')})`;
}

export function pyIntTensor(values: Int32Array): string {
  if (values.length <= READABLE_LIMIT) return `torch.tensor(${pyList(Array.from(values), 20).replace(/\.0\b/g, '')}, dtype=torch.long)`;
  return `_i32("${base64Of(values)}")`;
}

/** A Python literal of a JSON-like value (strings quoted as JSON quotes them, which Python reads alike). */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : pyNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([key, v]) => `${JSON.stringify(key)}: ${pyLiteral(v)}`).join(', ')}}`;
}

export const pyString = (text: string): string => JSON.stringify(text);

/** A docstring's text: no closing triple quote, backslashes doubled. */
export const pyDocText = (text: string): string => text.replace(/"""/g, "'''").replace(/\\/g, '\\\\');
