/** Comparing a fast path with its reference: the fused kernels against the plain TF.js path. */

/** Largest |a − b| relative to the largest |b| of the vector (scale-relative, as LocoProp's T1 is tested). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-12;
  let worst = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / scale;
}
