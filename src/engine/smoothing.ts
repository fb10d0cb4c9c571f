/** Smoothing shared by the charts and the LR range test. */

/**
 * TensorBoard's debiased exponential moving average (tensorboard PR #639): the EMA divided by 1 − wⁿ,
 * so the first smoothed value equals the first raw value instead of being pulled towards 0.
 * Non-finite values pass through unsmoothed and do not disturb the average.
 */
export function smoothDebiased(values: readonly number[], weight: number): number[] {
  let accumulator = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    accumulator = accumulator * weight + (1 - weight) * value;
    count += 1;
    const debias = weight > 0 ? 1 - weight ** count : 1;
    return accumulator / debias;
  });
}
