/**
 * fastai's suggestion functions (fastai docs, callback.schedule: `valley`, `steep`, `minimum`, the
 * `suggest_funcs` of `Learner.lr_find`, https://docs.fast.ai/callback.schedule.html), on the trimmed,
 * smoothed curve. Each returns the index of the point it marks and the learning rate it suggests. One stated
 * difference: `steep` looks only at the descent up to the minimum (see below).
 */
export interface Suggestion {
  index: number;
  learningRate: number;
}

/**
 * valley: the middle of the longest (not necessarily contiguous) strictly decreasing run of losses. d[i] is
 * that run's length ending at i; end = first index of the largest d; start = end − d[end];
 * idx = start + ⌊(end − start)/3⌋ + ⌊(end − start)/6⌋. fastai lets idx be −1 and then wraps to the last
 * point; we clamp to 0 (the reference's recommendation for a port).
 */
export function valley(lrs: readonly number[], losses: readonly number[]): Suggestion {
  const n = losses.length;
  const d = new Array<number>(n).fill(1);
  let end = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) if (losses[i] < losses[j] && d[j] + 1 > d[i]) d[i] = d[j] + 1;
    if (d[i] > d[end]) end = i;
  }
  const start = d[end] > 1 ? end - d[end] : end;
  const sections = (end - start) / 3;
  const index = Math.max(0, start + Math.trunc(sections) + Math.trunc(sections / 2));
  return { index, learningRate: lrs[index] };
}

/**
 * steep: the left end of the segment with the most negative slope of loss against ln(lr), among the segments
 * that end at or before the lowest loss. fastai's `steep` takes the steepest slope anywhere on the curve; past
 * the minimum the loss is exploding, and a noisy drop there (a smoothed curve can fall briefly between two
 * blow-ups) would suggest a rate above the minimum, which the sweep has just shown to be too high. Restricted
 * to the descent, the suggestion always lies below the minimum's rate (index 0 when the minimum is the first
 * point and there is no descent).
 */
export function steep(lrs: readonly number[], losses: readonly number[]): Suggestion {
  const lowest = argmin(losses);
  let index = 0;
  let best = Infinity;
  for (let k = 0; k + 1 <= lowest; k++) {
    const slope = (losses[k + 1] - losses[k]) / (Math.log(lrs[k + 1]) - Math.log(lrs[k]));
    if (slope < best) {
      best = slope;
      index = k;
    }
  }
  return { index, learningRate: lrs[index] };
}

/** minimum: a tenth of the learning rate at the lowest loss (marked at the minimum itself). */
export function minimumOverTen(lrs: readonly number[], losses: readonly number[]): Suggestion {
  const index = argmin(losses);
  return { index, learningRate: lrs[index] / 10 };
}

/** The first index of the lowest loss. */
function argmin(losses: readonly number[]): number {
  let index = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[index]) index = i;
  return index;
}
