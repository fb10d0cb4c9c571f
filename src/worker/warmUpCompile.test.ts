/**
 * The bookkeeping of the warm-up's parallel compile (warmUp.ts, engine/fused/webgpuDispatch.ts), which the browser
 * runs on WebGPU: here with plain objects standing in for pipelines, and promises the test settles.
 */
import { describe, expect, it } from 'vitest';
import { compileLater } from '../engine/fused/webgpuDispatch';
import { settleOutsideCache } from './warmUp';

interface Pipeline {
  name: string;
}

/** A promise and the functions that settle it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("TF.js's cache while its compile-only pipelines compile (settleOutsideCache)", () => {
  it('holds no promise from the start; each pipeline goes back when compiled, unless its key was filled meanwhile, and a failed one stays out', async () => {
    const compiled: Pipeline = { name: 'compiled before' };
    const a = deferred<Pipeline>();
    const b = deferred<Pipeline>();
    const c = deferred<Pipeline>();
    const cache: Record<string, Pipeline | Promise<Pipeline>> = { compiled, a: a.promise, b: b.promise, c: c.promise };
    const settled = settleOutsideCache(cache);
    expect(Object.values(cache).some((entry) => entry instanceof Promise)).toBe(false);
    expect(Object.keys(cache)).toEqual(['compiled']);
    // A dispatch needed b meanwhile and compiled its own.
    const own: Pipeline = { name: 'b, compiled by a dispatch' };
    cache.b = own;
    a.resolve({ name: 'a' });
    b.resolve({ name: 'b, compiled in parallel' });
    c.reject(new Error('device lost'));
    await settled;
    expect(cache).toEqual({ compiled, b: own, a: { name: 'a' } });
  });
});

describe('the fused kernels compiled later (compileLater)', () => {
  it('asks once per cache and key, fills the cache when done unless a dispatch did, and asks again after a failure', async () => {
    const cache = new Map<string, Pipeline>();
    const first = deferred<Pipeline>();
    let asked = 0;
    const compile = (promise: Promise<Pipeline>) => () => {
      asked += 1;
      return promise;
    };
    compileLater(cache, 'k', compile(first.promise));
    compileLater(cache, 'k', compile(first.promise));
    expect(asked).toBe(1);
    first.resolve({ name: 'k' });
    await first.promise;
    await Promise.resolve();
    expect(cache.get('k')).toEqual({ name: 'k' });

    const failing = deferred<Pipeline>();
    compileLater(cache, 'f', compile(failing.promise));
    failing.reject(new Error('lost'));
    await failing.promise.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.has('f')).toBe(false);
    const again = deferred<Pipeline>();
    compileLater(cache, 'f', compile(again.promise));
    expect(asked).toBe(3);

    const raced = deferred<Pipeline>();
    compileLater(cache, 'r', compile(raced.promise));
    const own = { name: 'r, compiled by a dispatch' };
    cache.set('r', own);
    raced.resolve({ name: 'r, compiled later' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.get('r')).toBe(own);
  });
});
