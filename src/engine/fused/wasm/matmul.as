// AssemblyScript source of the fused CPU kernels' matrix products (compiled by scripts/build-wasm.mjs into
// cpuMatMulWasm.generated.ts). Everything is float64 in linear memory (the float32 operands widened, which is
// exact). Each output's terms are added in the same order as the JavaScript loops of ../cpuMatMul.ts add them,
// one f64x2 lane per output: a lane does the same IEEE double multiply and add as the scalar loop (WebAssembly
// has no fused multiply-add, and f64x2.add/mul round each lane as f64.add/mul do: WebAssembly SIMD spec,
// "Floating-point arithmetic"), so the results are bit for bit those of the JavaScript loops.
// Block rounding as TF.js's CPU matMul: the shared dimension in blocks of `block` terms, each block's double sum
// added into a float32 (f32x4.demote_f64x2_zero then f64x2.promote_low_f32x4 rounds each lane to float32).

@inline function round32(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}

@inline function finish(total: v128, sum: v128, rounded: i32): v128 {
  return rounded ? round32(f64x2.add(total, sum)) : f64x2.add(total, sum);
}

@inline function finishScalar(total: f64, sum: f64, rounded: i32): f64 {
  return rounded ? <f64><f32>(total + sum) : total + sum;
}

/**
 * out (batch × k) = x (batch × n) · w (n × k) [+ bias (k), when bias ≠ 0], the shared dimension n summed in
 * blocks of `block` (each block's sum added into a float32 when `rounded`). Zero inputs are skipped (`skipZeros`),
 * as the JavaScript loop skips them. Pointers are byte offsets of float64 arrays.
 */
export function product(x: usize, w: usize, bias: usize, out: usize, batch: i32, n: i32, k: i32, block: i32, rounded: i32, skipZeros: i32): void {
  const wRow = (<usize>k) << 3;
  for (let r = 0; r < batch; r++) {
    const xr = x + ((<usize>(r * n)) << 3);
    const outRow = out + ((<usize>(r * k)) << 3);
    let j = 0;
    for (; j + 8 <= k; j += 8) {
      let t0 = f64x2.splat(0), t1 = f64x2.splat(0), t2 = f64x2.splat(0), t3 = f64x2.splat(0);
      for (let i0 = 0; i0 < n; i0 += block) {
        const end = min(i0 + block, n);
        let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
        let wp = w + ((<usize>(i0 * k + j)) << 3);
        for (let i = i0; i < end; i++, wp += wRow) {
          const xi = load<f64>(xr + ((<usize>i) << 3));
          if (skipZeros && xi == 0) continue;
          const xs = f64x2.splat(xi);
          s0 = f64x2.add(s0, f64x2.mul(xs, v128.load(wp)));
          s1 = f64x2.add(s1, f64x2.mul(xs, v128.load(wp, 16)));
          s2 = f64x2.add(s2, f64x2.mul(xs, v128.load(wp, 32)));
          s3 = f64x2.add(s3, f64x2.mul(xs, v128.load(wp, 48)));
        }
        t0 = finish(t0, s0, rounded);
        t1 = finish(t1, s1, rounded);
        t2 = finish(t2, s2, rounded);
        t3 = finish(t3, s3, rounded);
      }
      const op = outRow + ((<usize>j) << 3);
      if (bias) {
        const bp = bias + ((<usize>j) << 3);
        t0 = f64x2.add(t0, v128.load(bp));
        t1 = f64x2.add(t1, v128.load(bp, 16));
        t2 = f64x2.add(t2, v128.load(bp, 32));
        t3 = f64x2.add(t3, v128.load(bp, 48));
      }
      v128.store(op, t0);
      v128.store(op, t1, 16);
      v128.store(op, t2, 32);
      v128.store(op, t3, 48);
    }
    for (; j + 2 <= k; j += 2) {
      let t = f64x2.splat(0);
      for (let i0 = 0; i0 < n; i0 += block) {
        const end = min(i0 + block, n);
        let s = f64x2.splat(0);
        let wp = w + ((<usize>(i0 * k + j)) << 3);
        for (let i = i0; i < end; i++, wp += wRow) {
          const xi = load<f64>(xr + ((<usize>i) << 3));
          if (skipZeros && xi == 0) continue;
          s = f64x2.add(s, f64x2.mul(f64x2.splat(xi), v128.load(wp)));
        }
        t = finish(t, s, rounded);
      }
      if (bias) t = f64x2.add(t, v128.load(bias + ((<usize>j) << 3)));
      v128.store(outRow + ((<usize>j) << 3), t);
    }
    if (j < k) {
      let t: f64 = 0;
      for (let i0 = 0; i0 < n; i0 += block) {
        const end = min(i0 + block, n);
        let s: f64 = 0;
        let wp = w + ((<usize>(i0 * k + j)) << 3);
        for (let i = i0; i < end; i++, wp += wRow) {
          const xi = load<f64>(xr + ((<usize>i) << 3));
          if (skipZeros && xi == 0) continue;
          s += xi * load<f64>(wp);
        }
        t = finishScalar(t, s, rounded);
      }
      if (bias) t += load<f64>(bias + ((<usize>j) << 3));
      store<f64>(outRow + ((<usize>j) << 3), t);
    }
  }
}

/**
 * out (n × k) = xᵀ (n × batch) · d (batch × k): the weight gradient Xᵀδ, the batch summed in blocks of `block`
 * rows, each block's sum added into a float32. Zero inputs are skipped, as the JavaScript loop skips them.
 */
export function gradient(x: usize, d: usize, out: usize, batch: i32, n: i32, k: i32, block: i32): void {
  const xRow = (<usize>n) << 3;
  const dRow = (<usize>k) << 3;
  for (let i = 0; i < n; i++) {
    const outRow = out + ((<usize>(i * k)) << 3);
    const xi = x + ((<usize>i) << 3);
    let j = 0;
    for (; j + 8 <= k; j += 8) {
      let t0 = f64x2.splat(0), t1 = f64x2.splat(0), t2 = f64x2.splat(0), t3 = f64x2.splat(0);
      for (let r0 = 0; r0 < batch; r0 += block) {
        const end = min(r0 + block, batch);
        let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
        let xp = xi + (<usize>r0) * xRow;
        let dp = d + ((<usize>(r0 * k + j)) << 3);
        for (let r = r0; r < end; r++, xp += xRow, dp += dRow) {
          const xr = load<f64>(xp);
          if (xr == 0) continue;
          const xs = f64x2.splat(xr);
          s0 = f64x2.add(s0, f64x2.mul(xs, v128.load(dp)));
          s1 = f64x2.add(s1, f64x2.mul(xs, v128.load(dp, 16)));
          s2 = f64x2.add(s2, f64x2.mul(xs, v128.load(dp, 32)));
          s3 = f64x2.add(s3, f64x2.mul(xs, v128.load(dp, 48)));
        }
        t0 = round32(f64x2.add(t0, s0));
        t1 = round32(f64x2.add(t1, s1));
        t2 = round32(f64x2.add(t2, s2));
        t3 = round32(f64x2.add(t3, s3));
      }
      const op = outRow + ((<usize>j) << 3);
      v128.store(op, t0);
      v128.store(op, t1, 16);
      v128.store(op, t2, 32);
      v128.store(op, t3, 48);
    }
    for (; j + 2 <= k; j += 2) {
      let t = f64x2.splat(0);
      for (let r0 = 0; r0 < batch; r0 += block) {
        const end = min(r0 + block, batch);
        let s = f64x2.splat(0);
        let xp = xi + (<usize>r0) * xRow;
        let dp = d + ((<usize>(r0 * k + j)) << 3);
        for (let r = r0; r < end; r++, xp += xRow, dp += dRow) {
          const xr = load<f64>(xp);
          if (xr == 0) continue;
          s = f64x2.add(s, f64x2.mul(f64x2.splat(xr), v128.load(dp)));
        }
        t = round32(f64x2.add(t, s));
      }
      v128.store(outRow + ((<usize>j) << 3), t);
    }
    if (j < k) {
      let t: f64 = 0;
      for (let r0 = 0; r0 < batch; r0 += block) {
        const end = min(r0 + block, batch);
        let s: f64 = 0;
        let xp = xi + (<usize>r0) * xRow;
        let dp = d + ((<usize>(r0 * k + j)) << 3);
        for (let r = r0; r < end; r++, xp += xRow, dp += dRow) {
          const xr = load<f64>(xp);
          if (xr == 0) continue;
          s += xr * load<f64>(dp);
        }
        t = <f64><f32>(t + s);
      }
      store<f64>(outRow + ((<usize>j) << 3), t);
    }
  }
}
