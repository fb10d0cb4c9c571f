/**
 * Monotone schedules (PyTorch `StepLR`, `ExponentialLR`, and linear warm-up into `CosineAnnealingLR`):
 *   step:         lr = lr₀ · γ^⌊t/s⌋
 *   exponential:  lr = lr₀ · γ^(t/s)           (γ per s steps, continuously)
 *   cosine:       lr = lr₀ · (t + 1)/W for t < W (linear warm-up, never 0 so the first step moves),
 *                 then lr_min + (lr₀ − lr_min)·(1 + cos(π·(t − W)/(N − W)))/2 up to t = N, then lr_min.
 */
export function stepDecay(t: number, lr0: number, factor: number, stepSize: number): number {
  return lr0 * factor ** Math.floor(t / stepSize);
}

export function exponentialDecay(t: number, lr0: number, factor: number, stepSize: number): number {
  return lr0 * factor ** (t / stepSize);
}

export function cosineWithWarmup(t: number, lr0: number, minLr: number, warmup: number, total: number): { lr: number; finished: boolean } {
  if (t < warmup) return { lr: (lr0 * (t + 1)) / warmup, finished: false };
  if (t >= total) return { lr: minLr, finished: t > total };
  const progress = (t - warmup) / Math.max(1, total - warmup);
  return { lr: minLr + ((lr0 - minLr) * (1 + Math.cos(Math.PI * progress))) / 2, finished: false };
}
