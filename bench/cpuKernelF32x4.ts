/**
 * AssemblyScript source of candidate (d) for bench/cpu-kernel-candidates.ts: X·W + b with float32 sums, four
 * outputs per f32x4 lane group (not TF.js's rounding, so not the plain path's bits). Bench only.
 */
export const F32X4_SOURCE = `
export function product(x: usize, w: usize, bias: usize, out: usize, batch: i32, n: i32, k: i32): void {
  const wRow = (<usize>k) << 2;
  for (let r = 0; r < batch; r++) {
    const xr = x + ((<usize>(r * n)) << 2);
    const outRow = out + ((<usize>(r * k)) << 2);
    let j = 0;
    for (; j + 16 <= k; j += 16) {
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      let wp = w + ((<usize>j) << 2);
      for (let i = 0; i < n; i++, wp += wRow) {
        const xi = load<f32>(xr + ((<usize>i) << 2));
        if (xi == 0) continue;
        const xs = f32x4.splat(xi);
        s0 = f32x4.add(s0, f32x4.mul(xs, v128.load(wp)));
        s1 = f32x4.add(s1, f32x4.mul(xs, v128.load(wp, 16)));
        s2 = f32x4.add(s2, f32x4.mul(xs, v128.load(wp, 32)));
        s3 = f32x4.add(s3, f32x4.mul(xs, v128.load(wp, 48)));
      }
      const op = outRow + ((<usize>j) << 2);
      const bp = bias + ((<usize>j) << 2);
      v128.store(op, f32x4.add(s0, v128.load(bp)));
      v128.store(op, f32x4.add(s1, v128.load(bp, 16)), 16);
      v128.store(op, f32x4.add(s2, v128.load(bp, 32)), 32);
      v128.store(op, f32x4.add(s3, v128.load(bp, 48)), 48);
    }
    for (; j < k; j++) {
      let s: f32 = 0;
      for (let i = 0; i < n; i++) s += load<f32>(xr + ((<usize>i) << 2)) * load<f32>(w + ((<usize>(i * k + j)) << 2));
      store<f32>(outRow + ((<usize>j) << 2), s + load<f32>(bias + ((<usize>j) << 2)));
    }
  }
}
`;
