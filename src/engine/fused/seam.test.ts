/**
 * engine/fused is the seam every algorithm's fused kernels build on (issue 20 §1: one folder per algorithm):
 * the problem and state they share, the CPU matrix products, the WebGPU dispatch and the WGSL building
 * blocks. Its code imports no algorithm: the kernels live in src/algorithms/<name>/ and import the seam,
 * and the session reaches them only through the worker registry (algorithms/workerRegistry.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SEAM = new URL('.', import.meta.url).pathname;
const ALGORITHMS = resolve(SEAM, '../../algorithms');
/** engine/train: the contract every algorithm implements (train/algorithm.ts) and the shared plain-path pieces. */
const CONTRACT = resolve(SEAM, '../train');

function codeFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return codeFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The relative modules a file imports or re-exports, resolved to paths. */
function importedPaths(path: string): string[] {
  const specifiers = [...readFileSync(path, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]);
  return specifiers.map((specifier) => resolve(dirname(path), specifier));
}

/** `file -> algorithms/...` for each import of an algorithm folder by a code file under `directory`. */
function algorithmImports(directory: string): string[] {
  return codeFiles(directory).flatMap((path) =>
    importedPaths(path)
      .filter((target) => target === ALGORITHMS || target.startsWith(`${ALGORITHMS}/`))
      .map((target) => `${relative(directory, path)} -> ${relative(resolve(SEAM, '../..'), target)}`),
  );
}

describe('engine/fused, the fused kernels’ seam', () => {
  it('holds code files (the walk below sees them)', () => {
    expect(codeFiles(SEAM).map((path) => relative(SEAM, path))).toContain('fusedSteps.ts');
  });

  it('imports no algorithm folder', () => {
    expect(algorithmImports(SEAM)).toEqual([]);
  });

  it('nor does engine/train, the contract its input is typed by (no algorithm’s settings type in it)', () => {
    expect(codeFiles(CONTRACT).map((path) => relative(CONTRACT, path))).toContain('algorithm.ts');
    expect(algorithmImports(CONTRACT)).toEqual([]);
  });
});
